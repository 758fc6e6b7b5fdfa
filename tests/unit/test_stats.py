"""Counting answers per option, worked by hand."""

from __future__ import annotations

from quizapp.stats import choice_counts, outcome_counts


def test_multiple_choice_counts_in_option_order() -> None:
    answers = ["b", "a", "b", None, "b"]
    assert choice_counts("multiple_choice", ["a", "b", "c"], answers) == [1, 3, 0]


def test_multiple_select_counts_every_tick() -> None:
    answers = [["a", "c"], ["c"], [], None]
    assert choice_counts("multiple_select", ["a", "b", "c"], answers) == [1, 0, 2]


def test_true_false_counts_true_then_false() -> None:
    assert choice_counts("true_false", ["True", "False"], [True, False, False, None]) == [1, 2]


def test_kinds_without_options_have_no_choice_counts() -> None:
    assert choice_counts("fill_blank", None, ["x"]) == []


def test_outcomes() -> None:
    assert outcome_counts([1.0, 0.5, 0.0, 1.0]) == {"right": 2, "partly": 1, "wrong": 1}
    assert outcome_counts([]) == {"right": 0, "partly": 0, "wrong": 0}
