"""Counting answers per option, worked by hand."""

from __future__ import annotations

from quizapp.kinds import QuestionData, get_kind
from quizapp.stats import choice_counts, outcome_counts


def test_multiple_choice_counts_in_option_order() -> None:
    answers = ["b", "a", "b", None, "b"]
    assert choice_counts(["a", "b", "c"], answers) == [1, 3, 0]


def test_multiple_select_counts_every_tick() -> None:
    answers = [["a", "c"], ["c"], [], None]
    assert choice_counts(["a", "b", "c"], answers) == [1, 0, 2]


def test_true_false_counts_true_then_false() -> None:
    question = QuestionData("true_false", "The Moon is a planet.", False)
    tally = get_kind("true_false").tally(question, [True, False, False, None], [0, 1, 1, 0])
    assert tally.counts == [1, 2]
    assert tally.by_option and tally.key_indexes == {1}


def test_questions_without_options_have_no_choice_counts() -> None:
    assert choice_counts(None, ["x"]) == []


def test_outcomes() -> None:
    assert outcome_counts([1.0, 0.5, 0.0, 1.0]) == {"right": 2, "partly": 1, "wrong": 1}
    assert outcome_counts([]) == {"right": 0, "partly": 0, "wrong": 0}
