"""Numeric (estimation): the answer is a number — a year, a count, a quantity with its unit."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import BooleanField, StringField
from wtforms.validators import Length

from ..stats import outcome_counts
from .base import Bar, InvalidKey, QuestionData, QuestionKind, Shown, Tally
from .formfields import TYPED_MAX
from .grading import InvalidResponse
from .shapes import AnswerShape

#: Words a student may put before a number ("about 1969"): an estimate is still a number.
HEDGES = ("about", "around", "approximately", "approx.", "approx", "roughly", "circa", "c.", "ca.")
#: Digits in groups of three, separated by commas or spaces ("1,969", "384 400"), or plain.
_NUMBER = re.compile(
    r"""^(?P<sign>[-+−]?)
        (?P<int>\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?$""",
    re.VERBOSE,
)
#: Bands of the histogram of guesses on each side of the key's band.
SIDE_BANDS = 3
MAX_TOLERANCE_PERCENT = 100.0


class NotANumber(InvalidResponse):
    """A response that is not a number in digits; said to the student, never marked wrong."""


def parse_number(text: str, unit: str = "") -> float:
    """A typed number: "1,969", "1969.0", "1 969", "about 1969", "1969 km" (its own unit), "5%".

    Words ("nineteen sixty-nine") are refused with ``NotANumber``: the student is asked for
    digits rather than marked wrong for how they wrote a right answer.
    """
    value = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    for hedge in HEDGES:
        if value.startswith(hedge + " ") or (hedge.endswith(".") and value.startswith(hedge)):
            value = value[len(hedge) :].strip()
            break
    value = value.lstrip("~≈").strip()
    for suffix in (unit.casefold().strip(), "%", "percent", "per cent"):
        if suffix and value.endswith(suffix) and value[: -len(suffix)].strip():
            value = value[: -len(suffix)].strip()
            break
    match = _NUMBER.match(value)
    if not value or not match or (match.group("int") is None and match.group("frac") is None):
        raise NotANumber("Type the answer as a number in digits, not in words.")
    digits = re.sub(r"\D", "", match.group("int") or "0")
    number = float(f"{digits}.{match.group('frac') or '0'}")
    return -number if match.group("sign") in ("-", "−") else number


def plain_number(value: float) -> int | float:
    """An integral float as an int (1969.0 → 1969), so keys and answers read as typed."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def format_number(value: float) -> str:
    """A number as a person reads it: years without a comma, large numbers grouped."""
    value = plain_number(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10000 else f"{value:,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text if abs(value) >= 10000 else text.replace(",", "")


def allowance(key: float, settings: Mapping[str, Any]) -> float:
    """The tolerance as an absolute difference: the value, or that percent of the key."""
    tolerance = float(settings.get("tolerance") or 0.0)
    if settings.get("percent"):
        return abs(key) * tolerance / 100.0
    return tolerance


class Numeric(QuestionKind):
    """The answer is a number; a teacher may allow a tolerance (absolute, or a percent of the key).

    Response: a number, typed in digits ("1,969", "1 969", "1969.0", "about 1969" and the unit
    after the number are all read as 1969; words are refused with a message, not marked wrong).
    Grading: let d be the distance from the key and t the tolerance (absolute, or the percent of
    the key). Full credit when d ≤ t (so with t = 0 only the key itself); half credit when the
    answer is near, t < d ≤ 2t + n, where n is 1 for integer keys (the next whole number either
    side) and 0 otherwise; nothing beyond. So for 1969 with no tolerance, 1968 and 1970 earn half;
    for 40 % ± 10 %, 36 to 44 earn full marks and 32 to 48 half.
    """

    name = "numeric"
    label = "Numeric"
    shape = AnswerShape.NUMBER
    has_options = False
    about = "Students type a number: a year, a count or a quantity, with a tolerance you set."
    hint = "Type a number in digits."
    error_fields: ClassVar[dict[str, str]] = {
        "answer": "number",
        "tolerance": "tolerance",
        "unit": "unit",
    }

    def describe_answer(self, answer: Any, settings: Mapping[str, Any] | None = None) -> str:
        if not isinstance(answer, int | float) or isinstance(answer, bool):
            return str(answer)
        unit = str((settings or {}).get("unit") or "")
        return f"{format_number(answer)} {unit}".strip()

    def describe_tolerance(self, settings: Mapping[str, Any]) -> str:
        tolerance = float(settings.get("tolerance") or 0.0)
        if not tolerance:
            return "exactly"
        if settings.get("percent"):
            return f"± {format_number(tolerance)}%"
        return f"± {format_number(tolerance)}"

    def check_key(self, answer, options, accepted, settings):
        if isinstance(answer, bool) or answer is None or answer == "":
            raise InvalidKey("Write the right number.")
        try:
            key = answer if isinstance(answer, int | float) else parse_number(str(answer))
        except NotANumber:
            raise InvalidKey("Write the right answer as a number in digits.") from None
        if not math.isfinite(key):
            raise InvalidKey("Write the right answer as a number in digits.")
        raw_tolerance = settings.get("tolerance") or 0
        try:
            tolerance = (
                raw_tolerance
                if isinstance(raw_tolerance, int | float)
                else parse_number(str(raw_tolerance))
            )
        except NotANumber:
            raise InvalidKey("Write the tolerance as a number, or 0.", "tolerance") from None
        percent = bool(settings.get("percent"))
        if tolerance < 0 or not math.isfinite(tolerance):
            raise InvalidKey("The tolerance cannot be negative.", "tolerance")
        if percent and tolerance > MAX_TOLERANCE_PERCENT:
            raise InvalidKey("A tolerance in percent is at most 100.", "tolerance")
        unit = str(settings.get("unit") or "").strip()
        if len(unit) > 40:
            raise InvalidKey("The unit is too long: at most 40 characters.", "unit")
        stored = {"tolerance": plain_number(tolerance), "percent": percent, "unit": unit}
        return plain_number(key), None, [], stored

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        return Shown(settings=question.settings)

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        return {
            "number": StringField(
                "Your answer",
                validators=[Length(max=TYPED_MAX)],
                render_kw={"inputmode": "decimal", "autocomplete": "off"},
            )
        }

    def read_form(self, shown: Shown, form) -> str:
        text = str(form.get("number") or "").strip()
        if not text:
            raise InvalidResponse("Type your answer in the box first.")
        if len(text) > TYPED_MAX:
            raise InvalidResponse(f"Answers have at most {TYPED_MAX} characters.")
        return text

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        if isinstance(response, int | float) and not isinstance(response, bool):
            return {"number": format_number(response)}
        return {}

    def normalise_response(self, raw, options, key=None, settings=None) -> int | float:
        if isinstance(raw, bool):
            raise InvalidResponse("The answer must be a number.")
        if isinstance(raw, int | float):
            value = float(raw)
        elif isinstance(raw, str):
            value = parse_number(raw[:TYPED_MAX], str((settings or {}).get("unit") or ""))
        else:
            raise InvalidResponse(f"The answer must be a number, not {type(raw).__name__}.")
        if not math.isfinite(value):
            raise NotANumber("Type the answer as a number in digits, not in words.")
        return plain_number(value)

    def _credit(self, key, accepted, response, settings) -> float:
        distance = abs(float(response) - float(key))
        tolerance = allowance(float(key), settings)
        if distance <= tolerance + 1e-9:
            return 1.0
        near = 2 * tolerance + (1 if float(key).is_integer() else 0)
        return 0.5 if distance <= near + 1e-9 else 0.0

    def key_terms(self, question: QuestionData) -> list[str]:
        answer = question.answer
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            plain = format_number(answer)
            return list(dict.fromkeys([plain, plain.replace(",", "")]))
        return []

    def band_width(self, key: float, tolerance: float, answers: Sequence[float]) -> float:
        """How wide each band beside the key's is: a round step that spreads the guesses outside
        the tolerance over the bands on each side (at least 1, or the tolerance)."""
        farthest = max((abs(a - key) - tolerance for a in answers), default=0.0)
        step = max(1.0, tolerance, farthest / SIDE_BANDS)
        magnitude = 10 ** math.floor(math.log10(step))
        for nice in (1, 2, 2.5, 5, 10):
            if nice * magnitude >= step - 1e-9:
                return nice * magnitude
        return step

    def tally(
        self, question: QuestionData, answers: Sequence[Any], credits: Sequence[float]
    ) -> Tally:
        """The spread of guesses around the key: the key's band (within the tolerance), then
        three bands of equal width on each side, the outermost open-ended."""
        key = float(question.answer)
        tolerance = allowance(key, question.settings)
        numbers = [
            float(a) for a in answers if isinstance(a, int | float) and not isinstance(a, bool)
        ]
        width = self.band_width(key, tolerance, numbers)
        counts = [0] * (2 * SIDE_BANDS + 1)
        for number in numbers:
            distance = abs(number - key) - tolerance
            band = 0 if distance <= 1e-9 else min(SIDE_BANDS, math.ceil(distance / width - 1e-9))
            counts[SIDE_BANDS + (band if number > key else -band)] += 1
        bars = []
        for index, count in enumerate(counts):
            offset = index - SIDE_BANDS
            if offset == 0:
                short = format_number(key)
                answer = self.describe_answer(question.answer, question.settings)
                label = f"{answer} {self.describe_tolerance(question.settings)}"
                if not tolerance:
                    label = f"{answer} (the answer)"
            else:
                near = tolerance + (abs(offset) - 1) * width
                far = tolerance + abs(offset) * width
                sign = 1 if offset > 0 else -1
                inner, outer = key + sign * near, key + sign * far
                if abs(offset) == SIDE_BANDS:
                    label = f"{'over' if sign > 0 else 'under'} {format_number(inner)}"
                    short = f"{'>' if sign > 0 else '<'}{format_number(inner)}"
                else:
                    low, high = sorted((inner, outer))
                    label = f"{format_number(low)} to {format_number(high)}"
                    short = f"{'+' if sign > 0 else '−'}{format_number(far)}"
            bars.append(Bar(short, label, count, offset == 0))
        return Tally(tuple(bars), False, outcome_counts(credits), len(credits), "Guesses")

    def editor_fields(self) -> dict[str, Any]:
        return {
            "number": StringField(
                "Right answer (a number)",
                validators=[Length(max=40)],
                render_kw={"inputmode": "decimal", "autocomplete": "off"},
            ),
            "unit": StringField(
                "Unit",
                validators=[Length(max=40)],
                description="Shown beside the answer field, e.g. “km” or “member states”.",
            ),
            "tolerance": StringField(
                "Tolerance",
                validators=[Length(max=40)],
                description="How far from the answer still counts as right; 0 for exactly. "
                "Up to twice as far (and the next whole number) earns half marks.",
                render_kw={"inputmode": "decimal"},
            ),
            "percent": BooleanField("The tolerance is a percentage of the answer"),
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        settings = question.settings
        return {
            "number": self.describe_answer(question.answer) if question.answer is not None else "",
            "unit": settings.get("unit") or "",
            "tolerance": format_number(float(settings.get("tolerance") or 0)),
            "percent": bool(settings.get("percent")),
        }

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        return {
            "answer": (data.get("number") or "").strip(),
            "options": None,
            "accepted": [],
            "settings": {
                "tolerance": (data.get("tolerance") or "0").strip() or "0",
                "percent": bool(data.get("percent")),
                "unit": (data.get("unit") or "").strip(),
            },
        }
