"""Database set-up that SQLAlchemy does not do for us: SQLite pragmas, transactions, the schema.

SQLite allows one writer at a time. A transaction that reads and then writes must take the write
lock when it *begins*: a deferred transaction that started reading before another connection
committed cannot become a writer and fails at once with "database is locked", whatever the busy
timeout. So on SQLite every transaction that may write begins with ``BEGIN IMMEDIATE`` (it waits
up to the busy timeout for the lock, then holds it), and only requests that should not write
(GET, HEAD, OPTIONS) begin with a plain ``BEGIN``, so that reads stay concurrent under WAL.

A GET view that must write after all (a live game closing a question whose time has run out)
calls :func:`begin_write` first, or runs the write in :func:`write_transaction`.

Within one process, writers also queue on a process-wide lock before ``BEGIN IMMEDIATE``
(:class:`WriterQueue`). SQLite waits for its lock in C, and under gunicorn's gevent worker that
wait stops every greenlet of the process, including one of ours that holds the lock and has
yielded (to a contended rate-limit lock, say): the process waits for itself until the busy
timeout and answers "database is locked". Measured with 1,000 phones joining a live game: join
p50 5 s and 500s before the queue, none after it. Queued on a gevent-aware lock, a writer waits
cooperatively and the holder finishes. A writer of another process is waited for in short
sleeps of our own (:func:`begin_immediate`), not in SQLite's busy handler, for the same reason.
"""

from __future__ import annotations

import functools
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from flask import Flask, current_app, has_request_context, request
from flask_migrate import upgrade
from sqlalchemy import Select, bindparam, event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm.attributes import set_committed_value

from .extensions import db
from .paths import MIGRATIONS_DIR

View = TypeVar("View", bound=Callable[..., Any])

#: Requests that only read: their transactions begin deferred, so they never wait for the writer.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: How long a writer waits for SQLite's write lock before "database is locked".
BUSY_TIMEOUT_MS = 5000

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
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    writers = WriterQueue()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        if not may_write():
            connection.exec_driver_sql("BEGIN")
            return
        writers.enter(connection.info)
        try:
            begin_immediate(connection.connection.driver_connection)
        except BaseException:
            writers.leave(connection.info)
            raise

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def end(connection: Connection) -> None:
        writers.leave(connection.info)

    @event.listens_for(engine, "reset")
    def reset(_dbapi_connection: Any, record: Any, _state: Any) -> None:
        writers.leave(record.info)  # returned to the pool mid-transaction (a killed greenlet)

    @event.listens_for(engine, "invalidate")
    def invalidated(_dbapi_connection: Any, record: Any, _error: Any) -> None:
        writers.leave(record.info)


def begin_immediate(driver: sqlite3.Connection, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """``BEGIN IMMEDIATE``, waiting for a writer of another process in sleeps of our own.

    SQLite's busy handler sleeps in C, up to 100 ms at a time: under gevent the whole process
    stops meanwhile (its other requests, its phones' event streams), and it wakes late. Here the
    attempt fails at once and the wait is ``time.sleep``, which gevent makes a greenlet's pause,
    in steps of a few milliseconds. After ``timeout``, "database is locked" as before.
    """
    deadline = time.monotonic() + timeout
    pause = 0.001
    driver.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 0.008)
    finally:
        driver.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class WriterQueue:
    """One writer at a time per process, waiting cooperatively (see the module's docstring).

    ``threading`` is read when the queue is made, after gevent has patched it in a gevent worker:
    the lock is then a gevent lock. A connection's ``info`` records that it holds the lock, so
    every way a transaction can end releases it exactly once. A writer that waits longer than the
    busy timeout goes on to SQLite's own wait (and its error) rather than waiting for ever.
    """

    KEY = "quizapp_holds_writer_lock"

    def __init__(self, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
        self.lock = threading.Lock()
        self.timeout = timeout

    def enter(self, info: dict[Any, Any]) -> None:
        if info.get(self.KEY):
            return
        if self.lock.acquire(timeout=self.timeout):
            info[self.KEY] = True

    def leave(self, info: dict[Any, Any]) -> None:
        if info.pop(self.KEY, False):
            self.lock.release()


def may_write() -> bool:
    """Whether a transaction beginning now may write, so must take SQLite's write lock first.

    Inside a GET, HEAD or OPTIONS request: no (unless :func:`begin_write` asks). Any other request,
    and outside requests (commands, set-up, tests' app contexts): yes.
    """
    if _force_write.get():
        return True
    if has_request_context():
        if request.method in READ_ONLY_METHODS:
            return False
        view = current_app.view_functions.get(request.endpoint or "")
        return not getattr(view, "reads_first", False)
    return True


def reads_first(view: View) -> View:
    """Mark a POST view that reads before it writes and takes the write lock itself.

    Its transactions begin deferred, like a GET's; just before writing it calls
    :func:`begin_write` with the objects whose rows the write depends on, read again there. So
    SQLite's one write lock is held for the write alone, not for the whole request: what lets a
    room of a thousand phones answer at once.
    """
    view.reads_first = True  # type: ignore[attr-defined]
    return view


def begin_write(*fresh: Any) -> None:
    """End the current transaction and begin one that holds the write lock (SQLite).

    For a GET view that finds it must write: call this *before* reading what the write depends on.
    Anything pending is committed first; the ORM objects loaded so far are expired, so they are
    read again inside the new transaction, under the lock. The caller commits as usual; a request
    that ends without committing rolls back (Flask-SQLAlchemy's teardown), releasing the lock.

    With objects (``begin_write(game, player)``): everything loaded stays as it was read, and only
    those objects' rows are read again under the lock: the lock is held for the write, not for
    reloading the request's reads (:func:`reads_first`).

    On other databases this does nothing: row locks and conditional updates do the job there.
    """
    if db.engine.dialect.name != "sqlite":
        return
    commit(keep_loaded=bool(fresh))
    token = _force_write.set(True)
    try:
        db.session.connection()  # BEGIN IMMEDIATE now: waits up to the busy timeout
    finally:
        _force_write.reset(token)
    for instance in fresh:
        refresh_row(instance)


def commit(keep_loaded: bool = False) -> None:
    """Commit; with ``keep_loaded`` the loaded objects are not expired (nothing is read again)."""
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = expire and not keep_loaded
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def refresh_row(instance: Any) -> None:
    """Read an object's own columns again (not its relationships, which stay loaded).

    One prepared ``SELECT`` by primary key, its values set as the object's committed state: a
    third of what ``Session.refresh`` costs, and a live answer does this twice under the lock.
    """
    keys, statement = row_statement(type(instance))
    identity = sa_inspect(instance).identity
    row = db.session.connection().execute(statement, {"pk": identity[0]}).one()
    for key, value in zip(keys, row, strict=True):
        set_committed_value(instance, key, value)


@functools.cache
def row_statement(model: type) -> tuple[tuple[str, ...], Select[Any]]:
    """The attribute names of a model's columns, and the ``SELECT`` of them by primary key."""
    mapper = sa_inspect(model)
    (primary_key,) = mapper.primary_key
    attributes = [attribute for attribute in mapper.column_attrs if len(attribute.columns) == 1]
    statement = select(*(attribute.columns[0] for attribute in attributes)).where(
        primary_key == bindparam("pk")
    )
    return tuple(attribute.key for attribute in attributes), statement


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
