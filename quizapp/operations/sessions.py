"""Opening and closing classroom sessions."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import ClassSession, Question, Quiz, SessionQuestion

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


def close_session(session: ClassSession) -> None:
    """Close a session: nobody can join or answer any more; results stay."""
    if session.status != "closed":
        session.status = "closed"
        session.closed_at = datetime.now(UTC)
        session.version += 1
        db.session.flush()
