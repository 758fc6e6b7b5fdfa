"""Choosing the questions to keep: best first, spread over the article, no fact asked twice alike.

Everything is bucketed by key (a dict per constraint), never compared pairwise, so choosing stays
linear in the number of drafts.
"""

from __future__ import annotations

from collections import Counter

from .questions import Draft

#: Questions kept per 1,000 words of article (the rest of the drafts are dropped).
PER_THOUSAND_WORDS = 26
MIN_QUESTIONS = 5
#: At most this many questions rest on one sentence, and on one fact.
PER_SENTENCE = 3
PER_FACT = 2
#: No kind may take more than this share of the kept questions (when others are available).
KIND_SHARE = {
    "true_false": 0.22,
    "fill_blank": 0.3,
    "multiple_choice": 0.45,
    "multiple_select": 0.2,
    "matching": 0.1,
    "ordering": 0.1,
}


def target_count(words: int) -> int:
    return max(MIN_QUESTIONS, words * PER_THOUSAND_WORDS // 1000)


#: Each kind first gets this share of the budget (if it has drafts), then the best of the rest.
KIND_FLOOR = {
    "matching": 0.02,
    "ordering": 0.02,
    "multiple_select": 0.08,
    "true_false": 0.15,
    "fill_blank": 0.15,
    "multiple_choice": 0.3,
}


def _same_way(draft: Draft) -> tuple[str, str]:
    return (draft.question.kind, draft.fact)


class _Picker:
    """The constraints on what is kept, each a counter or set keyed by what it limits."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.kept: list[Draft] = []
        self.ids: set[str] = set()
        self.per_sentence: Counter[int] = Counter()
        self.per_fact: Counter[str] = Counter()
        self.per_kind: Counter[str] = Counter()
        self.same: set[tuple[str, str]] = set()
        self.stems: set[str] = set()

    def allows(self, draft: Draft, kind_limit: int) -> bool:
        q = draft.question
        return not (
            len(self.kept) >= self.budget
            or q.id in self.ids
            or _same_way(draft) in self.same
            or q.stem in self.stems
            or (draft.sentence >= 0 and self.per_sentence[draft.sentence] >= PER_SENTENCE)
            or self.per_fact[draft.fact] >= PER_FACT
            or self.per_kind[q.kind] >= kind_limit
        )

    def take(self, draft: Draft) -> None:
        q = draft.question
        self.kept.append(draft)
        self.ids.add(q.id)
        self.same.add(_same_way(draft))
        self.stems.add(q.stem)
        self.per_sentence[draft.sentence] += 1
        self.per_fact[draft.fact] += 1
        self.per_kind[q.kind] += 1


def choose(drafts: list[Draft], words: int) -> list[Draft]:
    """The best drafts within the budget, with kinds, sentences and facts spread out."""
    budget = target_count(words)
    ordered = sorted(drafts, key=lambda d: (-d.score, d.question.source.start, d.question.id))
    picker = _Picker(budget)
    for kind, floor in KIND_FLOOR.items():
        limit = max(1, round(floor * budget))
        for draft in ordered:
            if picker.per_kind[kind] >= limit:
                break
            if draft.question.kind == kind and picker.allows(draft, limit):
                picker.take(draft)
    for draft in ordered:
        kind = draft.question.kind
        if picker.allows(draft, max(2, int(KIND_SHARE[kind] * budget) + 1)):
            picker.take(draft)
    return sorted(picker.kept, key=lambda d: (d.question.source.start, d.question.kind, d.question.id))
