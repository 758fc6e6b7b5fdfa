"""Recording an answer, the one path for self-paced play, live games and the public practice.

``record_answer`` is what every answer view calls: it reads the submitted form against what this
student was shown (the kind's ``read_form``), then hands the response to the mode (an
``Answerer``: ``operations.play.SelfPaced``, ``operations.live.Live``,
``operations.practice.Practising``), whose operation checks it may be answered now, normalises and
grades it (``mark``, the kind's work), turns the grade into points and stores it. Views only turn
the result, or the error raised, into a response. Nothing here knows a kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..kinds import FormData, Grade, InvalidResponse, QuestionData, Shown, get_kind


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


class Answerer(Protocol):
    """Who answers, in one mode: the few things ``record_answer`` needs of each."""

    def find(self, question_id: int) -> Any | None:
        """The question with this id if this answerer could be sent it, else None."""

    def shown(self, question: Any) -> Shown:
        """The question as this answerer sees it."""

    def is_current(self, question: Any, now: datetime) -> bool:
        """Whether ``question`` is the one to answer now (a malformed answer to it is reported
        as such; to any other question, the mode's own refusal wins)."""

    def submit(self, question_id: int, raw: Any, now: datetime) -> Any:
        """The mode's operation: check, ``mark``, points, store; its result."""


def record_answer(answerer: Answerer, question_id: int, form: FormData, now: datetime) -> Any:
    """Read, normalise, grade, score and store one answer; the mode's result.

    Raises the kind's ``InvalidResponse`` for a malformed answer to the current question, and the
    mode's own errors (closed, already answered, not the current question, too late) otherwise.
    """
    question = answerer.find(question_id)
    raw = None
    if question is not None:
        try:
            raw = read_answer(question, answerer.shown(question), form)
        except InvalidResponse:
            if answerer.is_current(question, now):
                raise
    return answerer.submit(question_id, raw, now)
