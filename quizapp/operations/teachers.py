"""Teacher accounts: registration and checking a password."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import Teacher

#: Compared against when the e-mail is unknown, so a failed login takes as long either way.
DUMMY_HASH = generate_password_hash("not a real password")


class EmailTaken(ValueError):
    """Another account already uses this e-mail address."""


def normalise_email(email: str) -> str:
    """One address, one account: compare addresses trimmed and lower-cased."""
    return email.strip().lower()


def register_teacher(email: str, display_name: str, password: str) -> Teacher:
    """Create an account; the password is stored as a salted scrypt hash (Werkzeug's default)."""
    email = normalise_email(email)
    if db.session.scalar(select(Teacher.id).where(Teacher.email == email)) is not None:
        raise EmailTaken(email)
    teacher = Teacher(
        email=email,
        display_name=display_name.strip(),
        password_hash=generate_password_hash(password),
    )
    try:
        # Two registrations with one e-mail at once both pass the check above; the database's
        # unique constraint refuses the second (PostgreSQL: UniqueViolation), which is the same
        # answer as the check's.
        with db.session.begin_nested():
            db.session.add(teacher)
            db.session.flush()
    except IntegrityError:
        raise EmailTaken(email) from None
    return teacher


def authenticate(email: str, password: str) -> Teacher | None:
    """The teacher with this e-mail and password, or None, without revealing which was wrong."""
    teacher = db.session.scalar(select(Teacher).where(Teacher.email == normalise_email(email)))
    if teacher is None:
        check_password_hash(DUMMY_HASH, password)
        return None
    return teacher if check_password_hash(teacher.password_hash, password) else None
