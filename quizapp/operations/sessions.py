"""Opening and closing classroom sessions."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import ClassSession, Participant, Question, Quiz, Response, SessionQuestion

#: No 0/O, 1/I/L or 5/S: a code read off a projector is typed right the first time.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
JOIN_CODE_LENGTH = 6


class SessionError(ValueError):
    """A session cannot be opened or changed as asked; the message says why."""


def new_join_code() -> str:
    """A random code from the unambiguous alphabet."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """What a student typed, as a code: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def open_session(
    quiz: Quiz,
    mode: str,
    *,
    deadline: datetime | None = None,
    stem_on_phones: bool = False,
) -> ClassSession:
    """Open a session of ``quiz``: copy its settings and questions in, and give it a join code."""
    if not quiz.items:
        raise SessionError("This quiz has no questions yet. Add some before opening a session.")
    if deadline is not None and deadline <= datetime.now(UTC):
        raise SessionError("The deadline has to be in the future.")
    session = ClassSession(
        owner_id=quiz.owner_id,
        quiz=quiz,
        title=quiz.title,
        mode=mode,
        deadline=deadline,
        time_limit=quiz.time_limit,
        scoring_mode=quiz.scoring_mode,
        streak_bonus=quiz.streak_bonus,
        feedback=quiz.feedback,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
        stem_on_phones=stem_on_phones,
    )
    session.questions = [
        snapshot(item.question, position) for position, item in enumerate(quiz.items)
    ]
    session.question_count = len(session.questions)
    insert_with_unique_code(session)
    return session


def snapshot(question: Question, position: int) -> SessionQuestion:
    """The question as it stands now, so later edits do not change this session's results."""
    return SessionQuestion(
        question_id=question.id,
        position=position,
        kind=question.kind,
        stem=question.stem,
        options=question.option_texts,
        answer=question.answer,
        accepted=list(question.accepted or []),
        settings=question.settings,
        source_sentence=question.source_sentence,
        source_start=question.source_start,
        article_id=question.article_id,
    )


def insert_with_unique_code(session: ClassSession, attempts: int = 20) -> None:
    """Insert the session with a join code no other open session has.

    The partial unique index decides; a clash (rare: 29^6 codes) is retried in a savepoint.
    """
    for _ in range(attempts):
        session.join_code = new_join_code()
        try:
            with db.session.begin_nested():
                db.session.add(session)
                db.session.flush()
            return
        except IntegrityError:
            continue
    raise SessionError("Could not find a free join code; please try again.")


def find_open_session(code: str) -> ClassSession | None:
    """The open session with this join code, if any."""
    return db.session.scalar(
        select(ClassSession).where(
            ClassSession.join_code == normalise_join_code(code), ClassSession.status == "open"
        )
    )


def close_session(session: ClassSession, now: datetime | None = None) -> None:
    """Close a session: nobody can join or answer any more; results stay."""
    if session.status != "closed":
        session.status = "closed"
        session.closed_at = now or datetime.now(UTC)
        session.version += 1
        db.session.flush()


# --- sessions a teacher left open ---------------------------------------------------------------
#
# Nothing runs in the background: a session's idleness is read from the database when someone
# comes to it (joining with its code, the teacher's session pages, the host screen), and
# ``quizapp close-idle`` closes every idle session at once, e.g. from cron.


@dataclass(frozen=True)
class IdleLimits:
    """How long a session may sit without activity before it closes itself (None: never)."""

    live: timedelta | None
    homework: timedelta | None

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> IdleLimits:
        """``LIVE_IDLE_MINUTES`` and ``HOMEWORK_IDLE_DAYS``; 0 turns the rule off."""
        minutes = int(config.get("LIVE_IDLE_MINUTES", 0) or 0)
        days = int(config.get("HOMEWORK_IDLE_DAYS", 0) or 0)
        return cls(
            live=timedelta(minutes=minutes) if minutes > 0 else None,
            homework=timedelta(days=days) if days > 0 else None,
        )

    def for_session(self, session: ClassSession) -> timedelta | None:
        return self.live if session.mode == "live" else self.homework


def last_activity(session: ClassSession) -> datetime:
    """The latest moment anything happened in the session: opened, a join, a question, an answer."""
    answered = db.session.scalar(
        select(func.max(Response.answered_at)).where(Response.session_id == session.id)
    )
    joined = db.session.scalar(
        select(func.max(Participant.joined_at)).where(Participant.session_id == session.id)
    )
    moments = (session.created_at, session.question_opened_at, answered, joined)
    return max(moment for moment in moments if moment is not None)


def is_idle(session: ClassSession, now: datetime, limits: IdleLimits) -> bool:
    """Open, and quiet for longer than its mode allows (homework never before its deadline)."""
    limit = limits.for_session(session)
    if session.status != "open" or limit is None:
        return False
    if session.deadline is not None and now < session.deadline:
        return False
    opened = max(moment for moment in (session.created_at, session.question_opened_at) if moment)
    if now - opened <= limit:
        return False  # recent without reading answers and joins (every join asks this)
    return now - last_activity(session) > limit


def close_if_idle(session: ClassSession, now: datetime, limits: IdleLimits) -> bool:
    """Close the session if it is idle; a live game's screens then show that it is over."""
    if not is_idle(session, now, limits):
        return False
    if session.mode == "live":
        session.phase = "podium"
    close_session(session, now)
    return True


def close_idle_sessions(now: datetime, limits: IdleLimits) -> list[ClassSession]:
    """Close every idle open session; the ones closed."""
    candidates = db.session.scalars(select(ClassSession).where(ClassSession.status == "open"))
    return [session for session in list(candidates) if close_if_idle(session, now, limits)]
