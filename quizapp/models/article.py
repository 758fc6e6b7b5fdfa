"""Articles: the texts questions are generated from."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import Timestamped, UTCDateTime

if TYPE_CHECKING:
    from .question import Question
    from .teacher import Teacher


class Article(Timestamped, db.Model):
    """An article as the generator read it; ``body`` is the exact text the offsets index."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None for the built-in article, which every teacher can use.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    words: Mapped[int] = mapped_column(Integer)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Shown on the public shelf, for anyone to read and practise on.
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The generator ("name/version") that last generated this article's questions.
    generator: Mapped[str | None] = mapped_column(String(64))
    generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The article's sections as the generator found them: [{"heading", "start", "end"}, ...].
    sections: Mapped[list[dict]] = mapped_column(JSON, default=list)

    owner: Mapped[Teacher | None] = relationship(back_populates="articles")
    #: The article's own questions: on a shared article, the shared bank everyone reads (the
    #: public practice, every teacher). Teachers' own copies (``Question.owner_id``) are not
    #: among them; ``operations.questions.bank_for`` gives a teacher's view.
    questions: Mapped[list[Question]] = relationship(
        primaryjoin="and_(Question.article_id == Article.id, Question.owner_id.is_(None))",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Question.position",
        back_populates="article",
    )
