"""Points for answers, streaks and rankings in a live quiz: pure functions, no Flask, no database.

A kind grades a response as a credit in [0, 1] (``quizapp.kinds``); this module turns credit into
points the class sees on the leaderboard. The constants live in ``ScoringRule`` so the README and
the tests cite one place.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

#: "accuracy": points follow credit only. "speed": a quicker answer earns more.
MODES: tuple[str, ...] = ("accuracy", "speed")

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class ScoringRule:
    """The numbers behind ``points``.

    ``max_points`` for a full-credit answer given at once; in speed mode the points fall linearly
    with the time taken, to ``min_speed_factor`` of that at the time limit, so a right answer is
    always worth more than a quick wrong one; a streak adds ``streak_step`` for each earlier
    consecutive correct answer, at most ``streak_cap`` steps.
    """

    max_points: int = 1000
    min_speed_factor: float = 0.5
    streak_step: int = 100
    streak_cap: int = 5


DEFAULT_RULE = ScoringRule()


def points(
    credit: float,
    seconds_taken: float,
    time_limit: float | None,
    mode: str,
    streak: int = 0,
    streak_bonus: bool = False,
    rule: ScoringRule = DEFAULT_RULE,
) -> int:
    """The points one answer earns, rounded half up.

    Accuracy mode: ``max_points × credit``. Speed mode: that times a speed factor of
    ``1 − (1 − min_speed_factor) × t / time_limit``, with ``t`` clamped to [0, time_limit]
    (negative or NaN seconds count as 0, late ones as the limit: the server refuses late answers
    elsewhere); without a time limit speed mode scores like accuracy mode. With ``streak_bonus``
    on (in either mode) a fully correct answer adds ``streak_bonus_points(streak)``, where
    ``streak`` counts the consecutive correct answers including this one; partial credit never
    earns a bonus.
    """
    if not 0.0 <= credit <= 1.0:
        raise ValueError(f"Credit must be between 0 and 1, not {credit!r}.")
    if mode not in MODES:
        raise ValueError(f"Unknown scoring mode {mode!r}; expected one of {MODES}.")
    factor = speed_factor(seconds_taken, time_limit, rule) if mode == "speed" else 1.0
    earned = round_half_up(rule.max_points * credit * factor)
    if streak_bonus and credit == 1.0:
        earned += streak_bonus_points(streak, rule)
    return earned


def speed_factor(
    seconds_taken: float, time_limit: float | None, rule: ScoringRule = DEFAULT_RULE
) -> float:
    """The share of the points kept after ``seconds_taken``: 1 at once, the minimum at the limit."""
    if time_limit is None:
        return 1.0
    if not time_limit > 0:
        raise ValueError(f"A time limit must be positive, not {time_limit!r}.")
    seconds = 0.0 if math.isnan(seconds_taken) else seconds_taken
    share_used = min(1.0, max(0.0, seconds / time_limit))
    return 1.0 - (1.0 - rule.min_speed_factor) * share_used


def streak_bonus_points(streak: int, rule: ScoringRule = DEFAULT_RULE) -> int:
    """The bonus for the ``streak``-th correct answer in a row: none for the first."""
    return rule.streak_step * min(max(streak - 1, 0), rule.streak_cap)


def next_streak(previous: int, correct: bool) -> int:
    """The streak after an answer: one longer if it was fully correct, else broken to 0."""
    if previous < 0:
        raise ValueError(f"A streak cannot be negative, not {previous!r}.")
    return previous + 1 if correct else 0


def rank(scores: Mapping[Key, int]) -> dict[Key, int]:
    """Standard competition ranking ("1224"): equal scores share a rank, the next rank skips.

    The result runs from the best score down; players who tie keep the order of ``scores``.
    """
    ordered = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    ranks: dict[Key, int] = {}
    for place, (player, score) in enumerate(ordered, start=1):
        if place > 1 and score == ordered[place - 2][1]:
            ranks[player] = ranks[ordered[place - 2][0]]
        else:
            ranks[player] = place
    return ranks


def round_half_up(value: float) -> int:
    """``value`` to the nearest whole number, halves up, so a teacher can check points by hand.

    Python's ``round`` sends halves to even (12.5 → 12, 13.5 → 14); the small epsilon keeps a half
    that floating point computed as 12.4999… a half.
    """
    return math.floor(value + 0.5 + 1e-9)


def ordinal(number: int) -> str:
    """A place as people write it: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
