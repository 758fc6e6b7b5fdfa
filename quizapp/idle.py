"""Sessions left open close themselves, checked lazily when a request comes to one.

No background job and no timer in process memory: a request that reads an open session (joining
with its code, the teacher's session pages, the host screen) asks ``closed_if_idle`` first, and
``quizapp close-idle`` (cron) closes the ones nobody comes back to.
"""

from __future__ import annotations

from flask import current_app

from .database import begin_write
from .extensions import db
from .models import ClassSession
from .operations.play import utc_now
from .operations.sessions import IdleLimits, close_if_idle, is_idle


def closed_if_idle(session: ClassSession) -> bool:
    """Close the session (and commit) if it has been idle too long; whether it was closed."""
    limits = IdleLimits.from_config(current_app.config)
    now = utc_now()
    if not is_idle(session, now, limits):
        return False
    begin_write()  # a GET that writes: take the write lock, then decide again on fresh rows
    if close_if_idle(session, now, limits):
        db.session.commit()
        return True
    return False
