"""Grading rules and response checks of every question kind, on small hand-worked examples."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.kinds import (
    KIND_LABELS,
    KIND_REGISTRY,
    MAX_RESPONSE_CHARS,
    FillBlank,
    Grade,
    InvalidResponse,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    QuestionKind,
    TrueFalse,
    get_kind,
    normalise_answer,
)
from quizapp.kinds.answers import forgives_typo, within_one_edit

LONG = "x" * (MAX_RESPONSE_CHARS + 1)


# --- Grade -------------------------------------------------------------------------------------


def test_grade_is_frozen_and_consistent() -> None:
    grade = Grade.of(0.5)
    assert grade == Grade(0.5, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        grade.credit = 1.0  # type: ignore[misc]
    assert Grade.of(1) == Grade(1.0, True)
    assert Grade.of(1.5) == Grade(1.0, True)
    assert Grade.of(-0.2) == Grade(0.0, False)


@pytest.mark.parametrize(
    ("credit", "correct"), [(0.5, True), (1.0, False), (1.2, True), (-1, False)]
)
def test_grade_refuses_inconsistent_values(credit: float, correct: bool) -> None:
    with pytest.raises(ValueError):
        Grade(credit, correct)


def test_grade_refuses_nan() -> None:
    with pytest.raises(ValueError):
        Grade(float("nan"), False)


def test_every_kind_is_registered_and_grades_no_answer_as_zero() -> None:
    assert set(KIND_REGISTRY) == set(KIND_LABELS)
    for kind in KIND_REGISTRY.values():
        assert isinstance(kind, QuestionKind)
        assert kind.grade("anything", [], None) == Grade(0.0, False)
        assert kind.__doc__ and "Grading" in kind.__doc__


# --- multiple_choice ----------------------------------------------------------------------------

MC = MultipleChoice()
MC_OPTIONS = ["Mars", "Venus", "Jupiter"]


def test_multiple_choice_full_or_nothing() -> None:
    assert MC.grade("Mars", [], "Mars") == Grade(1.0, True)
    assert MC.grade("Mars", [], "Venus") == Grade(0.0, False)


def test_multiple_choice_response_must_be_an_option() -> None:
    assert MC.normalise_response("Venus", MC_OPTIONS) == "Venus"
    with pytest.raises(InvalidResponse, match="'Pluto' is not one of the options"):
        MC.normalise_response("Pluto", MC_OPTIONS)
    with pytest.raises(InvalidResponse, match="must be text, not int"):
        MC.normalise_response(2, MC_OPTIONS)
    with pytest.raises(InvalidResponse, match="must be text, not list"):
        MC.normalise_response(["Mars"], MC_OPTIONS)
    with pytest.raises(InvalidResponse, match="too long"):
        MC.normalise_response(LONG, MC_OPTIONS)


def test_multiple_choice_needs_options() -> None:
    with pytest.raises(TypeError):
        MC.normalise_response("Mars", None)


def test_invalid_response_message_is_cut_short() -> None:
    with pytest.raises(InvalidResponse) as caught:
        MC.normalise_response("y" * MAX_RESPONSE_CHARS, MC_OPTIONS)
    assert len(str(caught.value)) < 100
    assert isinstance(caught.value, ValueError)


# --- multiple_select ----------------------------------------------------------------------------

MS = MultipleSelect()
MS_OPTIONS = ["A", "B", "C", "D", "E"]
MS_KEY = ["A", "B", "C"]


@pytest.mark.parametrize(
    ("response", "credit"),
    [
        (["A", "B", "C"], 1.0),  # exactly the keys
        (["A", "B"], 2 / 3),  # (2 − 0) / 3
        (["A", "B", "D"], 1 / 3),  # (2 − 1) / 3
        (["A", "B", "C", "D"], 2 / 3),  # (3 − 1) / 3: all keys but one wrong pick
        (["A", "D", "E"], 0.0),  # (1 − 2) / 3 → clamped to 0
        (["A", "B", "C", "D", "E"], 1 / 3),  # (3 − 2) / 3
        (["D"], 0.0),
        ([], 0.0),  # none selected
    ],
)
def test_multiple_select_partial_credit(response: list[str], credit: float) -> None:
    grade = MS.grade(MS_KEY, [], response)
    assert grade.credit == pytest.approx(credit)
    assert grade.correct is (response == MS_KEY)


def test_multiple_select_with_no_keys() -> None:
    assert MS.grade([], [], []) == Grade(1.0, True)
    assert MS.grade([], [], ["A"]) == Grade(0.0, False)


def test_multiple_select_response_in_options_order() -> None:
    assert MS.normalise_response(["C", "A"], MS_OPTIONS) == ["A", "C"]
    assert MS.normalise_response(("E",), MS_OPTIONS) == ["E"]
    assert MS.normalise_response([], MS_OPTIONS) == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("A", "must be a list, not str"),
        (None, "must be a list, not NoneType"),
        (["A", "Z"], "'Z' is not one of the options"),
        (["A", "B", "A"], "'A' is selected more than once"),
        (["A", 3], "must be text, not int"),
        ([LONG], "too long"),
    ],
)
def test_multiple_select_invalid(raw: object, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        MS.normalise_response(raw, MS_OPTIONS)


# --- true_false ---------------------------------------------------------------------------------

TF = TrueFalse()


def test_true_false_full_or_nothing() -> None:
    assert TF.grade(True, [], True) == Grade(1.0, True)
    assert TF.grade(False, [], False) == Grade(1.0, True)
    assert TF.grade(True, [], False) == Grade(0.0, False)
    assert TF.grade(False, [], True) == Grade(0.0, False)


@pytest.mark.parametrize("raw", [1, 0, "true", "True", None, [True]])
def test_true_false_response_must_be_a_bool(raw: object) -> None:
    with pytest.raises(InvalidResponse, match="must be true or false"):
        TF.normalise_response(raw, ["True", "False"])


def test_true_false_normalises_bools() -> None:
    assert TF.normalise_response(False, None) is False
    assert TF.normalise_response(True, ["True", "False"]) is True


# --- fill_blank ---------------------------------------------------------------------------------

FB = FillBlank()


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  The   Moon ", "moon"),
        ("A", "a"),  # a lone article stays: it may be the answer
        ("an apple", "apple"),
        ("Thermal the", "thermal the"),  # only a leading article goes
        ("Rock & Roll", "rock and roll"),
        ("Apollo-Soyuz", "apollo soyuz"),
        ("Apollo—Soyuz", "apollo soyuz"),  # em dash
        ("and/or", "and or"),
        ("U.S.A.", "usa"),
        ("O'Neill!", "oneill"),
        ("3.5", "3.5"),
        ("1,000", "1000"),
        ("Straße", "strasse"),  # case-fold
        ("ＡＢＣ１２", "abc12"),  # full-width forms, NFKC
        ("Ｍünchen", "münchen"),  # non-ASCII letters kept
        ("東京", "東京"),
        ("?!", ""),
    ],
)
def test_normalise_answer(text: str, normal: str) -> None:
    assert normalise_answer(text) == normal


@pytest.mark.parametrize(
    ("response", "right"),
    [
        ("Armstrong", True),
        ("armstrong", True),
        ("  ARMSTRONG. ", True),
        ("Armstrog", True),  # one letter dropped, 9 letters
        ("Armstrongg", True),  # one added
        ("Armstrung", True),  # one changed
        ("Amrstrong", True),  # two neighbours swapped
        ("Amrstrnog", False),  # two typos
        ("Aldrin", False),
        ("Neil Armstrong", True),  # accepted variant
        ("Neil Armstrog", True),  # typo in an accepted variant
    ],
)
def test_fill_blank_typed_answers(response: str, right: bool) -> None:
    grade = FB.grade("Armstrong", ["Neil Armstrong"], response)
    assert grade == (Grade(1.0, True) if right else Grade(0.0, False))


@pytest.mark.parametrize(
    ("key", "response", "right"),
    [
        ("1969", "1969", True),
        ("1969", "1968", False),  # numbers must match exactly
        ("1969", "19690", False),
        ("Apollo 11", "Apolo 11", True),  # typo in the letters, same number
        ("Apollo 11", "Apollo 12", False),
        ("Apollo 11", "Apollo 1", False),
        ("Moon", "Mon", False),  # 4 letters: no typo forgiven
        ("Venus", "Venis", False),  # 5 letters
        ("Saturn", "Satrun", True),  # 6 letters: one typo forgiven
        ("the Moon", "moon", True),
        ("Moon", "The moon!", True),
        ("AT&T", "AT and T", True),
        ("Kennedy Space Center", "Kennedy-Space-Center", True),
        ("Tōkyō", "tōkyō", True),
        ("Tōkyō", "Tokyo", False),  # accents are not folded; 5 letters
        ("C.E.R.N.", "cern", True),
        ("moon", "?!", False),  # nothing left after normalising
        ("moon", "the", False),
    ],
)
def test_fill_blank_rules(key: str, response: str, right: bool) -> None:
    assert FB.grade(key, [], response).correct is right


def test_fill_blank_key_that_normalises_to_nothing_matches_nothing() -> None:
    assert FB.grade("?!", [], "?!") == Grade(0.0, False)


@pytest.mark.parametrize(
    ("first", "second", "near"),
    [
        ("abc", "abc", True),
        ("abc", "abd", True),
        ("abc", "ab", True),
        ("ab", "abc", True),
        ("abc", "xabc", True),
        ("abc", "bac", True),
        ("abc", "acb", True),
        ("abc", "cba", False),
        ("abc", "a", False),
        ("abcd", "abdc", True),
        ("abcd", "badc", False),
        ("", "a", True),
        ("", "ab", False),
    ],
)
def test_within_one_edit(first: str, second: str, near: bool) -> None:
    assert within_one_edit(first, second) is near
    assert within_one_edit(second, first) is near


def test_forgives_typo_counts_letters_of_the_key() -> None:
    assert forgives_typo("saturm", "saturn")
    assert not forgives_typo("1 2 3 4 5 7", "1 2 3 4 5 6")
    assert not forgives_typo("abcde", "abcdf")


def test_fill_blank_response_is_trimmed_text() -> None:
    assert FB.normalise_response("  Armstrong \n", None) == "Armstrong"
    assert FB.normalise_response("x" * MAX_RESPONSE_CHARS, None) == "x" * MAX_RESPONSE_CHARS


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("   \t", "empty"),
        (None, "must be text, not NoneType"),
        (1969, "must be text, not int"),
        (["Armstrong"], "must be text, not list"),
        (LONG, "too long: 501 characters, at most 500"),
    ],
)
def test_fill_blank_invalid(raw: object, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        FB.normalise_response(raw, None)


# --- matching -----------------------------------------------------------------------------------

MA = Matching()
MA_KEY = [["Apollo 11", "1969"], ["Sputnik 1", "1957"], ["Vostok 1", "1961"], ["Skylab", "1973"]]
MA_OPTIONS = ["1957", "1961", "1969", "1973", "1981"]


@pytest.mark.parametrize(
    ("rights", "credit"),
    [
        (["1969", "1957", "1961", "1973"], 1.0),
        (["1969", "1957", "1973", "1961"], 0.5),  # two swapped
        (["1969", "1981", "1961", "1973"], 0.75),  # one wrong
        (["1957", "1969", "1973", "1961"], 0.0),
        (["1969", "1969", "1969", "1969"], 0.25),  # a right may repeat; one of them is right
    ],
)
def test_matching_share_of_pairs(rights: list[str], credit: float) -> None:
    response = [[left, right] for (left, _), right in zip(MA_KEY, rights, strict=True)]
    grade = MA.grade(MA_KEY, [], response)
    assert grade == Grade.of(credit)
    assert grade.correct is (credit == 1.0)


def test_matching_accepts_tuples_from_python() -> None:
    key = [("a", "1"), ("b", "2")]
    assert MA.grade(key, [], [("b", "2"), ("a", "2")]) == Grade(0.5, False)
    assert MA.grade([], [], []) == Grade(1.0, True)


def test_matching_response_in_key_order() -> None:
    raw = [("Skylab", "1973"), ["Vostok 1", "1961"], ["Apollo 11", "1981"], ["Sputnik 1", "1957"]]
    assert MA.normalise_response(raw, MA_OPTIONS, key=MA_KEY) == [
        ["Apollo 11", "1981"],
        ["Sputnik 1", "1957"],
        ["Vostok 1", "1961"],
        ["Skylab", "1973"],
    ]


def test_matching_without_options_uses_the_key_rights() -> None:
    raw = [["Apollo 11", "1957"], ["Sputnik 1", "1969"], ["Vostok 1", "1961"], ["Skylab", "1973"]]
    assert MA.normalise_response(raw, None, key=MA_KEY)[0] == ["Apollo 11", "1957"]
    with pytest.raises(InvalidResponse, match="'1981' is not one of the options"):
        MA.normalise_response([["Apollo 11", "1981"], *raw[1:]], None, key=MA_KEY)


def test_matching_needs_the_key() -> None:
    with pytest.raises(TypeError):
        MA.normalise_response([], MA_OPTIONS)


FULL = [["Apollo 11", "1969"], ["Sputnik 1", "1957"], ["Vostok 1", "1961"], ["Skylab", "1973"]]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"Apollo 11": "1969"}, "must be a list, not dict"),
        ("Apollo 11", "must be a list, not str"),
        ([*FULL[:3], ["Skylab"]], r"a \[left, right\] pair"),
        ([*FULL[:3], ["Skylab", "1973", "x"]], r"a \[left, right\] pair"),
        ([*FULL[:3], "Skylab"], r"a \[left, right\] pair"),
        ([*FULL[:3], ["Skylab", 1973]], "must be text, not int"),
        ([*FULL[:3], ["Mir", "1973"]], "'Mir' is not one of the items to match"),
        ([*FULL[:3], ["Skylab", "2001"]], "'2001' is not one of the options"),
        ([*FULL, ["Skylab", "1973"]], "'Skylab' is matched more than once"),
        ([*FULL[:3], ["Apollo 11", "1973"]], "'Apollo 11' is matched more than once"),
        (FULL[:3], "Match every item: 'Skylab' is missing"),
        ([], "Match every item: 'Apollo 11' is missing"),
        ([*FULL[:3], ["Skylab", LONG]], "too long"),
    ],
)
def test_matching_invalid(raw: object, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        MA.normalise_response(raw, MA_OPTIONS, key=MA_KEY)


# --- ordering -----------------------------------------------------------------------------------

OR = Ordering()
OR_KEY = ["A", "B", "C", "D"]
OR_OPTIONS = ["C", "A", "D", "B"]  # shown shuffled


@pytest.mark.parametrize(
    ("response", "credit"),
    [
        ("ABCD", 1.0),
        ("BACD", 5 / 6),  # 6 pairs, only (A, B) reversed
        ("ABDC", 5 / 6),
        ("ACBD", 5 / 6),
        ("BADC", 4 / 6),  # (A, B) and (C, D) reversed
        ("DABC", 3 / 6),  # D before A, B and C
        ("CDAB", 2 / 6),  # only (A, B) and (C, D) in order
        ("DCBA", 0.0),  # reversed
    ],
)
def test_ordering_share_of_pairs_in_order(response: str, credit: float) -> None:
    grade = OR.grade(OR_KEY, [], list(response))
    assert grade.credit == pytest.approx(credit)
    assert grade.correct is (response == "ABCD")


def test_ordering_small_and_defensive_cases() -> None:
    assert OR.grade([], [], []) == Grade(1.0, True)
    assert OR.grade(["A"], [], ["A"]) == Grade(1.0, True)
    assert OR.grade(["A", "B"], [], ["B", "A"]) == Grade(0.0, False)
    assert OR.grade(["A", "B", "C"], [], ["A", "B"]).credit == pytest.approx(1 / 3)


def test_ordering_response_kept_as_given() -> None:
    assert OR.normalise_response(("B", "A", "D", "C"), OR_OPTIONS) == ["B", "A", "D", "C"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ABCD", "must be a list, not str"),
        (["A", "B", "C"], "Place every item: 'D' is missing"),
        (["A", "B", "C", "C"], "'C' is placed more than once"),
        (["A", "B", "C", "D", "D"], "'D' is placed more than once"),
        (["A", "B", "C", "E"], "'E' is not one of the items to order"),
        (["A", "B", "C", None], "must be text, not NoneType"),
        ([], "Place every item: 'C' is missing"),
    ],
)
def test_ordering_invalid(raw: object, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        OR.normalise_response(raw, OR_OPTIONS)


def test_ordering_needs_options() -> None:
    with pytest.raises(TypeError):
        OR.normalise_response(["A"], None)


def test_get_kind_gives_the_registered_graders() -> None:
    assert isinstance(get_kind("ordering"), Ordering)
    assert get_kind("fill_blank").grade("Moon", [], "the moon").correct
