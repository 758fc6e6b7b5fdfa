"""Points, streaks and ranks, checked against numbers worked out by hand."""

from __future__ import annotations

import dataclasses
import math

import pytest

from quizapp.scoring import (
    DEFAULT_RULE,
    ScoringRule,
    next_streak,
    points,
    rank,
    round_half_up,
    speed_factor,
    streak_bonus_points,
)


def test_default_rule_constants() -> None:
    expected = ScoringRule(max_points=1000, min_speed_factor=0.5, streak_step=100, streak_cap=5)
    assert expected == DEFAULT_RULE
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_RULE.max_points = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [(1.0, 1000), (0.0, 0), (0.5, 500), (2 / 3, 667), (1 / 3, 333), (5 / 6, 833), (0.0125, 13)],
)
def test_accuracy_mode_ignores_time(credit: float, expected: int) -> None:
    assert points(credit, 0.0, 20.0, "accuracy") == expected
    assert points(credit, 19.9, 20.0, "accuracy") == expected
    assert points(credit, 3.0, None, "accuracy") == expected


@pytest.mark.parametrize(
    ("credit", "seconds", "expected"),
    [
        (1.0, 0.0, 1000),  # instant: factor 1
        (1.0, 5.0, 875),  # 1 − 0.5 × 5/20 = 0.875
        (1.0, 10.0, 750),  # half the time: 0.75
        (1.0, 20.0, 500),  # at the limit: the minimum 0.5
        (1.0, 19.99, 500),  # 1 − 0.5 × 0.9995 = 0.50025 → 500.25 → 500
        (0.5, 10.0, 375),  # 1000 × 0.5 × 0.75
        (2 / 3, 4.0, 600),  # 1000 × 2/3 × 0.9 = 600
        (0.0, 0.0, 0),
    ],
)
def test_speed_mode(credit: float, seconds: float, expected: int) -> None:
    assert points(credit, seconds, 20.0, "speed") == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (-3.0, 1000),  # negative counts as 0
        (math.nan, 1000),  # NaN counts as 0
        (25.0, 500),  # late counts as the limit
        (math.inf, 500),
    ],
)
def test_speed_mode_clamps_seconds(seconds: float, expected: int) -> None:
    assert points(1.0, seconds, 20.0, "speed") == expected


def test_speed_mode_without_limit_scores_like_accuracy() -> None:
    assert points(1.0, 100.0, None, "speed") == 1000
    assert points(0.5, 100.0, None, "speed") == 500


def test_halves_round_up() -> None:
    # 1000 × (1 − 0.5 × 1/16) = 968.75 → 969
    assert points(1.0, 1.0, 16.0, "speed") == 969
    assert points(0.0005, 0.0, None, "accuracy") == 1  # 0.5 → 1 (round() would give 0)
    assert points(0.0025, 0.0, None, "accuracy") == 3  # 2.5 → 3 (round() would give 2)
    assert round_half_up(12.5) == 13
    assert round_half_up(13.5) == 14
    assert round_half_up(12.4999) == 12
    assert round_half_up(0.1 * 3 * 5) == 2  # 1.5000000000000002


@pytest.mark.parametrize(
    ("streak", "bonus"),
    [(0, 0), (1, 0), (2, 100), (3, 200), (6, 500), (7, 500), (50, 500)],
)
def test_streak_bonus_points(streak: int, bonus: int) -> None:
    assert streak_bonus_points(streak) == bonus


def test_streak_bonus_only_when_enabled_and_fully_correct() -> None:
    assert points(1.0, 0.0, 20.0, "speed", streak=3) == 1000  # bonus off
    assert points(1.0, 0.0, 20.0, "speed", streak=3, streak_bonus=True) == 1200
    assert points(1.0, 20.0, 20.0, "speed", streak=9, streak_bonus=True) == 1000  # 500 + 500
    assert points(1.0, 7.0, None, "accuracy", streak=2, streak_bonus=True) == 1100
    assert points(1.0, 0.0, 20.0, "speed", streak=1, streak_bonus=True) == 1000
    # Partial credit never earns a bonus, whatever streak the caller passes.
    assert points(0.9, 0.0, 20.0, "speed", streak=4, streak_bonus=True) == 900
    assert points(0.0, 0.0, None, "accuracy", streak=4, streak_bonus=True) == 0


def test_custom_rule() -> None:
    rule = ScoringRule(max_points=100, min_speed_factor=0.0, streak_step=10, streak_cap=2)
    assert points(1.0, 10.0, 20.0, "speed", rule=rule) == 50
    assert points(1.0, 20.0, 20.0, "speed", rule=rule) == 0
    assert points(1.0, 0.0, None, "speed", streak=9, streak_bonus=True, rule=rule) == 120
    assert speed_factor(5.0, 20.0, rule) == 0.75


@pytest.mark.parametrize("credit", [-0.1, 1.1, math.nan])
def test_points_refuses_bad_credit(credit: float) -> None:
    with pytest.raises(ValueError, match="Credit"):
        points(credit, 0.0, None, "accuracy")


def test_points_refuses_unknown_mode_and_bad_limit() -> None:
    with pytest.raises(ValueError, match="scoring mode"):
        points(1.0, 0.0, None, "fastest")
    with pytest.raises(ValueError, match="time limit"):
        points(1.0, 0.0, 0.0, "speed")
    with pytest.raises(ValueError, match="time limit"):
        points(1.0, 0.0, -5.0, "speed")


def test_next_streak() -> None:
    assert next_streak(0, True) == 1
    assert next_streak(4, True) == 5
    assert next_streak(4, False) == 0
    assert next_streak(0, False) == 0
    with pytest.raises(ValueError):
        next_streak(-1, True)


def test_streak_over_a_game() -> None:
    """Right, right, wrong, right, right, right with the bonus on, all instant, accuracy mode."""
    streak, total = 0, 0
    for correct in [True, True, False, True, True, True]:
        streak = next_streak(streak, correct)
        total += points(1.0 if correct else 0.0, 0.0, None, "accuracy", streak, streak_bonus=True)
    # 1000 + 1100 + 0 + 1000 + 1100 + 1200
    assert total == 5400


def test_rank_standard_competition() -> None:
    scores = {"ann": 500, "bob": 900, "cat": 700, "dan": 700, "eve": 100}
    assert rank(scores) == {"bob": 1, "cat": 2, "dan": 2, "ann": 4, "eve": 5}
    assert list(rank(scores)) == ["bob", "cat", "dan", "ann", "eve"]


def test_rank_edge_cases() -> None:
    assert rank({}) == {}
    assert rank({"solo": 0}) == {"solo": 1}
    assert rank({"a": 3, "b": 3, "c": 3}) == {"a": 1, "b": 1, "c": 1}
    assert rank({"a": 1, "b": 2, "c": 2, "d": 2, "e": 1}) == {
        "b": 1,
        "c": 1,
        "d": 1,
        "a": 4,
        "e": 4,
    }
    assert rank({7: -10, 8: 0}) == {8: 1, 7: 2}
