"""Item analysis worked by hand: facility, the upper–lower 27 % index, histogram and flags."""

from __future__ import annotations

import pytest

from quizapp.stats import (
    FLAG_NEGATIVE,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
    FLAG_UNCHOSEN,
    Discrimination,
    discrimination_27,
    distractor_unchosen,
    facility,
    group_size,
    histogram,
    item_flags,
    weighted_discrimination,
)

# --- Facility ------------------------------------------------------------------------------------


def test_facility_is_the_mean_credit() -> None:
    assert facility([1.0, 0.0, 1.0, 0.5]) == 2.5 / 4


def test_facility_of_a_class_of_one_and_all_correct() -> None:
    assert facility([0.0]) == 0.0
    assert facility([1.0]) == 1.0
    assert facility([1.0] * 7) == 1.0


def test_facility_of_nobody_is_none() -> None:
    assert facility([]) is None
    assert facility(iter(())) is None


# --- Group size ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("students", "size"),
    # 27 % rounded half up: 4 → 1.08, 5 → 1.35, 6 → 1.62, 10 → 2.7, 20 → 5.4, 50 → 13.5, 100 → 27.
    [(0, 0), (1, 0), (3, 0), (4, 1), (5, 1), (6, 2), (10, 3), (20, 5), (50, 14), (100, 27)],
)
def test_group_size(students: int, size: int) -> None:
    assert group_size(students) == size


# --- Discrimination ------------------------------------------------------------------------------


def test_the_strong_right_and_the_weak_wrong_discriminate_fully() -> None:
    # Ten students scoring 10 down to 1; the top three (the upper 27 %) get the item right.
    scores = {f"s{n}": float(n) for n in range(1, 11)}
    credit = {f"s{n}": 1.0 if n >= 8 else 0.0 for n in range(1, 11)}
    result = discrimination_27(scores, credit)
    assert result == Discrimination(index=1.0, upper=1.0, lower=0.0, group_size=3, students=10)
    assert result.meaningful


def test_the_weak_right_and_the_strong_wrong_discriminate_negatively() -> None:
    scores = {"ana": 1.0, "bo": 2.0, "cy": 3.0, "di": 4.0, "ed": 5.0}
    credit = {"ana": 1.0, "bo": 1.0, "cy": 1.0, "di": 0.0, "ed": 0.0}
    result = discrimination_27(scores, credit)
    # Five students: groups of one. Upper = ed (0), lower = ana (1).
    assert (result.index, result.upper, result.lower, result.group_size) == (-1.0, 0.0, 1.0, 1)


def test_all_correct_discriminates_nothing() -> None:
    scores = {"a": 5.0, "b": 4.0, "c": 3.0, "d": 2.0, "e": 1.0}
    result = discrimination_27(scores, dict.fromkeys(scores, 1.0))
    assert (result.index, result.upper, result.lower) == (0.0, 1.0, 1.0)


def test_partial_credit_counts_as_its_share() -> None:
    scores = {"a": 4.0, "b": 3.0, "c": 2.0, "d": 1.0}
    credit = {"a": 0.5, "b": 1.0, "c": 0.0, "d": 0.25}
    assert discrimination_27(scores, credit).index == 0.5 - 0.25


def test_a_class_of_one_has_no_meaningful_index() -> None:
    result = discrimination_27({"solo": 3.0}, {"solo": 1.0})
    assert result == Discrimination(None, None, None, 0, 1)
    assert not result.meaningful


def test_three_students_are_too_few() -> None:
    scores = {"a": 3.0, "b": 2.0, "c": 1.0}
    assert discrimination_27(scores, {"a": 1.0, "b": 0.0, "c": 0.0}).index is None


def test_nobody_answered() -> None:
    assert discrimination_27({}, {}) == Discrimination(None, None, None, 0, 0)
    assert discrimination_27({"a": 1.0}, {}).students == 0


def test_only_students_who_answered_are_ranked() -> None:
    # "zed" has the best total but has not reached this question: not in the upper group.
    scores = {"a": 4.0, "b": 3.0, "c": 2.0, "d": 1.0, "zed": 9.0}
    credit = {"a": 1.0, "b": 1.0, "c": 0.0, "d": 0.0}
    result = discrimination_27(scores, credit)
    assert (result.students, result.group_size, result.index) == (4, 1, 1.0)


def test_a_tie_at_the_boundary_shares_the_last_place() -> None:
    # Five students, groups of one; a and b tie for the top: each counts half in the upper group.
    scores = {"a": 4.0, "b": 4.0, "c": 3.0, "d": 2.0, "e": 1.0}
    credit = {"a": 1.0, "b": 0.0, "c": 1.0, "d": 1.0, "e": 0.0}
    result = discrimination_27(scores, credit)
    assert (result.upper, result.lower, result.index) == (0.5, 0.0, 0.5)
    # The order the students come in does not matter.
    reordered = discrimination_27(dict(reversed(scores.items())), dict(reversed(credit.items())))
    assert reordered == result


def test_a_tie_block_straddling_the_boundary_of_a_group_of_three() -> None:
    # Ten students, groups of three. Upper: 9 and 8 whole, then three tied on 7 share one place
    # (a third each): (1 + 1 + (1 + 0 + 0) / 3) / 3 = 7/9. Lower: 1, 2, 3 → (0 + 0 + 1) / 3.
    scores = dict(zip("abcdefghij", [9, 8, 7, 7, 7, 5, 4, 3, 2, 1], strict=True))
    credit = dict(zip("abcdefghij", [1, 1, 1, 0, 0, 1, 0, 1, 0, 0], strict=True))
    result = discrimination_27(scores, credit)
    assert result.group_size == 3
    assert result.upper == pytest.approx(7 / 9)
    assert result.lower == pytest.approx(1 / 3)
    assert result.index == pytest.approx(4 / 9)


def test_everybody_tied_gives_zero() -> None:
    scores = dict.fromkeys("abcdef", 2.0)
    credit = dict(zip("abcdef", [1, 0, 1, 0, 1, 0], strict=True))
    assert discrimination_27(scores, credit).index == pytest.approx(0.0)


def test_totals_equal_but_for_rounding_still_tie() -> None:
    scores = {"a": 0.1 + 0.2, "b": 0.3, "c": 0.0, "d": -1.0}
    credit = {"a": 1.0, "b": 0.0, "c": 0.0, "d": 0.0}
    assert discrimination_27(scores, credit).upper == 0.5


def test_weighted_discrimination_averages_classes_by_size() -> None:
    classes = [
        Discrimination(0.5, 0.75, 0.25, 3, 10),
        Discrimination(-0.1, 0.4, 0.5, 8, 30),
        Discrimination(None, None, None, 0, 2),  # too few: left out
    ]
    assert weighted_discrimination(classes) == pytest.approx((0.5 * 10 - 0.1 * 30) / 40)
    assert weighted_discrimination(classes[2:]) is None
    assert weighted_discrimination([]) is None


# --- Histogram -----------------------------------------------------------------------------------


def test_histogram_in_ten_bands() -> None:
    bins = histogram([0, 10, 30.000000000000004, 29.999999999999996, 55, 99.9, 100], 10)
    assert [b.count for b in bins] == [1, 1, 0, 2, 0, 1, 0, 0, 0, 2]
    assert [b.label for b in bins[:2]] == ["0–10", "10–20"]
    assert bins[-1].label == "90–100" and bins[-1].last and not bins[0].last


def test_histogram_with_edges_and_out_of_range_scores() -> None:
    bins = histogram([-5, 0, 49, 50, 100, 120], [0, 50, 100])
    assert [(b.low, b.high, b.count) for b in bins] == [(0, 50, 3), (50, 100, 3)]


def test_histogram_of_nobody_and_of_one() -> None:
    assert [b.count for b in histogram([], 4)] == [0, 0, 0, 0]
    assert [b.count for b in histogram([100.0], 4)] == [0, 0, 0, 1]


def test_histogram_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        histogram([1], 0)
    with pytest.raises(ValueError):
        histogram([1], [0, 0, 1])


# --- Distractors and flags -----------------------------------------------------------------------


def test_unchosen_distractors_of_multiple_choice() -> None:
    options = ["a", "b", "c", "d"]
    assert distractor_unchosen(options, ["b"], [0, 5, 1, 0], 6) == ["a", "d"]
    # The key chosen by nobody is not a distractor.
    assert distractor_unchosen(options, ["b"], [3, 0, 1, 2], 6) == []


def test_unchosen_distractors_of_multiple_select() -> None:
    assert distractor_unchosen(["a", "b", "c"], ["a", "b"], [4, 4, 0], 4) == ["c"]


def test_unchosen_distractors_need_enough_students_and_options() -> None:
    assert distractor_unchosen(["a", "b"], ["a"], [3, 0], 3) == []
    assert distractor_unchosen(None, ["True"], [5, 0], 5) == []
    assert distractor_unchosen(None, [], [], 9) == []


def test_flags() -> None:
    assert item_flags(0.95, 0.3) == [FLAG_TOO_EASY]
    assert item_flags(1.0, None) == [FLAG_TOO_EASY]  # all correct, a class of one
    assert item_flags(0.9, 0.0) == []  # "over 90 %" is strictly over
    assert item_flags(0.2, 0.4) == []  # "under 20 %" is strictly under
    assert item_flags(0.1, -0.2, ["x"]) == [FLAG_TOO_HARD, FLAG_NEGATIVE, FLAG_UNCHOSEN]
    assert item_flags(0.5, -0.01) == [FLAG_NEGATIVE]
    assert item_flags(None, None) == []
