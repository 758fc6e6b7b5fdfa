"""What grading gives back, and the checks every kind runs on a student's response.

A response reaches a kind already parsed (JSON or form data into Python values) but not trusted:
the checks here turn a wrong shape into ``InvalidResponse`` with a message fit to send back, so a
bad request is refused instead of graded as wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: The longest text a response may carry; a typed answer or option is never near this.
MAX_RESPONSE_CHARS = 500


class InvalidResponse(ValueError):
    """A response of the wrong shape; the message says what is wrong, in one sentence."""


@dataclass(frozen=True)
class Grade:
    """The grade of one response: ``credit`` in [0, 1], and ``correct`` for full credit.

    ``correct`` is kept apart from ``credit`` so callers (streaks, "right!" feedback) never compare
    floats; the two cannot disagree.
    """

    credit: float
    correct: bool

    def __post_init__(self) -> None:
        if not 0.0 <= self.credit <= 1.0:
            raise ValueError(f"Credit must be between 0 and 1, not {self.credit!r}.")
        if self.correct != (self.credit == 1.0):
            raise ValueError("A grade is correct exactly when it has full credit.")

    @classmethod
    def of(cls, credit: float) -> Grade:
        """The grade for a share of the marks, clamped into [0, 1]."""
        credit = min(1.0, max(0.0, float(credit)))
        return cls(credit, credit == 1.0)


def quoted(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, cut short so a long response cannot flood it."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def require_text(value: Any, what: str) -> str:
    """``value`` if it is a string of at most ``MAX_RESPONSE_CHARS`` characters."""
    if not isinstance(value, str):
        raise InvalidResponse(f"{what} must be text, not {type(value).__name__}.")
    if len(value) > MAX_RESPONSE_CHARS:
        raise InvalidResponse(
            f"{what} is too long: {len(value)} characters, at most {MAX_RESPONSE_CHARS}."
        )
    return value


def require_texts(value: Any, what: str) -> list[str]:
    """``value`` as a list of strings; a bare string is refused, though it is a sequence."""
    if not isinstance(value, list | tuple):
        raise InvalidResponse(f"{what} must be a list, not {type(value).__name__}.")
    return [require_text(item, f"Each item of {what.lower()}") for item in value]


def require_known(items: Iterable[str], known: Sequence[str], what: str) -> None:
    """Refuse the first item that is not among ``known``."""
    for item in items:
        if item not in known:
            raise InvalidResponse(f"{quoted(item)} is not one of the {what}.")


def require_distinct(items: Iterable[str], message: str) -> None:
    """Refuse the first item seen twice; ``message`` has a ``{item}`` slot."""
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise InvalidResponse(message.format(item=quoted(item)))
        seen.add(item)


def require_all(items: Iterable[str], wanted: Sequence[str], message: str) -> None:
    """Refuse a response that leaves out one of ``wanted``; ``message`` has an ``{item}`` slot."""
    present = set(items)
    for item in wanted:
        if item not in present:
            raise InvalidResponse(message.format(item=quoted(item)))


def require_options(options: Sequence[str] | None, kind: str) -> Sequence[str]:
    """The options of a kind that needs them; without them the caller erred, not the student."""
    if options is None:
        raise TypeError(f"A {kind} response is checked against the question's options.")
    return options
