"""The signed cookie that keeps a student in their seat across reloads, without an account.

The cookie holds the participant's id and a random secret stored with them, signed with the app's
secret key. Only the browser that joined has it: another student cannot forge or guess one.
Removing a student locks their cookie out, and the cookie, still naming the removed player, keeps
that browser from joining the game again under another name.
"""

from __future__ import annotations

import hmac

from flask import Response, request
from itsdangerous import BadSignature

from ..extensions import db
from ..models import ClassSession, Participant
from ..seat_cookie import SALT, cookie_name_for, serializer  # noqa: F401  (SALT: re-exported)

MAX_AGE = 14 * 24 * 3600


def cookie_name(session: ClassSession) -> str:
    """One cookie per session, so a student can be in two sessions at once."""
    return cookie_name_for(session.id)


def remember_participant(response: Response, participant: Participant) -> None:
    """Give the browser its signed token for this session."""
    token = serializer().dumps({"p": participant.id, "s": participant.secret})
    response.set_cookie(
        cookie_name(participant.session),
        token,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def current_participant(session: ClassSession) -> Participant | None:
    """The student this browser joined ``session`` as, if its cookie is valid and current."""
    participant = cookie_participant(session)
    return None if participant is None or participant.removed else participant


def was_removed(session: ClassSession) -> bool:
    """Whether this browser joined ``session`` and the host took that player out.

    Such a browser may not join the game again under another name.
    """
    participant = cookie_participant(session)
    return participant is not None and participant.removed


def cookie_participant(session: ClassSession) -> Participant | None:
    """The player this browser's cookie for ``session`` names, removed or not."""
    token = request.cookies.get(cookie_name(session))
    if not token:
        return None
    try:
        data = serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        return None
    participant = db.session.get(Participant, data["p"])
    if (
        participant is None
        or participant.session_id != session.id
        or not hmac.compare_digest(participant.secret, str(data.get("s")))
    ):
        return None
    return participant
