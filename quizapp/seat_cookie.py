"""The signed seat cookie's format: its name and signer. A leaf module (Flask and itsdangerous
only), so both ``play.tokens`` (which reads and writes the cookie) and ``extensions`` (whose rate
limits count answers per student) use it without importing each other.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

SALT = "quizapp.participant"


def cookie_name_for(session_id: object) -> str:
    """One cookie per session, so a student can be in two sessions at once."""
    return f"quizapp_p{session_id}"


def serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def participant_id_in(token: str | None) -> int | None:
    """The participant id a seat cookie's value claims, if its signature holds (no database)."""
    if not token:
        return None
    try:
        data: Any = serializer().loads(token)
    except (BadData, ValueError, TypeError):  # a bad signature or a mangled token
        return None
    if isinstance(data, dict) and isinstance(data.get("p"), int):
        return data["p"]
    return None
