"""Round 32 of issue 10: what the blind judges of round 32 found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.stems import BLANK as B
from tests.unit.generated_question import notes_text, question_on


def _article(sentences: str):
    return analyse(notes_text(sentences))


def test_a_key_pointing_back_with_other_is_refused():
    """ "Other basic immune mechanisms evolved ..." as a key: anything else of the kind fits."""
    from quizapp.generation.quality import fragment_key

    assert fragment_key("Other basic immune mechanisms")
    assert fragment_key("such devices")
    assert not fragment_key("the Other Place")
    assert not fragment_key("basic immune mechanisms")


def test_a_stem_ending_in_and_is_broken():
    """ "the product of the two Gaussian primes and." once the brackets were cut (round 32)."""
    from quizapp.generation.quality import broken_surface

    assert broken_surface(f"In the ring, {B} splits into the two primes and.")
    assert not broken_surface(f"In the ring, {B} splits into two primes.")


def test_a_letter_in_brackets_after_a_capital_is_mathematics_not_a_footnote():
    """ "the bigger ring Z[i]" read "the bigger ring Z" (round 32); "word[a]" is a footnote."""
    from quizapp.generation.text import normalise

    assert "Z[i]" in normalise("In the bigger ring Z[i], 2 splits.")
    assert "[a]" not in normalise("The mill was rebuilt[a] in 1990.")


def test_people_are_not_offered_as_a_ship():
    """ "carried by the ship _____" offered three actors beside "John of London" (round 32)."""
    from quizapp.generation.checks import check_role_of_blank

    text = notes_text("The press came on the ship John of London in 1638. Anna Berg wrote it.")
    article = analyse(text)

    def with_options(*options: str):
        return question_on(
            text,
            "The press came",
            kind="multiple_choice",
            stem=f"The press came on the ship {B} in 1638.",
            options=("John of London", *options),
            answer="John of London",
        )

    assert not check_role_of_blank(article, with_options("Jack Lemmon", "Ashley Judd"))
    assert check_role_of_blank(article, with_options("the Mayflower", "the Arbella"))


def test_a_name_ending_in_a_letter_takes_its_noun():
    """ "_____ cells are a sub-group of T cells", key "Killer T" (round 32): the key is
    "Killer T cells"; a key ending in a letter before a noun is refused."""
    from quizapp.generation.quality import letter_tail_key

    article = _article("Killer T cells kill cells infected with viruses in 1990.")
    keys = {c.text for sentence in article.candidates for c in sentence}
    assert "Killer T cells" in keys and "Killer T" not in keys
    assert letter_tail_key(f"{B} cells kill infected cells.", "Killer T")
    assert not letter_tail_key(f"{B} cells kill infected cells.", "Killer T cells")
    assert not letter_tail_key(f"After {B} veterans came home.", "World War I")


def test_the_city_is_said_as_the_city_the_article_is_about():
    """ "Many people in the city have _____ ancestors" in an article on Newcastle (the fit
    split, round 32): cut out of its paragraph, "the city" does not say which."""
    from quizapp.generation.stems import city_named, title_city

    assert title_city("Warsaw") == "Warsaw"
    assert title_city("Fresno, California") == "Fresno"
    assert title_city("Victoria (Australia)") is None
    assert title_city("Normans") is None
    warsaw = "Warsaw\n\n"  # an article on Warsaw: its title line
    assert city_named(f"In 2006, {B} were registered in the city.", "", warsaw) == (
        f"In 2006, {B} were registered in Warsaw."
    )
    assert city_named(f"The city's {B} improved.", "", warsaw) == f"Warsaw's {B} improved."
    assert city_named(f"The city's port grew by {B}.", "", warsaw) == f"Warsaw's port grew by {B}."
    kept = [
        f"The city limits cover {B}.",
        f"The city of Warsaw had {B} people.",
        f"After {B} the city walls fell.",
    ]
    assert all(city_named(body, "", warsaw) == body for body in kept)
    # the paragraph so far names another city: "the city" may be that one
    other = f"The city's garrison resisted until {B}."
    assert city_named(other, "The Normans laid siege to Kraków. ", warsaw) == other
    assert city_named(other, "The Normans laid siege. ", warsaw) != other


def test_openings_that_lean_on_the_sentence_before_point_out():
    """ "According to the same statistics", "The largest, the Theatre Royal ...", "Most are
    members of ..." (the fit split, round 32) rest on a sentence the stem does not have."""
    from quizapp.generation.quality import pointing_out

    assert pointing_out(f"According to the same statistics, the average age is {B}.")
    assert pointing_out(f"The largest, the Theatre Royal, first opened in {B}.")
    assert pointing_out(f"Most are members of {B}.")
    assert not pointing_out(f"At the same time {B} grew.")
    assert not pointing_out(f"All planets follow the same laws as {B}.")
    assert not pointing_out(f"Most people in the town are members of {B}.")


def test_a_stem_is_not_cut_inside_a_condition_or_a_list():
    """ "_____ argues that if a person violates a law ..." and "consider students' _____,
    environment." were cut before their claim and before the list's last item."""
    from quizapp.generation import generate

    text = notes_text(
        "Teachers consider students' background knowledge, environment, and their learning "
        "goals as well as the curricula set by the authority. Michael Bayles argues that if a "
        "person breaks a law to test it in court, and then wins the case, then the act was no "
        "crime.",
        filler=6,
    )
    stems = {str(q.answer): q.stem for q in generate(text).questions if q.kind == "fill_blank"}
    assert stems["background knowledge"].endswith("set by the authority.")
    assert stems["Michael Bayles"].endswith("the act was no crime.")
