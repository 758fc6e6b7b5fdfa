"""Teachers: the only people with accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import Timestamped

if TYPE_CHECKING:
    from .article import Article


class Teacher(UserMixin, Timestamped, db.Model):
    """A teacher account; owns articles, quizzes and sessions."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased, so that one address is one account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))

    articles: Mapped[list[Article]] = relationship(back_populates="owner")
