"""Flask extensions, created once here and bound to an app in ``create_app``.

Nothing here imports the app, so any module can import these without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .seat_cookie import cookie_name_for, participant_id_in

#: Constraint names that Alembic can find again on SQLite, where ALTER needs batch mode.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with named constraints."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "teacher.login"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"


#: Rate limits. The limits themselves are settings (``RATELIMIT_<NAME>`` in ``config.py``), read
#: at each request, so a deployment tunes them with ``QUIZAPP_RATELIMIT_<NAME>``. Headers are off:
#: the 429 page sends ``Retry-After`` itself (``errors.py``), other pages carry none.
limiter = Limiter(get_remote_address, headers_enabled=False)


def participant_key() -> str:
    """Who is answering: the student in the session's signed cookie, else the address.

    Only the signature is checked (no database): a forged or missing cookie falls back to the
    address, where the view refuses it anyway. Students behind one school NAT get a limit each.
    """
    session_id = (request.view_args or {}).get("session_id")
    token = request.cookies.get(cookie_name_for(session_id)) if session_id is not None else None
    participant_id = participant_id_in(token)
    if participant_id is not None:
        return f"participant:{participant_id}"
    return f"address:{get_remote_address()}"


def failed_sign_in(response) -> bool:
    """Only refused sign-ins count against the login limit; a teacher who gets in is free."""
    return response.status_code != 302


def new_player(response) -> bool:
    """A join that added a player: the response gives the browser its participant cookie."""
    return any(cookie.startswith("quizapp_p") for cookie in response.headers.getlist("Set-Cookie"))


def rate_limited(name: str, *, methods: list[str] | None = None, by: str = "address"):
    """The decorator for a view limited by the setting ``RATELIMIT_<name>``.

    ``by="participant"`` keys the limit by the student's cookie instead of the address. Views
    sharing a ``name`` share one budget (e.g. both join pages).
    """
    setting = f"RATELIMIT_{name.upper()}"

    def limit_value() -> str:
        return str(current_app.config[setting])

    key_func: Callable[[], str] = participant_key if by == "participant" else get_remote_address
    return limiter.shared_limit(
        limit_value,
        scope=name.lower(),
        key_func=key_func,
        methods=methods,
        deduct_when=COUNTED_WHEN.get(name.lower()),
        error_message=LIMIT_MESSAGES.get(name.lower()),
    )


#: Limits that count only some responses (all others count every request).
COUNTED_WHEN = {"login": failed_sign_in, "new_player": new_player}

#: What the 429 page says for each limit (``errors.py`` shows it).
LIMIT_MESSAGES = {
    "login": "Too many sign-in attempts from this network. Wait a minute, then try again.",
    "register": "Too many new accounts from this network just now. Wait a minute, then try again.",
    "join": "Lots of people are joining from this network right now. Wait a moment, then try "
    "again.",
    "new_player": "Lots of people are joining from this network right now. Wait a minute, then "
    "try again.",
    "answer": "You are answering very fast. Wait a moment, then send your answer again.",
}
