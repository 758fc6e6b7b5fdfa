"""Select all that apply: some of the options are keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import TextAreaField

from .base import InvalidKey, QuestionData, Shown
from .formfields import MultiCheckboxField, index_choices, option_index
from .grading import require_distinct, require_known, require_options, require_texts
from .keys import arrange_options, checked_options, lines, listed, stripped
from .multiple_choice import ChoiceKind
from .shapes import AnswerShape


class MultipleSelect(ChoiceKind):
    """Some of the options are keys; the student picks any number of options.

    Response: a list of distinct options (an empty list means "none selected"), returned in the
    options' order. Grading: partial credit = max(0, (right picks − wrong picks) / number of keys),
    so picking everything earns nothing; correct only for exactly the keys. A question whose key
    is empty gives full credit to an empty response only.
    """

    name = "multiple_select"
    label = "Select all that apply"
    shape = AnswerShape.MANY_CHOICES
    about = "Students tick every right answer."
    hint = "There may be more than one right answer."
    error_fields: ClassVar[dict[str, str]] = {"answer": "keys", "options": "wrong"}

    def describe_answer(self, answer, settings=None) -> str:
        return ", ".join(answer)

    def check_key(self, answer, options, accepted, settings):
        options = checked_options(options)
        key = self.normalise_response([stripped(a) for a in listed(answer)], options)
        if not key:
            raise InvalidKey("Write at least one right answer.")
        if len(key) == len(options):
            raise InvalidKey("Leave at least one wrong option, or every pick would be right.")
        return key, options, [], {}

    def right_options(self, question: QuestionData) -> list[str]:
        return list(question.answer or ())

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        return {
            "picks": MultiCheckboxField(
                "Choose every answer that fits",
                choices=index_choices(shown.choices),
                validate_choice=False,
            )
        }

    def read_form(self, shown: Shown, form) -> list[str]:
        return [shown.choices[option_index(v, shown.choices)] for v in form.getlist("picks")]

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        picks = set(response or ())
        return {"picks": [str(i) for i, text in enumerate(shown.choices) if text in picks]}

    def normalise_response(self, raw, options, key=None, settings=None) -> list[str]:
        choices = require_options(options, self.name)
        picks = require_texts(raw, "The selection")
        require_known(picks, choices, "options")
        require_distinct(picks, "{item} is selected more than once.")
        return [choice for choice in dict.fromkeys(choices) if choice in picks]

    def _credit(self, key, accepted, response, settings) -> float:
        keys, picks = set(key), set(response)
        if not keys:
            return 0.0 if picks else 1.0
        right, wrong = len(picks & keys), len(picks - keys)
        return max(0.0, (right - wrong) / len(keys))

    def editor_fields(self) -> dict[str, Any]:
        return {
            "keys": TextAreaField("Right answers, one per line", render_kw={"rows": 3}),
            "wrong": TextAreaField(
                "Wrong answers, one per line",
                description="The options that are not right (distractors).",
                render_kw={"rows": 4},
            ),
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        options = question.options or ()
        return {
            "keys": "\n".join(question.answer),
            "wrong": "\n".join(o for o in options if o not in question.answer),
        }

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        keys = lines(data.get("keys"))
        options = arrange_options(previous, [*keys, *lines(data.get("wrong"))])
        return {"answer": keys, "options": options, "accepted": [], "settings": {}}
