"""The phones' version poll, answered below Flask when nothing has changed.

In a full hall a thousand phones ask "has the game moved?" once a second, and nearly every answer
is "no" (304). Through Flask each costs about a millisecond of CPU; this WSGI layer answers it
with one primary-key read on a pooled connection. Anything else (a new version, a question whose
time is up, a missing or odd request) goes on to the Flask view in ``quizapp/play/live.py``,
which stays the one place that builds the state and closes due questions.

Only the game's players get a 304 here: the poll must carry the player's signed cookie for this
game, naming a player who is still in it (checked in the same query). Anyone else goes on to the
view, which answers strangers with a 404 — scanning ids tells nobody which games are live.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.engine import Engine
from werkzeug.http import parse_cookie

from .operations.live import GRACE
from .security import SECURITY_HEADERS

POLL_PATH = re.compile(r"^/live/([0-9]{1,9})/state$")
#: The same row the Flask view reads, with the polling player's secret; ``?`` or ``%s`` as the
#: driver wants.
VERSION_SQL = (
    "SELECT s.version, s.phase, s.question_deadline, s.paused_remaining, p.secret "
    "FROM class_session AS s JOIN participant AS p ON p.session_id = s.id "
    "WHERE s.id = {0} AND s.mode = 'live' AND p.id = {0} AND p.removed = {1}"
)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class UnchangedPolls:
    """WSGI middleware: a 304 for a phone whose ETag still names the game's version."""

    def __init__(self, app: WsgiApp, engine: Engine, secret_key: str) -> None:
        self.app = app
        self.engine = engine
        from .play.tokens import SALT  # the play package imports this module

        self.serializer = URLSafeSerializer(secret_key, salt=SALT)
        marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        false = "0" if engine.dialect.name == "sqlite" else "false"
        self.sql = VERSION_SQL.format(marker, false)
        self.headers = [*SECURITY_HEADERS.items(), ("Cache-Control", "no-cache")]

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        match = POLL_PATH.match(environ.get("PATH_INFO", ""))
        etag = environ.get("HTTP_IF_NONE_MATCH")
        if match and etag and environ.get("REQUEST_METHOD") == "GET":
            session_id = int(match.group(1))
            player = self.player(environ, session_id)
            version = self.unchanged_version(session_id, player, etag) if player else None
            if version is not None:
                start_response("304 NOT MODIFIED", [("ETag", etag), *self.headers])
                return []
        return self.app(environ, start_response)

    def player(self, environ: dict[str, Any], session_id: int) -> tuple[int, str] | None:
        """The player id and secret in the poll's signed cookie for this game, if any."""
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        token = cookies.get(f"quizapp_p{session_id}")
        if not token:
            return None
        try:
            data = self.serializer.loads(token)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("p"), int):
            return None
        return data["p"], str(data.get("s"))

    def unchanged_version(self, session_id: int, player: tuple[int, str], etag: str) -> int | None:
        """The version, if the poll is the game's player's, the ETag names it and no question is
        due to close; else None."""
        row = self.read(session_id, player[0])
        if row is None:
            return None
        version, phase, deadline, paused, secret = row
        if not hmac.compare_digest(str(secret), player[1]):
            return None
        if etag != f'W/"{version}"':
            return None
        due = phase == "question" and paused is None and deadline is not None
        if due and now_utc() > as_utc(deadline) + GRACE:
            return None  # the Flask view closes the question
        return version

    def read(self, session_id: int, participant_id: int) -> tuple[Any, ...] | None:
        """One row through a raw pooled connection: no ORM, no transaction hooks, no lock."""
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self.sql, (session_id, participant_id))
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
