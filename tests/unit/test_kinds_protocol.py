"""The kinds' protocol: registry, display orders, forms, the numeric kind, and ordinal places."""

from __future__ import annotations

import pytest

from quizapp.generation.types import KINDS
from quizapp.kinds import (
    REGISTRY,
    AnswerShape,
    Grade,
    InvalidKey,
    InvalidResponse,
    QuestionData,
    QuestionKind,
    Registry,
    get_kind,
    kind_for_shape,
)
from quizapp.kinds.numeric import NotANumber, parse_number
from quizapp.scoring import ordinal

NUMERIC = get_kind("numeric")
MATCHING = get_kind("matching")
ORDERING = get_kind("ordering")

#: A matching key in date order, as articles tell history: the items must not come in this order.
DATES = [["Sputnik 1", "1957"], ["Apollo 11", "1969"], ["Apollo-Soyuz", "1975"], ["ISS", "1998"]]


def test_the_registry_holds_every_kind_the_generator_makes() -> None:
    REGISTRY.require(KINDS, "The generator")
    with pytest.raises(RuntimeError, match="not registered"):
        REGISTRY.require([*KINDS, "crossword"], "The generator")
    assert kind_for_shape(AnswerShape.NUMBER) is NUMERIC


def test_a_registry_refuses_two_kinds_of_one_name() -> None:
    registry = Registry()
    registry.register(type(NUMERIC))
    with pytest.raises(RuntimeError, match="Two question kinds"):
        registry.register(type(NUMERIC))


def test_start_up_fails_loudly_when_the_generator_makes_an_unregistered_kind(
    monkeypatch, tmp_path
) -> None:
    import quizapp

    monkeypatch.setattr(quizapp, "GENERATED_KINDS", (*KINDS, "crossword"))
    with pytest.raises(RuntimeError, match="crossword"):
        quizapp.create_app({"TESTING": True, "AUTO_SETUP_DATABASE": False}, str(tmp_path))


def test_matching_items_are_shuffled_per_student_never_in_the_key_order() -> None:
    question = QuestionData("matching", "Match.", DATES, options=("1975", "1957", "1998", "1969"))
    lefts = [left for left, _ in DATES]
    orders = {MATCHING.shown(question, f"options:student{n}:7").prompts for n in range(40)}
    assert tuple(lefts) not in orders  # the key's order (date order) is never shown
    assert len(orders) > 3  # each student gets an order of their own
    seed = "options:ana:7"
    assert MATCHING.shown(question, seed) == MATCHING.shown(question, seed)  # stable on reload
    assert all(sorted(order) == sorted(lefts) for order in orders)


def test_ordering_is_never_shown_in_the_key_order() -> None:
    key = ["a", "b", "c"]
    question = QuestionData("ordering", "Order.", key, options=("a", "b", "c"))
    for n in range(30):
        assert list(ORDERING.shown(question, f"s{n}").choices) != key
    assert list(ORDERING.shown(question, "s", shuffle=False).choices) != key


def test_a_matching_answer_may_not_use_one_match_twice() -> None:
    options = ["1957", "1969", "1975", "1998"]
    twice = [[left, "1969"] for left, _ in DATES]
    with pytest.raises(InvalidResponse, match="match of two items"):
        MATCHING.normalise_response(twice, options, key=DATES)
    # Sorting the years top to bottom earned full marks when items came in date order; now the
    # student's items are shuffled, and only the right pairs earn credit.
    assert MATCHING.grade(DATES, [], MATCHING.normalise_response(DATES, options, key=DATES)).correct


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1969", 1969),
        ("1,969", 1969),
        ("1969.0", 1969),
        ("1 969", 1969),
        ("about 1969", 1969),
        ("Around 1969", 1969),
        ("c. 1969", 1969),
        ("384,400", 384400),
        ("2.5", 2.5),
        ("-40", -40),
        ("40%", 40),
        ("22 member states", 22),
    ],
)
def test_numbers_are_read_as_people_type_them(typed: str, value: float) -> None:
    settings = {"unit": "member states"}
    assert NUMERIC.normalise_response(typed, None, settings=settings) == value


@pytest.mark.parametrize("typed", ["nineteen sixty-nine", "19six9", "", "1969 or 1970", "1.2.3"])
def test_words_are_refused_with_a_message_not_marked_wrong(typed: str) -> None:
    with pytest.raises(NotANumber, match="in digits"):
        NUMERIC.normalise_response(typed, None)
    with pytest.raises(InvalidResponse):
        parse_number(typed)


def test_numeric_grading_exact_tolerance_and_near_answers() -> None:
    exact = {"tolerance": 0, "percent": False}
    assert NUMERIC.grade(1969, [], 1969, exact) == Grade(1.0, True)
    assert NUMERIC.grade(1969, [], 1970, exact) == Grade(0.5, False)  # the next whole number
    assert NUMERIC.grade(1969, [], 1971, exact) == Grade(0.0, False)
    percent = {"tolerance": 10, "percent": True}
    assert NUMERIC.grade(40, [], 44, percent).correct
    assert NUMERIC.grade(40, [], 48, percent) == Grade(0.5, False)
    assert NUMERIC.grade(40, [], 49.5, percent) == Grade(0.0, False)
    absolute = {"tolerance": 5, "percent": False}
    assert NUMERIC.grade(100, [], 95, absolute).correct
    assert NUMERIC.grade(100, [], 89, absolute) == Grade(0.5, False)
    assert NUMERIC.grade(2.5, [], 3.4, {"tolerance": 0}) == Grade(0.0, False)


def test_a_numeric_key_is_checked() -> None:
    key, options, accepted, settings = NUMERIC.check_key(
        "1,969", None, [], {"tolerance": "2", "unit": " km "}
    )
    assert (key, options, accepted) == (1969, None, [])
    assert settings == {"tolerance": 2, "percent": False, "unit": "km"}
    with pytest.raises(InvalidKey, match="number"):
        NUMERIC.check_key("nineteen", None, [], {})
    with pytest.raises(InvalidKey) as refused:
        NUMERIC.check_key("12", None, [], {"tolerance": "-1"})
    assert refused.value.part == "tolerance"


def test_the_spread_of_guesses_around_the_key() -> None:
    question = QuestionData("numeric", "In what year?", 1969, settings={"tolerance": 0})
    tally = NUMERIC.tally(question, [1969, 1969, 1970, 1950, None, 2100], [1, 1, 0.5, 0, 0, 0])
    assert not tally.by_option and tally.answered == 6
    key_bar = next(bar for bar in tally.bars if bar.is_key)
    assert key_bar.count == 2 and key_bar.short == "1969"
    assert sum(tally.counts) == 5  # the answer out of time counts in no band
    assert [bar.count for bar in tally.bars] == [0, 0, 1, 2, 1, 0, 1]
    assert tally.bars[-1].label.startswith("over")  # the far guess is in the open band
    assert tally.outcomes == {"right": 2, "partly": 1, "wrong": 3}


def test_numeric_form_and_description() -> None:
    kind: QuestionKind = NUMERIC
    shown = kind.shown(QuestionData("numeric", "How many?", 22, settings={"unit": "states"}), "s")
    assert shown.settings["unit"] == "states"
    field = kind.answer_fields(shown)["number"]
    assert field.kwargs["render_kw"]["inputmode"] == "decimal"
    assert kind.read_form(shown, {"number": " 22 "}) == "22"
    with pytest.raises(InvalidResponse, match="box first"):
        kind.read_form(shown, {"number": "  "})
    assert kind.form_values(shown, 22) == {"number": "22"}
    assert kind.describe_answer(384400, {"unit": "km"}) == "384,400 km"
    assert kind.describe_answer(1969) == "1969"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinal_places(number: int, text: str) -> None:
    assert ordinal(number) == text
