"""Recording an answer, the one path for self-paced play, live games and the public practice.

Every answer goes the same way: read the submitted form against what the student was shown
(``read_answer``), normalise and grade it (``mark``), then the caller's mode turns the grade into
points and stores it (``operations.play``, ``operations.live``, ``operations.practice`` each call
``mark`` and nothing else of the kind). The kind does the work; nothing here knows a kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kinds import FormData, Grade, QuestionData, Shown, get_kind


def data_of(question: Any) -> QuestionData:
    """The plain values of a stored question (bank or session), for the kind's methods."""
    return QuestionData.of(question)


def shown_question(question: Any, seed: str, shuffle: bool = True) -> Shown:
    """What one student sees of ``question``: the kind's display order for ``seed``."""
    return get_kind(question.kind).shown(data_of(question), seed, shuffle)


def read_answer(question: Any, shown: Shown, form: FormData) -> Any:
    """The response in a submitted answer form, read against what the student was shown.

    Raises the kind's ``InvalidResponse`` (a message for the student) for a malformed form.
    """
    return get_kind(question.kind).read_form(shown, form)


@dataclass(frozen=True)
class Marked:
    """A response in the kind's shape (None: no answer counted) and its grade."""

    value: Any
    grade: Grade


def mark(question: Any, raw: Any, *, timed_out: bool = False) -> Marked:
    """Normalise and grade ``raw`` for ``question``; an answer out of time keeps nothing.

    Raises the kind's ``InvalidResponse`` for a response of the wrong shape (checked even when
    out of time: a malformed request is refused, not stored).
    """
    kind = get_kind(question.kind)
    data = data_of(question)
    value = kind.normalise_response(raw, data.options, key=data.answer, settings=data.settings)
    if timed_out:
        return Marked(None, Grade(0.0, False))
    return Marked(value, kind.grade(data.answer, data.accepted, value, data.settings))
