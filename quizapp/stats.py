"""Pure statistics over responses: no Flask, no database; plain values in, plain values out."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def choice_counts(options: Sequence[str] | None, answers: Iterable[Any]) -> list[int]:
    """How many answers chose each option, in the options' order.

    ``answers`` are stored responses: an option's text, or a list of them (each ticked option
    counts); None ("no answer in time") counts for no option.
    """
    if not options:
        return []
    tally: Counter[str] = Counter()
    for answer in answers:
        if answer is None:
            continue
        tally.update(answer if isinstance(answer, list) else [answer])
    return [tally[option] for option in options]


def outcome_counts(credits: Iterable[float]) -> dict[str, int]:
    """Right, partly right and wrong answers, for kinds without options to count."""
    tally = {"right": 0, "partly": 0, "wrong": 0}
    for credit in credits:
        tally["right" if credit >= 1.0 else "partly" if credit > 0 else "wrong"] += 1
    return tally


# --- Item analysis ------------------------------------------------------------------------------
#
# Definitions (the README quotes them):
#
# * Facility of a question: the mean credit of the students who answered it (0 to 1). For
#   all-or-nothing kinds that is the share who got it right; partial credit (multiple_select,
#   matching, ordering) counts as the fraction earned. An answer that timed out counts 0.
# * Discrimination: the upper–lower index D = p_upper − p_lower. The students who answered the
#   question are ranked by their total score in the session (the sum of their credit on every
#   question, this one included); the upper and lower groups are each 27 % of them, rounded half
#   up; p is the mean credit on this question within a group. Students tied on total score at a
#   group's boundary share its remaining places equally (each counts with the same fraction),
#   so the order of tied students never changes D. Below ``MIN_STUDENTS`` students D is not
#   meaningful and is not computed. D runs from −1 to 1: positive when the stronger students do
#   better on the question, negative when the weaker ones do.

#: Share of the ranked students in each of the upper and the lower group.
GROUP_SHARE = 0.27
#: Fewer students than this: the discrimination index (and the unchosen-distractor flag) says
#: nothing and is not computed.
MIN_STUDENTS = 4
#: Facility above this: the question is too easy.
TOO_EASY = 0.9
#: Facility below this: the question is too hard.
TOO_HARD = 0.2

FLAG_TOO_EASY = "too_easy"
FLAG_TOO_HARD = "too_hard"
FLAG_NEGATIVE = "negative_discrimination"
FLAG_UNCHOSEN = "unchosen_distractor"
#: Each flag's words for a person, in the order flags are listed.
FLAG_LABELS = {
    FLAG_TOO_EASY: "Too easy",
    FLAG_TOO_HARD: "Too hard",
    FLAG_NEGATIVE: "Discriminates negatively",
    FLAG_UNCHOSEN: "Distractor nobody chose",
}
#: Rounding used to decide that two total scores are equal (sums of float credits).
_TIE_DIGITS = 9


@dataclass(frozen=True)
class Discrimination:
    """The upper–lower 27 % discrimination index of one question in one class.

    ``index`` is D = ``upper`` − ``lower`` (None when fewer than ``MIN_STUDENTS`` students answered,
    where it would not mean anything); ``upper`` and ``lower`` are the mean credits on the question
    in the upper and the lower group, each ``group_size`` students out of ``students``.
    """

    index: float | None
    upper: float | None
    lower: float | None
    group_size: int
    students: int

    @property
    def meaningful(self) -> bool:
        return self.index is not None


@dataclass(frozen=True)
class HistogramBin:
    """Scores from ``low`` up to (not including) ``high``; the last bin also holds ``high``."""

    low: float
    high: float
    count: int
    last: bool = False

    @property
    def label(self) -> str:
        return f"{_number(self.low)}–{_number(self.high)}"


def facility(credits: Iterable[float]) -> float | None:
    """The mean credit (0 to 1) of the answers given; None when nobody answered."""
    values = list(credits)
    return sum(values) / len(values) if values else None


def group_size(students: int) -> int:
    """Students in each of the upper and lower groups: 27 % rounded half up, at least one.

    0 below ``MIN_STUDENTS``: the index is not computed for so few.
    """
    if students < MIN_STUDENTS:
        return 0
    return max(1, math.floor(GROUP_SHARE * students + 0.5))


def discrimination_27(
    scores_by_student: Mapping[Hashable, float],
    item_credit_by_student: Mapping[Hashable, float],
) -> Discrimination:
    """The upper–lower 27 % index D = p_upper − p_lower of one question.

    ``scores_by_student``: each student's total score in the session; ``item_credit_by_student``:
    the credit of each student who answered this question. Only students in both count: a student
    who has not reached the question is not in either group. Ties at a group's boundary share its
    remaining places equally (see the module's definitions).
    """
    students = [
        (student, round(float(scores_by_student[student]), _TIE_DIGITS))
        for student in item_credit_by_student
        if student in scores_by_student
    ]
    size = group_size(len(students))
    if not size:
        return Discrimination(None, None, None, 0, len(students))
    best_first = sorted(students, key=lambda pair: -pair[1])
    worst_first = sorted(students, key=lambda pair: pair[1])

    def mean_credit(ranked: list[tuple[Hashable, float]]) -> float:
        weights = _front_weights(ranked, size)
        return sum(item_credit_by_student[s] * w for s, w in weights.items()) / size

    upper, lower = mean_credit(best_first), mean_credit(worst_first)
    return Discrimination(upper - lower, upper, lower, size, len(students))


def _front_weights(ranked: list[tuple[Hashable, float]], size: int) -> dict[Hashable, float]:
    """How much each student at the front of ``ranked`` counts in a group of ``size`` places.

    Whole blocks of tied students that fit count 1 each; the block that straddles the boundary
    shares the places left over equally.
    """
    weights: dict[Hashable, float] = {}
    left, start = float(size), 0
    while left > 0 and start < len(ranked):
        score = ranked[start][1]
        end = start
        while end < len(ranked) and ranked[end][1] == score:
            end += 1
        block = [student for student, _ in ranked[start:end]]
        share = 1.0 if len(block) <= left else left / len(block)
        for student in block:
            weights[student] = share
        left -= share * len(block)
        start = end
    return weights


def weighted_discrimination(results: Iterable[Discrimination]) -> float | None:
    """One index for a question asked in several classes: the mean of each class's D, weighted
    by its number of students. Classes where D is not meaningful are left out; None if all are.
    """
    pairs = [(r.index, r.students) for r in results if r.index is not None]
    total = sum(n for _, n in pairs)
    return sum(d * n for d, n in pairs) / total if total else None


def histogram(
    scores: Iterable[float],
    bins: int | Sequence[float] = 10,
    low: float = 0.0,
    high: float = 100.0,
) -> list[HistogramBin]:
    """How many scores fall in each bin.

    ``bins`` is a number of equal bins from ``low`` to ``high`` or the ascending edges themselves.
    Each bin holds low ≤ score < high, the last one also its top edge; scores outside the range
    go in the first or the last bin.
    """
    if isinstance(bins, int):
        if bins < 1 or high <= low:
            raise ValueError("A histogram needs at least one bin over a range that is not empty.")
        edges = [low + (high - low) * i / bins for i in range(bins + 1)]
    else:
        edges = [float(edge) for edge in bins]
        if len(edges) < 2 or any(b <= a for a, b in itertools.pairwise(edges)):
            raise ValueError("Histogram edges must be at least two, strictly ascending.")
    counts = [0] * (len(edges) - 1)
    for score in scores:
        # bisect_right finds the bin; a hair of tolerance keeps 30.000000000000004 out of 20–30
        # and 29.999999999999996 in 30–40, as a person would count them.
        index = bisect.bisect_right(edges, score + 1e-9) - 1
        counts[min(max(index, 0), len(counts) - 1)] += 1
    return [
        HistogramBin(edges[i], edges[i + 1], count, last=i == len(counts) - 1)
        for i, count in enumerate(counts)
    ]


def distractor_unchosen(
    options: Sequence[str] | None, keys: Sequence[str], counts: Sequence[int], answered: int
) -> list[str]:
    """The wrong options nobody chose, for questions whose options are picked.

    ``keys`` are the right options; ``counts`` are ``choice_counts`` in the options' order. Empty
    when fewer than ``MIN_STUDENTS`` answered, where nobody choosing an option says little.
    """
    if not options or answered < MIN_STUDENTS:
        return []
    return [
        option
        for option, count in zip(options, counts, strict=True)
        if not count and option not in keys
    ]


def item_flags(
    facility_value: float | None, d_index: float | None, unchosen: Sequence[str] = ()
) -> list[str]:
    """The flags of a question, in ``FLAG_LABELS`` order.

    Too easy: facility over ``TOO_EASY``; too hard: under ``TOO_HARD``; discriminates negatively:
    D (``d_index``) below 0; distractor nobody chose: ``unchosen`` (from ``distractor_unchosen``)
    not empty.
    A question nobody answered, or whose D is not meaningful, gets only the flags that apply.
    """
    flags = []
    if facility_value is not None and facility_value > TOO_EASY:
        flags.append(FLAG_TOO_EASY)
    if facility_value is not None and facility_value < TOO_HARD:
        flags.append(FLAG_TOO_HARD)
    if d_index is not None and d_index < 0:
        flags.append(FLAG_NEGATIVE)
    if unchosen:
        flags.append(FLAG_UNCHOSEN)
    return flags


def _number(value: float) -> str:
    return f"{value:g}"
