"""Round 31 of issue 10: what the blind judges of round 31 found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation import generate
from quizapp.generation.article import analyse
from quizapp.generation.stems import BLANK as B
from tests.unit.generated_question import notes_text

#: A fact of its own, so a test article whose sentences give no question still makes a bank.
FACT = "In 1990 Karl Lind built the new paper mill in Leeds. "


def _questions(sentences: str):
    return [
        q
        for q in generate(notes_text(f"{sentences} {FACT}", filler=6)).questions
        if "committee met" not in q.stem and "Karl Lind built" not in q.stem
    ]


def test_page_marks_after_a_sentence_are_blanked_and_end_it():
    """ "liberal ideas.:4–5:24 Almost every state" kept the marks in a stem and hid the end of
    the sentence, so two sentences became one stem (round 31)."""
    from quizapp.generation.text import normalise

    text = "The tide turned to liberal ideas.:4–5:24 Almost every state was mapped."
    assert ":4" not in normalise(text) and len(normalise(text)) == len(text)
    assert normalise("A ratio of 3:2 held.") == "A ratio of 3:2 held."
    stems = [
        q.stem
        for q in _questions(
            "Henry Ware was elected to the chair in 1805, and the tide turned to liberal "
            "ideas.:4–5:24 Almost every state in the Union was mapped by Karl Lind in 1809."
        )
    ]
    assert stems and not any(":4" in stem or ":24" in stem for stem in stems)
    assert not any("Ware" in stem and "Lind" in stem for stem in stems)


def test_him_after_a_name_with_the_points_at_no_one():
    """ "every state in the Union was mapped by him" (round 31): "the Union" is no one."""
    from quizapp.generation.quality import dangling_pronoun

    assert dangling_pronoun(f"Every state in the Union was mapped by him some {B}.")
    assert not dangling_pronoun(f"Every state Karl Lind saw was mapped by him some {B}.")
    assert not dangling_pronoun(f"In {B} the Pope sent the fleet with his letter.")


def test_a_key_does_not_run_on_into_seem():
    """ "Male sex hormones such as _____ to be immunosuppressive", key "testosterone seem"."""
    from quizapp.generation.quality import verb_tail_key

    assert verb_tail_key(f"Hormones such as {B} to be helpful.", "testosterone seem")
    assert not verb_tail_key(f"Hormones such as {B} are helpful.", "testosterone")
    assert not any(
        str(q.answer).endswith("seem")
        for q in _questions("Male sex hormones such as testosterone seem to be immunosuppressive.")
    )


def test_wrong_years_after_by_are_earlier_and_after_after_are_later():
    """ "By _____, GM's cars reflected the crisis" offered 1978 and 1983, which are as true as
    the key 1977 (round 31)."""
    from quizapp.generation.distractors import year_distractors

    article = analyse(
        notes_text(
            "By 1977 the new cars of Detroit were smaller. After 1980 the mill sold small cars "
            "to Japan. In 1990 the mill closed."
        )
    )
    years = {c.text: c for sentence in article.candidates for c in sentence}
    by_years = [int(text) for text, _ in year_distractors(article, years["1977"], 3, 7)]
    after_years = [int(text) for text, _ in year_distractors(article, years["1980"], 3, 7)]
    in_years = [int(text) for text, _ in year_distractors(article, years["1990"], 6, 7)]
    assert len(by_years) == 3 and all(year < 1977 for year in by_years)
    assert len(after_years) == 3 and all(year > 1980 for year in after_years)
    assert any(year < 1990 for year in in_years) and any(year > 1990 for year in in_years)


def test_a_key_does_not_run_over_a_sentence_end():
    """ "exchanging by _____ description applies", key "B. This" (round 31)."""
    from quizapp.generation.quality import fragment_key

    assert fragment_key("B. This")
    assert not fragment_key("J. R. R. Tolkien")
    assert not fragment_key("the Treaty of Paris")


def test_two_names_run_together_are_not_one_key():
    """ "the president of Harvard Joseph Willard" gave the key "Harvard Joseph Willard"."""
    from quizapp.generation.checks import glued_names

    article = analyse(
        notes_text(
            "Harvard grew fast. The president of Harvard Joseph Willard died in 1804. Harvard "
            "then chose Samuel Webber. Martin Luther King spoke at Harvard. Count Ludwig von "
            "Nassau met Webber. The Count stayed a year."
        )
    )
    assert glued_names(article, "Harvard Joseph Willard")
    assert not glued_names(article, "Joseph Willard")
    assert not glued_names(article, "Martin Luther King")
    assert not glued_names(article, "Count Ludwig von Nassau")


def test_the_results_with_nothing_to_say_which_are_cut_or_refused():
    """ "The results showed that areas ... such as _____" and "estimated the findings" point
    at a sentence the stem does not have (round 31)."""
    from quizapp.generation.quality import pointing_noun
    from quizapp.generation.stems import without_pointing_adverbial

    cut = without_pointing_adverbial(f"The results showed that towns such as {B} grew.")
    assert cut == f"Towns such as {B} grew."
    assert pointing_noun(f"In {B} the board accepted the proposal.")
    assert not pointing_noun(f"In {B} the board accepted the proposal of the mayor.")
    assert not pointing_noun(f"The results of the census of {B} were late.")


def test_a_verb_taking_to_is_not_cut_from_its_object():
    """ "_____ can be small, as it only needs." (round 31): the cut fell on "needs to"."""
    from quizapp.generation.stems import without_pointing_tail

    body = (
        f"{B} can be small, as it only needs to contain this code and the length, which is "
        "different for different packets."
    )
    assert without_pointing_tail(body) == body
    joined = f"The trade in the whole county is run by {B} and this is who regulates the trade."
    assert without_pointing_tail(joined) == f"The trade in the whole county is run by {B}"
