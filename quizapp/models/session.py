"""Classroom sessions, the questions frozen into them, the students who join, and their answers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .quiz import Quiz
    from .teacher import Teacher

SESSION_MODES = ("self_paced", "live")
SESSION_STATUSES = ("open", "closed")
LIVE_PHASES = ("lobby", "question", "reveal", "leaderboard", "podium")


class ClassSession(db.Model):
    """One run of a quiz with a class: self-paced homework or a live, teacher-paced game.

    The quiz's settings are copied in when the session opens, so editing the quiz later does not
    change a session that students are already playing.
    """

    __tablename__ = "class_session"
    __table_args__ = (
        CheckConstraint(f"mode IN {SESSION_MODES!r}", name="mode"),
        CheckConstraint(f"status IN {SESSION_STATUSES!r}", name="status"),
        CheckConstraint(f"phase IN {LIVE_PHASES!r}", name="phase"),
        # One join code among open sessions; a closed session's code may come round again.
        Index(
            "uq_class_session_open_join_code",
            "join_code",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int | None] = mapped_column(ForeignKey("quiz.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8), default="open")
    join_code: Mapped[str] = mapped_column(String(12))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    time_limit: Mapped[int | None] = mapped_column(Integer)
    scoring_mode: Mapped[str] = mapped_column(String(16))
    streak_bonus: Mapped[bool] = mapped_column(Boolean, default=False)
    feedback: Mapped[str] = mapped_column(String(8))
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Live: show the question's text on phones too, for students who cannot see the projector.
    stem_on_phones: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Feedback at the end: the teacher let students see the keys before the session closes.
    answers_released: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    #: Live state: everything a phone or the host screen needs to know lives in these columns.
    phase: Mapped[str] = mapped_column(String(16), default="lobby")
    current_index: Mapped[int] = mapped_column(Integer, default=-1)
    question_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Seconds left on the clock while the host has paused; None when running.
    paused_remaining: Mapped[float | None] = mapped_column(Float)
    #: How many questions it has (``questions`` never changes once open): a phone's facts say
    #: "question 3 of 10" without loading the list.
    question_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    #: Goes up by one at every change a phone or the host must see (the polling ETag).
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: The host locked the lobby: nobody new may join; players already in carry on.
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    owner: Mapped[Teacher] = relationship()
    quiz: Mapped[Quiz | None] = relationship()
    questions: Mapped[list[SessionQuestion]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SessionQuestion.position",
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class SessionQuestion(db.Model):
    """A question as it was asked in one session: a copy, so later edits change no results."""

    __tablename__ = "session_question"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str] | None] = mapped_column(JSON)
    answer: Mapped[Any] = mapped_column(JSON)
    accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The kind's own values beside its key (numeric: tolerance, unit), as the question had them.
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    source_sentence: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"))
    source_start: Mapped[int] = mapped_column(Integer)

    session: Mapped[ClassSession] = relationship(back_populates="questions")


class Participant(db.Model):
    """A student in a session: a nickname, no account."""

    __tablename__ = "participant"
    __table_args__ = (
        UniqueConstraint("session_id", "nickname_key"),
        # Every live answer asks how many players can answer the open question: from this
        # index alone, not from every player's row (2,000 of them in a full game).
        Index("ix_participant_able", "session_id", "removed", "first_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), index=True
    )
    nickname: Mapped[str] = mapped_column(String(40))
    #: The nickname's confusable skeleton (``operations.play.nickname_key``), so "Ana", "ana " and
    #: "Аna" with a Cyrillic "А" are one name.
    nickname_key: Mapped[str] = mapped_column(String(40))
    #: A random value inside the student's signed cookie; a new one locks the old cookie out.
    secret: Mapped[str] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Self-paced: the position of the question the student is on.
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Self-paced: when the current question was first shown (the server's clock times answers).
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int] = mapped_column(Integer, default=0)
    streak: Mapped[int] = mapped_column(Integer, default=0)
    #: An accommodation: this student's time limits are multiplied by this.
    time_factor: Mapped[float] = mapped_column(Float, default=1.0)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Live: the first question this student can answer (a late joiner starts at the next one).
    first_index: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[ClassSession] = relationship(back_populates="participants")
    responses: Mapped[list[Response]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )


class Response(db.Model):
    """A student's answer to one question; the database allows one per student and question."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("participant_id", "session_question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    session_question_id: Mapped[int] = mapped_column(
        ForeignKey("session_question.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[Any] = mapped_column(JSON)
    credit: Mapped[float] = mapped_column(Float)
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer)
    seconds_taken: Mapped[float] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Live: how many times the student changed this answer before the question closed.
    changes: Mapped[int] = mapped_column(Integer, default=0)

    participant: Mapped[Participant] = relationship(back_populates="responses")
    session_question: Mapped[SessionQuestion] = relationship()
