"""Teachers: the only people with accounts, and the browsers they are signed in on."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import Timestamped, UTCDateTime, utcnow

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

    #: The secret of the sign-in this request came with (not a column: see ``TeacherLogin``).
    login_token: ClassVar[str | None] = None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: id and sign-in.

        The sign-in's secret is in it, so a cookie names one ``TeacherLogin`` row; deleting the
        row (sign-out, "sign out everywhere", a new password) turns every copy of that cookie
        away, whatever its signature says.
        """
        if not self.login_token:
            raise RuntimeError("Sign a teacher in through operations.teachers.start_login.")
        return f"{self.id}:{self.login_token}"


class TeacherLogin(db.Model):
    """One browser signed in as a teacher; the cookie holds a secret whose hash is stored here."""

    __tablename__ = "teacher_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 of the secret in the cookie: a copy of the database lets nobody sign in.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Whether the teacher ticked "keep me signed in" (the one-year remember-me cookie).
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
