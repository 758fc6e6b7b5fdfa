"""True or false: a statement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import RadioField
from wtforms.fields import SelectChoice

from ..stats import outcome_counts
from .base import Bar, InvalidKey, QuestionData, QuestionKind, Shown, Tally
from .grading import InvalidResponse
from .shapes import AnswerShape


class TrueFalse(QuestionKind):
    """A statement that is true or false.

    Response: a bool (strictly; 0, 1 and "true" are refused). Grading: full credit or nothing.
    True and False always show in that order (True first), on every screen.
    """

    name = "true_false"
    label = "True or false"
    shape = AnswerShape.TRUTH
    has_options = False
    lettered = True
    #: True and False wear the same colours and shapes on every screen (blue diamond, red triangle).
    letters = "ba"
    about = "A statement that is true or false."
    hint = "Is the statement true or false?"
    stem_hint = "Write it as a statement."
    error_fields: ClassVar[dict[str, str]] = {"answer": "truth"}

    def describe_answer(self, answer, settings=None) -> str:
        return "True" if answer else "False"

    def check_key(self, answer, options, accepted, settings):
        if not isinstance(answer, bool):
            raise InvalidKey("Choose whether the statement is true or false.")
        return answer, None, [], {}

    def right_options(self, question: QuestionData) -> list[str]:
        return ["True" if question.answer else "False"]

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        return Shown(("True", "False"))

    def read_form(self, shown: Shown, form) -> bool:
        value = form.get("answer")
        if value == "true":
            return True
        if value == "false":
            return False
        raise InvalidResponse("Choose True or False.")

    def normalise_response(self, raw, options, key=None, settings=None) -> bool:
        if not isinstance(raw, bool):
            raise InvalidResponse(f"The answer must be true or false, not {type(raw).__name__}.")
        return raw

    def _credit(self, key, accepted, response, settings) -> float:
        return 1.0 if response is bool(key) else 0.0

    def tally(
        self, question: QuestionData, answers: Sequence[Any], credits: Sequence[float]
    ) -> Tally:
        trues = sum(1 for a in answers if a is True)
        falses = sum(1 for a in answers if a is False)
        key = bool(question.answer)
        bars = (Bar("True", "True", trues, key), Bar("False", "False", falses, not key))
        return Tally(bars, True, outcome_counts(credits), len(credits), "Option")

    def editor_fields(self) -> dict[str, Any]:
        return {
            "truth": RadioField(
                "The statement is",
                choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
                validate_choice=False,
            )
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        return {"truth": "true" if question.answer else "false"}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        answer = {"true": True, "false": False}.get(data.get("truth") or "")
        return {"answer": answer, "options": None, "accepted": [], "settings": {}}
