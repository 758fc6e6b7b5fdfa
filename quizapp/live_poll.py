"""The phones' version poll, answered below Flask when nothing has changed.

In a full hall a thousand phones ask "has the game moved?" once a second, and nearly every answer
is "no" (304). Through Flask each costs about a millisecond of CPU; this WSGI layer answers it
with one primary-key read on a pooled connection. Anything else (a new version, a question whose
time is up, a missing or odd request) goes on to the Flask view in ``quizapp/play/live.py``,
which stays the one place that builds the state and closes due questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine

from .operations.live import GRACE
from .security import SECURITY_HEADERS

POLL_PATH = re.compile(r"^/live/([0-9]{1,9})/state$")
#: The same row the Flask view reads; ``?`` or ``%s`` as the driver wants.
VERSION_SQL = (
    "SELECT version, phase, question_deadline, paused_remaining FROM class_session "
    "WHERE id = {0} AND mode = 'live'"
)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class UnchangedPolls:
    """WSGI middleware: a 304 for a phone whose ETag still names the game's version."""

    def __init__(self, app: WsgiApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine
        marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self.sql = VERSION_SQL.format(marker)
        self.headers = [*SECURITY_HEADERS.items(), ("Cache-Control", "no-cache")]

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        match = POLL_PATH.match(environ.get("PATH_INFO", ""))
        etag = environ.get("HTTP_IF_NONE_MATCH")
        if match and etag and environ.get("REQUEST_METHOD") == "GET":
            version = self.unchanged_version(int(match.group(1)), etag)
            if version is not None:
                start_response("304 NOT MODIFIED", [("ETag", etag), *self.headers])
                return []
        return self.app(environ, start_response)

    def unchanged_version(self, session_id: int, etag: str) -> int | None:
        """The version, if the ETag names it and no question is due to close; else None."""
        row = self.read(session_id)
        if row is None:
            return None
        version, phase, deadline, paused = row
        if etag != f'W/"{version}"':
            return None
        due = phase == "question" and paused is None and deadline is not None
        if due and now_utc() > as_utc(deadline) + GRACE:
            return None  # the Flask view closes the question
        return version

    def read(self, session_id: int) -> tuple[Any, ...] | None:
        """One row through a raw pooled connection: no ORM, no transaction hooks, no lock."""
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self.sql, (session_id,))
            row = cursor.fetchone()
            cursor.close()
            return tuple(row) if row is not None else None
        finally:
            connection.close()


def now_utc() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | str) -> datetime:
    """SQLite hands the column back as text without a zone; PostgreSQL as an aware datetime."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
