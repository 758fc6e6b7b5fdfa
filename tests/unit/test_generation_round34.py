"""Round 34 of issue 10: what the blind judges of round 34 found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.questions import named_members, open_subject
from quizapp.generation.stems import statement
from tests.unit.generated_question import notes_text


def _key_in(sentences: str, key_text: str):
    """The article of ``sentences``, the statement holding the key ``key_text``, and the key."""
    article = analyse(notes_text(sentences))
    for sentence, cands in zip(article.sentences, article.candidates, strict=True):
        for cand in cands:
            if cand.text == key_text:
                return article, statement(sentence, is_prose=True), cand
    raise AssertionError(f"no key {key_text!r}")


def test_the_subject_of_a_vague_forecast_is_no_blank():
    """ "By promoting cooperation, _____ can contribute to a more peaceful future" fits
    "international collaboration" as well as its key "space diplomacy" (round 34)."""
    article, stmt, key = _key_in(
        "By sharing weather data and rescue tools, ocean diplomacy can contribute to a safer "
        "and fairer future at sea.",
        "ocean diplomacy",
    )
    assert open_subject(article, stmt, key)


def test_a_forecast_with_a_name_or_a_law_keeps_its_blank():
    """A name in the sentence pins the blank down; a law's subject is a fact, not a forecast."""
    article, stmt, key = _key_in(
        "By sharing weather data with Norway, ocean diplomacy can contribute to a safer future "
        "at sea.",
        "ocean diplomacy",
    )
    assert not open_subject(article, stmt, key)
    article, stmt, key = _key_in(
        "If an outside force acts on the closed system, then the centre of mass will "
        "experience an acceleration.",
        "the centre of mass",
    )
    assert not open_subject(article, stmt, key)


def test_a_kind_whose_members_the_article_names_is_no_blank():
    """ "in partnership with _____" with key "international space agencies" in an article
    naming three space agencies: a student answers "ESA", also true (round 34)."""
    both = (
        "The Danish Maritime Authority and the Swedish Maritime Authority met in Oslo. The "
        "boats were built with maritime authorities in Bergen."
    )
    article, _, key = _key_in(both, "maritime authorities")
    assert named_members(article, key)
    one = both.replace(" and the Swedish Maritime Authority", "")
    article, _, key = _key_in(one, "maritime authorities")
    assert not named_members(article, key)


def test_a_sentence_announcing_what_follows_is_no_statement():
    """ "In 1653 the poet asks the question:" lost its question and read "asks the question."
    (round 34)."""
    article = analyse(notes_text("In 1653 the poet Jan Lis asks the question:\n\nWho will win?"))
    asking = next(s for s in article.sentences if "asks the question" in s.text)
    assert statement(asking, is_prose=True) is None
    told = next(s for s in article.sentences if s.text.startswith("The committee"))
    assert statement(told, is_prose=True) is not None


def test_a_century_the_stem_gives_to_another_event_is_ruled_out():
    """ "The wars in _____ and the Revolution in the 18th" offered "the 18th century" (round 34)."""
    from quizapp.generation.quality import ruled_out_years
    from quizapp.generation.stems import BLANK as B

    stem = f"The wars in {B} and the Revolution in the 18th ruined the abbey."
    key = "the 16th century"
    assert ruled_out_years(
        stem, key, [key, "the 15th century", "the 18th century", "the 17th century"]
    )
    assert not ruled_out_years(
        stem, key, [key, "the 15th century", "the 14th century", "the 17th century"]
    )


def test_people_of_another_role_are_no_options():
    """Actors were offered as the university's president (round 34): when the article gives the
    key a role, wrong options have that role too."""
    from quizapp.generation.distractors import distractors, person_roles, seed_of

    text = notes_text(
        "Ann Holt (president, 1933–1953) rebuilt the library. The college counts actors "
        "Tom Hale, Liv Marsh, Bo Quint and Ed Vance among its former students. In 1960 the "
        "college chose Paul Dorn (president, 1960–1971), who built the new hall, and later Ruth "
        "Kemp (president, 1971–1990) and Sam Oyelaran (president, 1990–2001).",
        filler=6,
    )
    article = analyse(text)
    roles = person_roles(article)
    assert roles["ann holt"] == roles["paul dorn"] == "president"
    assert roles["tom hale"] == "actor"
    key = next(c for cands in article.candidates for c in cands if c.text == "Ann Holt")
    options = [text for text, _ in distractors(article, key, 3, seed_of("t"))]
    assert options and not {"Tom Hale", "Liv Marsh", "Bo Quint", "Ed Vance"} & set(options)


def test_a_key_worked_out_from_the_stems_figures_is_refused():
    """ "50 kilopascals, or 2.5 times the normal pressure of _____ kPa" (key 21) and the same
    with "2.5 times" blanked: division settles both (round 34)."""
    from quizapp.generation.checks import ratio_given
    from quizapp.generation.stems import BLANK as B

    both = f"Harm begins above 50 kPa, or 2.5 times the normal pressure of {B} kPa."
    assert ratio_given(both, "about 21", 21)
    assert ratio_given(
        f"Harm begins above 50 kPa, or {B} the normal pressure of 21 kPa.", "2.5 times", 2.5
    )
    assert not ratio_given(
        f"Harm begins above 50 kPa, or 2.5 times the pressure of {B} kPa.", "about 30", 30
    )
    assert not ratio_given(
        f"Harm begins above 50 kPa, near the pressure of {B} kPa.", "about 21", 21
    )


def test_a_key_going_on_a_listed_series_is_refused():
    """ "the rows starting with a = 3, 6, or _____" gave 9 away (round 34)."""
    from quizapp.generation.checks import continues_series
    from quizapp.generation.stems import BLANK as B

    assert continues_series(f"The rows starting with 3, 6, or {B} hold no prime.", 9)
    assert not continues_series(f"The rows starting with 3, 6, or {B} hold no prime.", 11)
    assert not continues_series(f"The rows starting with 3 or {B} hold no prime.", 6)


def test_a_college_named_like_a_town_gets_no_towns_as_options():
    """ "Women remained segregated at _____" (Radcliffe, the college) offered two English
    towns, as GeoNames knows a Radcliffe in Lancashire (round 34)."""
    from quizapp.generation.distractors import key_kind

    college = (
        "Women studied at Radcliffe College from 1879. Radcliffe College merged with the "
        "university in 1999. Women remained at Radcliffe for years. Trains ran from Bolton, "
        "Bury and Wigan to Manchester."
    )
    town = college.replace("Radcliffe College", "the women's college")
    for text, typed in ((college, ""), (town, "city")):
        article = analyse(notes_text(text))
        key = next(c for cands in article.candidates for c in cands if c.text == "Radcliffe")
        assert (key_kind(article, key) == "city") == bool(typed)


def test_a_ruler_of_the_place_the_stem_names_is_no_wrong_option():
    """ "In 1066, _____ conquered England" offered "King Ethelred II of England" (round 34)."""
    from quizapp.generation.quality import ruled_out_by_place
    from quizapp.generation.stems import BLANK as B

    stem = f"In 1066, {B} conquered England at Hastings."
    key = "Duke William of Normandy"
    assert ruled_out_by_place(stem, key, [key, "King Edgar of England", "Duke Robert of Naples"])
    assert not ruled_out_by_place(
        stem, key, [key, "King Malcolm of Scotland", "Duke Robert of Naples"]
    )
    assert not ruled_out_by_place(
        f"During {B}, England was ruined.", "the War", ["the Siege of England"]
    )
