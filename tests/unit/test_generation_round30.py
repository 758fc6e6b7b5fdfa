"""Round 30 of issue 10: what the blind judges of round 29 still found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import without_pointing_adverbial
from tests.unit.generated_question import draft_of, notes_text


def test_a_place_said_as_this_part_is_cut_not_left_pointing():
    """ "in this part of Leeds" said as "in the part of Leeds" pointed at nothing (round 29)."""
    body = f"The highest point of the moor, in this part of Leeds, is a hill called {B}."
    cut = without_pointing_adverbial(body)
    assert cut == f"The highest point of the moor is a hill called {B}."
    body = f"The oldest bridge, in this area, is the one called {B}."
    assert without_pointing_adverbial(body) == f"The oldest bridge is the one called {B}."
    # a part the sentence names is kept: it points at nothing outside the stem
    kept = f"The oldest bridge, in the northern part of Leeds, is the one called {B}."
    assert without_pointing_adverbial(kept) == kept


def test_in_this_field_is_cut_from_a_stem():
    body = f"Early work in this field showed that {B} cannot cross the core."
    assert without_pointing_adverbial(body) == f"Early work showed that {B} cannot cross the core."
    kept = f"Early work in the field of optics showed that {B} bends light."
    assert without_pointing_adverbial(kept) == kept


def test_false_statements_outnumber_copied_true_ones_two_to_one():
    """A true statement is a sentence copied, which judges mark not worth asking (round 29):
    a bank keeps about two false statements for each true one, and still has both."""
    from quizapp.generation.ranking import choose

    drafts = [
        draft_of("true_false", answer, f"{answer}@{s}", s, s)
        for s in range(40)
        for answer in (True, False)
    ]
    drafts += [draft_of("fill_blank", f"Mill {s}", f"mill@{s}", s, s) for s in range(40, 100)]
    kept = [d.question.answer for d in choose(drafts, 4000)]
    trues, falses = kept.count(True), kept.count(False)
    assert falses >= 4 and trues >= 2
    assert 2 * trues <= falses + 1


def test_a_blank_that_starts_inside_a_compound_is_refused():
    """ "deserving high _____" with key "school graduates", "some chloroplast _____" with key
    "DNAs" (round 29): the word before the blank is half of the answer."""
    from quizapp.generation.article import analyse
    from quizapp.generation.quality import tailless_key

    article = analyse(
        notes_text(
            "The grant goes to deserving high school graduates. Every high school graduate may "
            "ask for it. The chloroplast genes of the moss were read, and the genes of the "
            "chloroplast were short. Important protein complexes sit in the membrane."
        )
    )
    assert tailless_key(article, f"The grant goes to deserving high {B}.", "school graduates")
    assert tailless_key(article, f"Some chloroplast {B} were read.", "genes")
    # an adjective before a noun phrase, a figure, a function word: the phrase starts there
    assert not tailless_key(article, f"Important {B} sit in the membrane.", "protein complexes")
    assert not tailless_key(article, f"The moss holds proteins {B} long.", "about 45 nm")
    assert not tailless_key(article, f"The grant goes to {B}.", "school graduates")


def test_bodies_are_said_with_the():
    """ "Conciliation Committee can interpret the Treaties" swapped into a false statement
    read as broken English (round 30)."""
    from quizapp.generation.nametype import takes_the

    assert takes_the("Conciliation Committee")
    assert takes_the("Methodist Church")
    assert takes_the("Victorian Legislative Council")
    assert not takes_the("Harvard University")
    assert not takes_the("Central Park")


def test_a_rough_year_is_not_swapped_for_one_within_a_decade():
    """ "around 1800" made "around 1798" is still roughly true: judges could not call the
    statement false (round 30)."""
    from quizapp.generation.article import analyse
    from quizapp.generation.questions import _near_rough_year

    article = analyse(
        notes_text(
            "Around 1800 Anna Berg built the first steam mill of the valley. In 1800 Karl Lind "
            "built the second."
        )
    )
    rough, exact = (
        c for sentence in article.candidates for c in sentence if c.text.endswith("1800")
    )
    assert _near_rough_year(article, rough, "1798")
    assert not _near_rough_year(article, rough, "1776")
    assert not _near_rough_year(article, exact, "1798")


def test_a_compound_opening_a_statement_is_lower_cased():
    """ "is it true that Mid-ocean ridges ..." kept a capital mid-statement (round 30); a name
    joined by a hyphen keeps its capitals."""
    from quizapp.generation.stems import true_false_stem

    ordinary = frozenset({"ridges", "lords"})
    assert "that mid-ocean ridges were" in true_false_stem(
        "Mid-ocean ridges were explained as boundaries", False, frozenset(), ordinary
    )
    assert "that Anglo-Norman lords were" in true_false_stem(
        "Anglo-Norman lords were explained as rulers", False, frozenset(), ordinary
    )
