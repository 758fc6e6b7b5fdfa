"""Bringing a database up to date on start: migrations, then the built-in article."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from sqlalchemy import text

from .database import upgrade_schema
from .extensions import db
from .operations.articles import ensure_builtin_article


def prepare_database(app: Flask) -> None:
    """Upgrade the schema and load the built-in article, once, whichever process starts first.

    Several gunicorn workers may start together; a lock file in the instance folder (and a
    PostgreSQL advisory lock, for servers on other machines) lets one do the work while the others
    wait, then find nothing left to do.
    """
    lock_file = Path(app.instance_path) / "setup.lock"
    with instance_lock(lock_file), app.app_context():
        with advisory_lock():
            upgrade_schema(app)
            if app.config.get("SEED_BUILTIN_ARTICLE", True):
                ensure_builtin_article()
                db.session.commit()
            db.session.remove()
        # Connections must not be shared with processes forked after this (gunicorn --preload).
        # Only once the advisory lock's connection is back in the pool: dispose() closes the
        # connections it finds there, and one checked in later would stay open until collected.
        db.engine.dispose()


@contextmanager
def instance_lock(path: Path) -> Iterator[None]:
    """An exclusive lock held across processes on this machine."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


#: Any fixed number; PostgreSQL advisory locks are keyed by an integer.
SETUP_LOCK_KEY = 0x5155495A


@contextmanager
def advisory_lock() -> Iterator[None]:
    """On PostgreSQL, hold a session advisory lock; elsewhere do nothing."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    with db.engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SETUP_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SETUP_LOCK_KEY})
            connection.commit()
