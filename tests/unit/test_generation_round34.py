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
