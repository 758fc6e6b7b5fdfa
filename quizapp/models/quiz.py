"""Quizzes: an ordered pick of approved questions, with the settings a session starts from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import Timestamped

if TYPE_CHECKING:
    from .question import Question
    from .teacher import Teacher

SCORING_MODES = ("speed", "accuracy")
FEEDBACK_MODES = ("each", "end")


class Quiz(Timestamped, db.Model):
    """A teacher's quiz."""

    __tablename__ = "quiz"
    __table_args__ = (
        CheckConstraint(f"scoring_mode IN {SCORING_MODES!r}", name="scoring_mode"),
        CheckConstraint(f"feedback IN {FEEDBACK_MODES!r}", name="feedback"),
        CheckConstraint("time_limit IS NULL OR time_limit BETWEEN 5 AND 600", name="time_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: Seconds per question; None for no limit (self-paced homework).
    #: No Python default: SQLAlchemy would put it in place of an explicit None ("no limit").
    time_limit: Mapped[int | None] = mapped_column(Integer)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    #: "speed": faster right answers earn more; "accuracy": only being right counts.
    scoring_mode: Mapped[str] = mapped_column(String(16), default="speed")
    streak_bonus: Mapped[bool] = mapped_column(Boolean, default=False)
    #: "each": show right or wrong after every question; "end": only on the end page.
    feedback: Mapped[str] = mapped_column(String(8), default="each")

    owner: Mapped[Teacher] = relationship()
    items: Mapped[list[QuizItem]] = relationship(
        back_populates="quiz",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuizItem.position",
    )


class QuizItem(db.Model):
    """One question's place in a quiz."""

    __tablename__ = "quiz_item"
    __table_args__ = (
        UniqueConstraint("quiz_id", "position"),
        UniqueConstraint("quiz_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()
