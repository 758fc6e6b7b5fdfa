"""The typed-answer reveal groups answers as the grader does."""

from __future__ import annotations

from quizapp.kinds import get_kind, normalise_answer
from quizapp.typed_answers import AnswerGroup, common_answers


def graded(key: str, accepted: list[str], answers: list[str | None]):
    kind = get_kind("fill_blank")
    return [
        (answer, answer is not None and kind.grade(key, accepted, answer).correct)
        for answer in answers
    ]


def test_right_answers_are_one_group_under_the_key() -> None:
    rows = graded(
        "Apollo 11",
        ["Apollo-11"],
        ["apollo 11", "Apolo 11", "Apollo-11", "Apollo 12", "apollo 12 ", "Gemini", None],
    )
    groups = common_answers(rows, normalise_answer, "Apollo 11")
    assert groups == [
        AnswerGroup("Apollo 11", 3, True),
        AnswerGroup("Apollo 12", 2, False),
        AnswerGroup("Gemini", 1, False),
    ]


def test_wrong_answers_group_by_the_graders_form_and_keep_the_commonest_spelling() -> None:
    rows = [("the Moon", False), ("moon", False), ("Moon", False), ("Moon", False)]
    assert common_answers(rows, normalise_answer, "Mars") == [AnswerGroup("Moon", 4, False)]


def test_numbers_group_by_value_and_the_list_is_cut() -> None:
    rows = [(1969, True), (1968, False), (1968.0, False), (1970, False), (1, False), (2, False)]
    groups = common_answers(rows, float, "1969", limit=3)
    assert [(g.text, g.count, g.right) for g in groups] == [
        ("1968", 2, False),
        ("1969", 1, True),
        ("1", 1, False),
    ]
