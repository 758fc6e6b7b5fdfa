"""Fill in the blank: the student types the missing word or words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from .answers import answer_matches
from .base import InvalidKey, QuestionData, QuestionKind, Shown
from .formfields import TYPED_MAX, typed_text
from .grading import InvalidResponse, require_text
from .keys import MAX_OPTION_CHARS, checked_accepted, lines, stripped
from .shapes import AnswerShape


class FillBlank(QuestionKind):
    """The student types the missing word or words.

    Response: a non-empty string, trimmed. Grading: full credit if the response equals the key or
    an accepted variant once both are normalised (Unicode NFKC, case-folded, "&" read as "and",
    dashes and slashes as spaces, other punctuation dropped, whitespace collapsed, a leading
    "the"/"a"/"an" dropped), else nothing. One typo (a character added, dropped or changed, or two
    neighbours swapped) is forgiven in answers of at least 6 letters, but numbers must match
    exactly: "1968" is not "1969", "Apollo 12" is not "Apollo 11".
    """

    name = "fill_blank"
    label = "Fill in the blank"
    shape = AnswerShape.TEXT
    has_options = False
    about = "Students type the missing word or words."
    hint = "Type the missing word or words."
    stem_hint = "Use _____ for the blank."
    error_fields: ClassVar[dict[str, str]] = {"answer": "key", "accepted": "accepted"}

    def check_key(self, answer, options, accepted, settings):
        if not str(answer or "").strip():
            raise InvalidKey("Write the right answer.")
        key = self.normalise_response(stripped(answer), None)
        if len(key) > MAX_OPTION_CHARS:
            raise InvalidKey(f"The answer is too long: at most {MAX_OPTION_CHARS} characters.")
        return key, None, checked_accepted(key, accepted or []), {}

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        return Shown()

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        return {"text": StringField("Your answer", validators=[Length(max=TYPED_MAX)])}

    def read_form(self, shown: Shown, form) -> str:
        return typed_text(form.get("text"), "Type your answer in the box first.")

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        return {"text": response} if isinstance(response, str) else {}

    def normalise_response(self, raw, options, key=None, settings=None) -> str:
        text = require_text(raw, "The answer").strip()
        if not text:
            raise InvalidResponse("The answer is empty.")
        return text

    def _credit(self, key, accepted, response, settings) -> float:
        return 1.0 if answer_matches(response, [key, *accepted]) else 0.0

    def editor_fields(self) -> dict[str, Any]:
        return {
            "key": StringField(
                "Answer", validators=[Length(max=200)], render_kw={"autocomplete": "off"}
            ),
            "accepted": TextAreaField(
                "Other accepted answers, one per line",
                description="Spellings or wordings that also count as right, e.g. “ESA”.",
                render_kw={"rows": 3},
            ),
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        others = [a for a in question.accepted if a != question.answer]
        return {"key": question.answer, "accepted": "\n".join(others)}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        return {
            "answer": (data.get("key") or "").strip(),
            "options": None,
            "accepted": lines(data.get("accepted")),
            "settings": {},
        }
