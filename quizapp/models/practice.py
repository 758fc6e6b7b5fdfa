"""Public practice: anyone answers about ten questions of a public article, with no account.

Nothing here names a person. An attempt is reached through its random ``token`` (in the URL of the
practice pages, like a bearer ticket) and its result, read-only, through its short ``share_code``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .article import Article
    from .question import Question


class PracticeAttempt(db.Model):
    """One run of practice questions on an article; a "missed ones" round has a parent."""

    __tablename__ = "practice_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    #: Unguessable and URL-safe: whoever holds it may continue the attempt.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    #: Short and read aloud easily: opens the read-only result, never the attempt.
    share_code: Mapped[str] = mapped_column(String(8), unique=True)
    #: The attempt whose missed questions this one asks again.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_attempt.id", ondelete="SET NULL"), index=True
    )
    #: 1 for a fresh practice, 2 for the first "missed ones" round, and so on.
    round: Mapped[int] = mapped_column(Integer, default=1)
    #: The questions chosen when the attempt started, in the order they are asked.
    question_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    article: Mapped[Article] = relationship()
    parent: Mapped[PracticeAttempt | None] = relationship(remote_side=[id])
    answers: Mapped[list[PracticeAnswer]] = relationship(
        back_populates="attempt",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PracticeAnswer.position",
    )


class PracticeAnswer(db.Model):
    """The answer given to one question of an attempt; it cannot be changed once given."""

    __tablename__ = "practice_answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        UniqueConstraint("attempt_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("practice_attempt.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    #: 0-based place of the question in the attempt.
    position: Mapped[int] = mapped_column(Integer)
    #: The normalised response, in the kind's JSON form.
    answer: Mapped[Any] = mapped_column(JSON)
    credit: Mapped[float] = mapped_column(Float)
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    attempt: Mapped[PracticeAttempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
