"""Multiple choice: one option is the key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from ..stats import outcome_counts
from .base import Bar, InvalidKey, QuestionData, QuestionKind, Shown, Tally
from .formfields import option_index
from .grading import InvalidResponse, require_known, require_options, require_text
from .keys import arrange_options, checked_options, lines, stripped
from .shapes import AnswerShape

OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def option_bars(question: QuestionData, answers: Sequence[Any], keys: Sequence[str]) -> list[Bar]:
    """How many answers chose (or ticked) each option, in the options' order."""
    tally: dict[str, int] = {}
    for answer in answers:
        if answer is None:
            continue
        for pick in answer if isinstance(answer, list) else [answer]:
            tally[pick] = tally.get(pick, 0) + 1
    return [
        Bar(OPTION_LETTERS[i % 26], option, tally.get(option, 0), option in keys)
        for i, option in enumerate(question.options or ())
    ]


class ChoiceKind(QuestionKind):
    """What multiple choice and select-all share: lettered options the student picks from."""

    lettered = True
    error_fields: ClassVar[dict[str, str]] = {"answer": "key", "options": "wrong"}

    def tally(
        self, question: QuestionData, answers: Sequence[Any], credits: Sequence[float]
    ) -> Tally:
        bars = option_bars(question, answers, self.right_options(question))
        return Tally(tuple(bars), True, outcome_counts(credits), len(credits), "Option")


class MultipleChoice(ChoiceKind):
    """One option is the key.

    Response: the text of one of the options. Grading: full credit for the key, nothing otherwise.
    """

    name = "multiple_choice"
    label = "Multiple choice"
    shape = AnswerShape.ONE_CHOICE
    about = "One right answer among a few options."
    hint = "Choose one answer."

    def check_key(self, answer, options, accepted, settings):
        if not str(answer or "").strip():
            raise InvalidKey("Write the right answer.")
        options = checked_options(options)
        key = self.normalise_response(stripped(answer), options)
        return key, options, [], {}

    def right_options(self, question: QuestionData) -> list[str]:
        return [question.answer]

    def read_form(self, shown: Shown, form) -> str:
        value = form.get("answer")
        if value is None or value == "":
            raise InvalidResponse("Choose one of the answers.")
        return shown.choices[option_index(value, shown.choices)]

    def normalise_response(self, raw, options, key=None, settings=None) -> str:
        choices = require_options(options, self.name)
        text = require_text(raw, "The answer")
        require_known([text], choices, "options")
        return text

    def _credit(self, key, accepted, response, settings) -> float:
        return 1.0 if response == key else 0.0

    def editor_fields(self) -> dict[str, Any]:
        return {
            "key": StringField(
                "Right answer", validators=[Length(max=200)], render_kw={"autocomplete": "off"}
            ),
            "wrong": TextAreaField(
                "Wrong answers, one per line",
                description="The options that are not right (distractors).",
                render_kw={"rows": 4},
            ),
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        options = question.options or ()
        return {
            "key": question.answer,
            "wrong": "\n".join(o for o in options if o != question.answer),
        }

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        key = (data.get("key") or "").strip()
        options = arrange_options(previous, [key, *lines(data.get("wrong"))])
        return {"answer": key, "options": options, "accepted": [], "settings": {}}
