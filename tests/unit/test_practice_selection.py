"""Choosing a practice's questions: across kinds and sections, seeded, approved ones first."""

from __future__ import annotations

import string
from collections import Counter

from quizapp.generation.types import KINDS
from quizapp.operations.practice import (
    PRACTICE_SIZE,
    SHARE_ALPHABET,
    SHARE_CODE_LENGTH,
    Candidate,
    choose_questions,
    new_share_code,
    new_token,
    normalise_share_code,
    practice_pool,
)
from quizapp.public.reading import non_overlapping, paragraph_markup, teaser
from quizapp.reading import Paragraph

SECTIONS = ["Intro", "History", "Technology", "Society", "Future"]


def bank(
    status: str = "approved", per_pair: int = 3, start_id: int = 1, **extra
) -> list[Candidate]:
    """``per_pair`` questions for every (kind, section) pair."""
    out, next_id = [], start_id
    for section_number, section in enumerate(SECTIONS):
        for kind in KINDS:
            for _ in range(per_pair):
                out.append(
                    Candidate(
                        id=next_id,
                        kind=kind,
                        section=section,
                        status=status,
                        generated=extra.get("generated", True),
                        start=section_number * 1000 + next_id,
                    )
                )
                next_id += 1
    return out


def by_id(candidates: list[Candidate]) -> dict[int, Candidate]:
    return {c.id: c for c in candidates}


def test_ten_questions_spread_over_every_kind_and_section() -> None:
    candidates = bank()
    for seed in ["a", "b", "c", "token-xyz"]:
        chosen = [by_id(candidates)[i] for i in choose_questions(candidates, seed)]
        assert len(chosen) == PRACTICE_SIZE == len({c.id for c in chosen})
        kinds = Counter(c.kind for c in chosen)
        sections = Counter(c.section for c in chosen)
        assert set(kinds) == set(KINDS)  # 6 kinds, 10 questions: every kind at least once
        assert max(kinds.values()) - min(kinds.values()) <= 1
        assert set(sections) == set(SECTIONS)
        assert max(sections.values()) - min(sections.values()) <= 1


def test_the_questions_come_in_reading_order() -> None:
    candidates = bank()
    chosen = [by_id(candidates)[i] for i in choose_questions(candidates, "seed")]
    assert [c.start for c in chosen] == sorted(c.start for c in chosen)


def test_a_kind_with_few_questions_still_gets_its_turn() -> None:
    candidates = [c for c in bank() if c.kind != "ordering"] + [
        Candidate(id=999, kind="ordering", section="Future", status="approved", generated=True)
    ]
    assert 999 in choose_questions(candidates, "any seed")


def test_same_seed_same_questions_other_seeds_other_questions() -> None:
    candidates = bank()
    first = choose_questions(candidates, "seed-1")
    assert choose_questions(list(reversed(candidates)), "seed-1") == first
    others = {tuple(choose_questions(candidates, f"seed-{n}")) for n in range(2, 12)}
    assert len(others - {tuple(first)}) >= 5


def test_fewer_than_ten_approved_are_topped_up_with_generated_pending_ones() -> None:
    approved = bank("approved", per_pair=1)[:4]
    pending = bank("pending", per_pair=1, start_id=100)
    handwritten = bank("pending", per_pair=1, start_id=200, generated=False)
    rejected = bank("rejected", per_pair=1, start_id=300)
    candidates = approved + pending + handwritten + rejected
    chosen = choose_questions(candidates, "seed")
    assert len(chosen) == PRACTICE_SIZE
    assert {c.id for c in approved} <= set(chosen)
    rest = set(chosen) - {c.id for c in approved}
    assert rest <= {c.id for c in pending}
    pool = practice_pool(candidates)
    assert {c.status for c in pool} == {"approved", "pending"}
    assert all(c.generated for c in pool)


def test_with_ten_approved_no_pending_question_is_asked() -> None:
    approved = bank("approved", per_pair=1)[:12]
    pending = bank("pending", per_pair=2, start_id=100)
    chosen = choose_questions(approved + pending, "seed")
    assert set(chosen) <= {c.id for c in approved}
    assert len(chosen) == PRACTICE_SIZE


def test_a_small_article_gives_all_it_has_and_an_empty_one_nothing() -> None:
    few = bank("pending", per_pair=1)[:7]
    assert sorted(choose_questions(few, "s")) == sorted(c.id for c in few)
    assert choose_questions([], "s") == []
    assert choose_questions(bank("rejected", per_pair=1), "s") == []


def test_tokens_are_long_and_url_safe_and_share_codes_unambiguous() -> None:
    token = new_token()
    assert len(token) >= 22  # at least 16 random bytes
    assert set(token) <= set(string.ascii_letters + string.digits + "-_")
    codes = {new_share_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == SHARE_CODE_LENGTH and set(code) <= set(SHARE_ALPHABET)
    assert not set("01OIL") & set(SHARE_ALPHABET)
    assert normalise_share_code("abcd-ef23 ") == "ABCDEF23"


def test_source_sentences_become_addressable_spans() -> None:
    text = "First <one>. Second one. Third one."
    paragraph = Paragraph(text, 100)
    html = str(paragraph_markup(paragraph, [(113, 124), (500, 510)]))
    assert html == (
        'First &lt;one&gt;. <span class="sentence" id="s-113">Second one.</span> Third one.'
    )
    assert non_overlapping([(5, 9), (0, 6), (0, 6), (7, 12), (20, 20)]) == [(0, 6), (7, 12)]


def test_teaser_cuts_at_a_sentence_end() -> None:
    text = "One short sentence. " * 30
    cut = teaser(text, 100)
    assert cut.endswith(".") and len(cut) <= 100
    assert teaser("Short.") == "Short."


def test_unreviewed_filler_is_the_strongest_generated_questions():
    weak = [Candidate(i, "fill_blank", None, "pending", True, quality=0.1) for i in range(30)]
    strong = [
        Candidate(100 + i, "fill_blank", None, "pending", True, quality=0.9) for i in range(20)
    ]
    pool = practice_pool(weak + strong, size=10)
    assert {c.id for c in pool} == {c.id for c in strong}


def test_unreviewed_filler_keeps_the_strongest_of_a_weaker_kind():
    strong = [
        Candidate(100 + i, "fill_blank", None, "pending", True, quality=0.9) for i in range(30)
    ]
    statements = [Candidate(i, "true_false", None, "pending", True, quality=0.4) for i in range(5)]
    pool = practice_pool(strong + statements, size=10)
    assert len(pool) == 20
    assert [c.id for c in pool if c.kind == "true_false"] == [0]  # its best one, not all five


def test_unreviewed_filler_reaches_a_short_section_and_every_draw_spreads():
    """A long section holding most of the strongest questions must not crowd out the others.

    Shaped like the built-in article: one section with most questions and the highest estimates,
    five short ones. Whatever the attempt's token, ten questions cover at least five sections.
    """
    long_section = [
        Candidate(i, KINDS[i % len(KINDS)], "Long", "pending", True, quality=0.9 - i / 1000)
        for i in range(40)
    ]
    short_sections = [
        Candidate(100 + i, KINDS[i % 3], SECTIONS[i % 5], "pending", True, quality=0.5)
        for i in range(10)
    ]
    candidates = long_section + short_sections
    pool = practice_pool(candidates)
    assert {c.section for c in pool} == {"Long", *SECTIONS}
    for seed in range(200):
        chosen = [by_id(candidates)[i] for i in choose_questions(candidates, f"token-{seed}")]
        assert len({c.section for c in chosen}) >= 5, seed
        assert len({c.kind for c in chosen}) == len(KINDS), seed
