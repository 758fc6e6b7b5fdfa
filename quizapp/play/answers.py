"""Turning a submitted answer form into the response shape each kind grades.

The forms send indexes into the options *as this student sees them* (``shown_options``), never
option texts, so a page carries nothing but what is on screen; here the indexes are mapped back
to texts. Anything malformed raises ``InvalidResponse`` with a message for the student; the kind's
own ``normalise_response`` then checks the shape again before grading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..kinds import InvalidResponse
from ..models import SessionQuestion
from ..security import parse_id

#: Longest text accepted in the fill-in box (the kinds refuse longer ones anyway).
FILL_BLANK_MAX = 200


class FormData(Protocol):
    """What ``request.form`` offers (a werkzeug ``MultiDict``)."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


def matching_lefts(question: SessionQuestion) -> list[str]:
    """The items to match, as the kind expects them: the lefts of the key's pairs.

    Only the left-hand texts leave the server; which right belongs to which stays in the key.
    """
    if question.kind != "matching":
        return []
    return [str(left) for left, _ in question.answer or []]


def matching_choices(question: SessionQuestion, options: Sequence[str] | None) -> list[str]:
    """The right-hand texts to choose from.

    A matching question normally has options; without them the kind falls back on the key's
    rights, which are then sorted so that their order gives nothing away.
    """
    if options is not None:
        return list(options)
    return sorted({str(right) for _, right in question.answer or []}, key=str.casefold)


def choices_for(question: SessionQuestion, options: Sequence[str] | None) -> list[str]:
    """The texts the form's indexes point into, for any kind."""
    if question.kind == "matching":
        return matching_choices(question, options)
    return list(options or [])


def parse_response(question: SessionQuestion, options: Sequence[str] | None, form: FormData) -> Any:
    """The student's response to ``question`` from the submitted ``form``.

    ``options`` must be ``shown_options(participant, question)``: the order the page was built in.
    """
    kind = question.kind
    choices = choices_for(question, options)
    if kind == "multiple_choice":
        value = form.get("answer")
        if value is None or value == "":
            raise InvalidResponse("Choose one of the answers.")
        return choices[option_index(value, choices)]
    if kind == "multiple_select":
        return [choices[option_index(value, choices)] for value in form.getlist("picks")]
    if kind == "true_false":
        value = form.get("answer")
        if value == "true":
            return True
        if value == "false":
            return False
        raise InvalidResponse("Choose True or False.")
    if kind == "fill_blank":
        text = str(form.get("text") or "").strip()
        if not text:
            raise InvalidResponse("Type your answer in the box first.")
        if len(text) > FILL_BLANK_MAX:
            raise InvalidResponse(f"Answers have at most {FILL_BLANK_MAX} characters.")
        return text
    if kind == "matching":
        return parse_matching(matching_lefts(question), choices, form)
    if kind == "ordering":
        return parse_ordering(choices, form)
    raise InvalidResponse("This question cannot be answered here.")


def option_index(value: Any, choices: Sequence[str]) -> int:
    """``value`` as an index into ``choices``, or ``InvalidResponse``."""
    try:
        index = parse_id(value)
    except ValueError:
        index = len(choices)
    if index >= len(choices):
        raise InvalidResponse(
            "That answer is not one of the options. Reload the page and try again."
        )
    return index


def parse_matching(lefts: Sequence[str], choices: Sequence[str], form: FormData) -> list[list[str]]:
    """Field ``match_<i>`` holds the index of the option matched with left item ``i``."""
    pairs = []
    for number, left in enumerate(lefts):
        value = form.get(f"match_{number}")
        if value is None or value == "":
            raise InvalidResponse(f"Choose a match for “{left}”.")
        pairs.append([left, choices[option_index(value, choices)]])
    return pairs


def parse_ordering(items: Sequence[str], form: FormData) -> list[str]:
    """Field ``position_<i>`` holds the position (1 = first) given to shown item ``i``.

    The positions must use each number from 1 to n once: a permutation.
    """
    count = len(items)
    placed: dict[int, str] = {}
    for number, item in enumerate(items):
        value = str(form.get(f"position_{number}") or "").strip()
        if not value:
            raise InvalidResponse(f"Give “{item}” a position.")
        try:
            position = parse_id(value)
        except ValueError:
            position = 0
        if not 1 <= position <= count:
            raise InvalidResponse(f"Positions go from 1 to {count}.")
        if position in placed:
            raise InvalidResponse(
                f"“{placed[position]}” and “{item}” both have position {position}. "
                "Give each item its own position."
            )
        placed[position] = item
    return [placed[position] for position in sorted(placed)]
