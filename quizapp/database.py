"""Database set-up that SQLAlchemy does not do for us: SQLite pragmas and the schema itself."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db
from .paths import MIGRATIONS_DIR


def configure_sqlite(engine: Engine) -> None:
    """Turn on WAL, foreign keys and a busy timeout on every new SQLite connection.

    WAL lets readers go on while one writer writes; SQLite leaves foreign keys off by default.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def upgrade_schema(app: Flask) -> None:
    """Bring the schema to the newest revision by running the Alembic migrations."""
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))


def init_database(app: Flask) -> None:
    """Bind SQLite pragmas once the engine exists."""
    with app.app_context():
        configure_sqlite(db.engine)
