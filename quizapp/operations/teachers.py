"""Teacher accounts: registration, checking a password, and the browsers signed in.

Each sign-in is a ``TeacherLogin`` row whose secret is in the browser's session and remember-me
cookies (``Teacher.get_id``). Flask-Login's cookies are signed, but a signature cannot be taken
back: without a row to delete, a copied cookie would outlive sign-out, and a remember-me cookie
would last its year whatever the teacher did.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import Teacher, TeacherLogin
from ..models.base import utcnow

#: A sign-in older than this is forgotten (Flask-Login's remember-me cookie lasts a year).
LOGIN_MAX_AGE = timedelta(days=365)

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


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login(teacher: Teacher, *, remember: bool = False) -> str:
    """Record a new sign-in for this browser; ``teacher.get_id()`` now names it.

    The teacher's sign-ins older than ``LOGIN_MAX_AGE`` are dropped on the way.
    """
    db.session.execute(
        delete(TeacherLogin).where(
            TeacherLogin.teacher_id == teacher.id,
            TeacherLogin.created_at < utcnow() - LOGIN_MAX_AGE,
        )
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        TeacherLogin(teacher_id=teacher.id, token_hash=token_hash(token), remember=remember)
    )
    db.session.flush()
    teacher.login_token = token
    return token


def signed_in_teacher(user_id: str) -> Teacher | None:
    """The teacher a session or remember-me cookie names, if that sign-in has not ended."""
    number, _, token = str(user_id).partition(":")
    if not (number.isascii() and number.isdigit() and len(number) <= 10) or not token:
        return None  # also a cookie from before sign-ins were recorded: sign in again
    row = db.session.execute(
        select(Teacher, TeacherLogin.token_hash)
        .join(TeacherLogin, TeacherLogin.teacher_id == Teacher.id)
        .where(Teacher.id == int(number), TeacherLogin.token_hash == token_hash(token))
        .where(TeacherLogin.created_at >= utcnow() - LOGIN_MAX_AGE)
    ).first()
    if row is None or not hmac.compare_digest(row[1], token_hash(token)):
        return None
    teacher = row[0]
    teacher.login_token = token
    return teacher


def end_login(teacher: Teacher) -> None:
    """Sign this browser out: its cookies, and every copy of them, stop working."""
    if teacher.login_token:
        db.session.execute(
            delete(TeacherLogin).where(TeacherLogin.token_hash == token_hash(teacher.login_token))
        )
    teacher.login_token = None


def end_all_logins(teacher: Teacher) -> int:
    """Sign the teacher out on every browser; returns how many sign-ins ended."""
    ended = db.session.execute(delete(TeacherLogin).where(TeacherLogin.teacher_id == teacher.id))
    teacher.login_token = None
    return ended.rowcount or 0


def change_password(teacher: Teacher, new_password: str) -> None:
    """A new password ends every sign-in: whoever knew the old one is out everywhere."""
    teacher.password_hash = generate_password_hash(new_password)
    end_all_logins(teacher)
    db.session.flush()


def password_matches(teacher: Teacher, password: str) -> bool:
    return check_password_hash(teacher.password_hash, password)
