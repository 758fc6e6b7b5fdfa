"""Questions and their options, with where each came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..kinds import get_kind
from .base import Timestamped

if TYPE_CHECKING:
    from .article import Article

QUESTION_STATUSES = ("pending", "approved", "rejected")


class Question(Timestamped, db.Model):
    """One question of an article's bank, generated or written by a teacher."""

    __tablename__ = "question"
    __table_args__ = (
        UniqueConstraint("article_id", "generated_id"),
        CheckConstraint(f"status IN {QUESTION_STATUSES!r}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    #: The generator's stable id; None for a question a teacher wrote by hand.
    generated_id: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(32))
    stem: Mapped[str] = mapped_column(Text)
    #: The key in the kind's JSON form (see ``quizapp.kinds``).
    answer: Mapped[Any] = mapped_column(JSON)
    #: Typed answers that also count as right (fill_blank).
    accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The kind's own values beside its key (numeric: tolerance, percent, unit); None for most.
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    answer_type: Mapped[str] = mapped_column(String(32))
    source_sentence: Mapped[str] = mapped_column(Text)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(String(300))
    difficulty: Mapped[float] = mapped_column(Float, default=0.5)
    #: The generator's quality estimate, 0 (weak) to 1 (use as it is); 0.5 for a teacher's own.
    quality: Mapped[float] = mapped_column(Float, default=0.5, server_default=text("0.5"))
    #: The generator rule that made the question, or "teacher".
    rule: Mapped[str] = mapped_column(String(64))
    generator: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    #: A teacher changed it: regenerating leaves it alone.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Set on a teacher's own question in a shared article (built-in, CLI-loaded): a copy of a
    #: shared question they changed, or one they wrote there. Only that teacher sees or uses it.
    #: None for the article's own questions, which on a shared article nobody may change.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    #: The shared question this one is the teacher's copy of.
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL"), index=True
    )

    #: (Setting it puts the question in ``article.questions``: the article's own bank. A
    #: teacher's own question in a shared article is made with ``article_id`` instead.)
    article: Mapped[Article] = relationship(back_populates="questions")
    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuestionOption.position",
    )

    @property
    def option_texts(self) -> list[str] | None:
        """The options in order, or None for kinds without options."""
        return [option.text for option in self.options] or None

    @property
    def answer_text(self) -> str:
        """The key as a person reads it."""
        return get_kind(self.kind).describe_answer(self.answer, self.settings)


class QuestionOption(db.Model):
    """One option shown with a question; ``origin`` says where a distractor came from."""

    __tablename__ = "question_option"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: "key" for a right answer; otherwise where the distractor came from ("article", ...).
    origin: Mapped[str | None] = mapped_column(String(64))

    question: Mapped[Question] = relationship(back_populates="options")
