"""Database set-up that SQLAlchemy does not do for us: SQLite pragmas, transactions, the schema.

SQLite allows one writer at a time. A transaction that reads and then writes must take the write
lock when it *begins*: a deferred transaction that started reading before another connection
committed cannot become a writer and fails at once with "database is locked", whatever the busy
timeout. So on SQLite every transaction that may write begins with ``BEGIN IMMEDIATE`` (it waits
up to the busy timeout for the lock, then holds it), and only requests that should not write
(GET, HEAD, OPTIONS) begin with a plain ``BEGIN``, so that reads stay concurrent under WAL.

A GET view that must write after all (a live game closing a question whose time has run out)
calls :func:`begin_write` first, or runs the write in :func:`write_transaction`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask, has_request_context, request
from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from .extensions import db
from .paths import MIGRATIONS_DIR

#: Requests that only read: their transactions begin deferred, so they never wait for the writer.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Set while :func:`begin_write` starts a transaction that must take the write lock.
_force_write: ContextVar[bool] = ContextVar("quizapp_force_write", default=False)


def configure_sqlite(engine: Engine) -> None:
    """Turn on WAL, foreign keys and a busy timeout, and begin transactions ourselves.

    WAL lets readers go on while one writer writes; SQLite leaves foreign keys off by default.
    pysqlite would issue its own deferred ``BEGIN`` just before the first write; with its
    ``isolation_level`` set to None it leaves transactions to the ``begin`` hook below.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write() else "BEGIN")


def may_write() -> bool:
    """Whether a transaction beginning now may write, so must take SQLite's write lock first.

    Inside a GET, HEAD or OPTIONS request: no (unless :func:`begin_write` asks). Any other request,
    and outside requests (commands, set-up, tests' app contexts): yes.
    """
    if _force_write.get():
        return True
    if has_request_context():
        return request.method not in READ_ONLY_METHODS
    return True


def begin_write() -> None:
    """End the current transaction and begin one that holds the write lock (SQLite).

    For a GET view that finds it must write: call this *before* reading what the write depends on.
    Anything pending is committed first; the ORM objects loaded so far are expired, so they are
    read again inside the new transaction, under the lock. The caller commits as usual; a request
    that ends without committing rolls back (Flask-SQLAlchemy's teardown), releasing the lock.

    On other databases this does nothing: row locks and conditional updates do the job there.
    """
    if db.engine.dialect.name != "sqlite":
        return
    db.session.commit()
    token = _force_write.set(True)
    try:
        db.session.connection()  # BEGIN IMMEDIATE now: waits up to the busy timeout
    finally:
        _force_write.reset(token)


def end_transaction() -> None:
    """End the request's transaction, which has written nothing, before slow work.

    A POST's transaction holds SQLite's write lock from its first query; work that needs no
    database (generating an article's questions, reading an upload) must not hold it, or every
    other writer waits. Loaded objects are expired; the next query begins a new transaction.
    """
    db.session.rollback()


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in a transaction that holds the write lock; commit it, or roll back."""
    begin_write()
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()


def upgrade_schema(app: Flask) -> None:
    """Bring the schema to the newest revision by running the Alembic migrations."""
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))


def init_database(app: Flask) -> None:
    """Bind SQLite pragmas and the transaction hook once the engine exists."""
    with app.app_context():
        create_private_file(db.engine)
        configure_sqlite(db.engine)


#: Owner may read and write; group and others nothing (teachers' password hashes, students' names).
PRIVATE_FILE_MODE = 0o600


def create_private_file(engine: Engine) -> None:
    """Create a new SQLite database file readable by its owner only.

    SQLite would create it with the process's umask (usually world-readable) and gives its -wal
    and -shm files the database file's own mode, so creating the empty file first (an empty file
    is an empty SQLite database) keeps all three private. An existing file is left as it is.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    path = str(engine.url.database)
    if path.startswith("file:"):
        return  # a URI filename: its owner chose how to open it
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(descriptor)
