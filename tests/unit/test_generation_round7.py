"""Round 7 of issue 10: what the seventh blind sample showed, pinned with sentences of our own."""

from __future__ import annotations

from functools import partial

from quizapp.generation import generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import failed_checks, shares_word_stem
from quizapp.generation.distractors import _nearest_spelled, _round_like, number_distractors
from quizapp.generation.quality import odd_one_out, points_back
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import statement
from tests.unit.generated_question import question_on

QUARRY = """The Quarries of Pendeen

The granite quarry at Pendeen employed about 150,000 workers over its long history, and it sent
stone to London from 1820. Quarrymen also measured the layers of granite that show the age of the
hill. The first crane at Pendeen lifted blocks of three tons, and its builder received patents for
fifty machines. The quarry owners met in the town hall at Penzance every year.

The youngest layer is too small to be shown clearly on the second drawing on the right. While
detailed surveys are needed to predict the yield of a new face, the result of such cuttings is
simple to describe. The quarry closed in 1931, when concrete took the place of granite in London.
"""

_question = partial(question_on, QUARRY)


def test_spelled_counts_are_swapped_for_near_ones():
    assert _nearest_spelled("fifty", 1)[:3] == ["forty", "thirty", "twenty"]
    assert _nearest_spelled("two", 7)[0] == "three"  # "a ring of forty atoms" for three: absurd
    assert set(_nearest_spelled("three", 3)[:2]) == {"two", "four"}


def test_a_key_in_figures_keeps_the_key_s_roundness():
    assert _round_like(112_500, "150,000") == 110_000
    assert _round_like(187_500, "150,000") == 190_000
    assert _round_like(637.5, "850") == 640
    assert _round_like(12.75, "17") == 12.75  # a key with no round end: nothing rounded
    article = analyse(QUARRY)
    key = next(
        c for cands in article.candidates for c in cands if c.text.startswith("about 150,000")
    )
    for text, _origin in number_distractors(article, key, 3, seed=5):
        digits = text.split()[1].replace(",", "")
        assert digits.endswith("0000"), text  # never 112,500 beside a round 150,000


def test_a_spelled_key_among_small_counts_is_the_odd_one_out():
    assert odd_one_out("fifty machines", ["six machines", "seven machines", "eight machines"])
    assert not odd_one_out("fifty machines", ["forty machines", "thirty machines", "twenty one"])


def test_a_stem_word_of_the_key_s_root_gives_the_key_away():
    assert shares_word_stem(["quarrymen"], ["the", "quarrying", "of", "granite"]) is False
    assert shares_word_stem(["stratigraphers"], ["stratigraphic", "units"])
    assert shares_word_stem(["oncology"], ["oncological", "institutions"])
    assert not shares_word_stem(["governor"], ["government"])
    question = _question(
        "Quarrymen also",
        stem=f"{B} also measured the layers of granite in the quarrymen's hill.",
        answer="Quarrymen",
    )
    assert "leak" in failed_checks(analyse(QUARRY), question)
    cognate = _question(
        "Quarrymen also",
        kind="multiple_choice",
        stem=f"The oncological layers were measured by {B}.",
        options=("the Institute of Oncology", "the Royal Society", "the Town Council", "Penzance"),
        answer="the Institute of Oncology",
    )
    assert "leak" in failed_checks(analyse(QUARRY), cognate)


def test_a_sentence_about_the_page_s_pictures_is_no_statement():
    article = analyse(QUARRY)
    by_opening = {" ".join(s.text.split())[:20]: s for s in article.sentences}
    assert statement(by_opening["The youngest layer i"]) is None
    assert statement(by_opening["The quarry closed in"]) is not None
    assert not any("on the right" in q.stem for q in generate(QUARRY).questions)


def test_such_with_a_plural_points_back():
    # since the fit-split reading 49, ``points_back`` holds "such" (with a singular too)
    assert points_back("the result of such cuttings is simple to describe")
    assert not points_back("stone such as granite was sent to London")
    assert not points_back("such cuttings as the one at Pendeen were rare")
