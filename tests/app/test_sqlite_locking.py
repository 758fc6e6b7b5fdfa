"""SQLite under concurrent writers: write transactions take the write lock when they begin.

Several processes each run read-then-write transactions on one SQLite file, through
``create_app`` as the app's workers do. With ``BEGIN IMMEDIATE`` none fails and no update is
lost; with deferred transactions (what pysqlite does by itself) many fail with "database is
locked", which shows the test can tell the difference.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from quizapp import create_app
from quizapp.database import begin_write, write_transaction
from quizapp.extensions import db
from tests.conftest import sqlite_only

pytestmark = sqlite_only

PROCESSES = 4
ROUNDS = 200


def hammer(database: str, instance: str, mode: str, start: Any, results: Any, rounds: int) -> None:
    """One worker process: ``rounds`` transactions that read the counter, then write it.

    ``mode``: "immediate" (outside requests, as commands do), "deferred" (the same with every
    transaction begun by a plain BEGIN), or "get" (inside GET requests that call begin_write()).
    """
    import quizapp.database
    from quizapp.database import begin_write

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "AUTO_SETUP_DATABASE": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        },
        instance_path=instance,
    )
    if mode == "deferred":
        quizapp.database.may_write = lambda: False  # every transaction begins deferred
    done = locked = 0
    other: list[str] = []
    start.wait()
    for _ in range(rounds):
        with app.test_request_context("/", method="GET") if mode == "get" else app.app_context():
            try:
                if mode == "get":
                    db.session.scalar(text("SELECT value FROM counter WHERE id = 1"))  # a read…
                    begin_write()  # …then the view finds it must write
                value = db.session.scalar(text("SELECT value FROM counter WHERE id = 1"))
                db.session.execute(
                    text("UPDATE counter SET value = :value WHERE id = 1"), {"value": value + 1}
                )
                db.session.execute(text("INSERT INTO hits (worker) VALUES (:w)"), {"w": instance})
                db.session.commit()
                done += 1
            except OperationalError as error:
                db.session.rollback()
                if "database is locked" in str(error):
                    locked += 1
                else:
                    other.append(str(error))
    results.put((done, locked, other))


def run_writers(app: Flask, tmp_path: Path, mode: str) -> tuple[int, int, list[str], int]:
    """Four processes × 200 read-then-write transactions; (done, locked, other errors, counter)."""
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with app.app_context():
        db.session.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        db.session.execute(text("CREATE TABLE hits (id INTEGER PRIMARY KEY, worker TEXT)"))
        db.session.execute(text("INSERT INTO counter VALUES (1, 0)"))
        db.session.commit()
        db.engine.dispose()
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(
            target=hammer,
            args=(database, str(tmp_path / f"w{n}"), mode, start, results, ROUNDS),
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    with closing(sqlite3.connect(database)) as connection:
        counter = connection.execute("SELECT value FROM counter").fetchone()[0]
        hits = connection.execute("SELECT count(*) FROM hits").fetchone()[0]
    done = sum(outcome[0] for outcome in outcomes)
    assert hits == done
    locked = sum(outcome[1] for outcome in outcomes)
    other = [error for outcome in outcomes for error in outcome[2]]
    return done, locked, other, counter


@pytest.mark.slow
def test_concurrent_read_then_write_transactions_never_meet_a_locked_database(
    app: Flask, tmp_path: Path
) -> None:
    started = time.perf_counter()
    done, locked, other, counter = run_writers(app, tmp_path, "immediate")
    seconds = time.perf_counter() - started
    print(f"\nBEGIN IMMEDIATE: {done} done, {locked} locked, {len(other)} other, {seconds:.1f} s")
    assert (locked, other) == (0, [])
    assert done == PROCESSES * ROUNDS
    assert counter == PROCESSES * ROUNDS  # no update lost


@pytest.mark.slow
def test_deferred_transactions_fail_under_the_same_load(app: Flask, tmp_path: Path) -> None:
    """The same load with plain BEGIN: "database is locked" (so the test above can fail)."""
    done, locked, other, counter = run_writers(app, tmp_path, "deferred")
    print(f"\nBEGIN (deferred): {done} done, {locked} locked, {len(other)} other")
    assert locked > 0
    assert counter == done  # SQLite still loses nothing: the losers fail instead


@pytest.mark.slow
def test_get_requests_that_write_after_begin_write_never_meet_a_locked_database(
    app: Flask, tmp_path: Path
) -> None:
    done, locked, other, counter = run_writers(app, tmp_path, "get")
    print(f"\nGET + begin_write(): {done} done, {locked} locked, {len(other)} other")
    assert (locked, other) == (0, [])
    assert counter == done == PROCESSES * ROUNDS


def begins(app: Flask) -> list[str]:
    """Record the BEGIN statements SQLite is sent (some bypass SQLAlchemy's cursor events)."""
    seen: list[str] = []

    def record(statement: str) -> None:
        if statement.startswith("BEGIN"):
            seen.append(statement)

    db.engine.dispose()  # connections made from now on are traced

    @event.listens_for(db.engine, "connect")
    def trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(record)

    return seen


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("GET", "BEGIN"),
        ("HEAD", "BEGIN"),
        ("OPTIONS", "BEGIN"),
        ("POST", "BEGIN IMMEDIATE"),
        ("PUT", "BEGIN IMMEDIATE"),
        ("DELETE", "BEGIN IMMEDIATE"),
    ],
)
def test_requests_that_can_write_begin_immediate(app: Flask, method: str, expected: str) -> None:
    with app.app_context():
        seen = begins(app)
        with app.test_request_context("/", method=method):
            db.session.execute(text("SELECT 1"))
            db.session.rollback()
    assert seen == [expected]


def test_outside_requests_transactions_begin_immediate(app: Flask) -> None:
    with app.app_context():
        seen = begins(app)
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    assert seen == ["BEGIN IMMEDIATE"]


def test_begin_write_in_a_get_ends_the_read_and_takes_the_lock(app: Flask) -> None:
    with app.app_context():
        seen = begins(app)
        with app.test_request_context("/", method="GET"):
            db.session.execute(text("SELECT 1"))
            begin_write()
            assert db.session().in_transaction()
            db.session.execute(text("UPDATE teacher SET display_name = display_name"))
            db.session.commit()
            db.session.execute(text("SELECT 1"))  # the next transaction reads again
            db.session.rollback()
    assert seen == ["BEGIN", "BEGIN IMMEDIATE", "BEGIN"]


def test_write_transaction_commits_or_rolls_back(app: Flask, make_teacher) -> None:
    teacher_id, _ = make_teacher()
    rename = text("UPDATE teacher SET display_name = :name WHERE id = :id")
    with app.app_context(), app.test_request_context("/", method="GET"):
        seen = begins(app)
        with write_transaction():
            db.session.execute(rename, {"name": "Kept", "id": teacher_id})
        with pytest.raises(RuntimeError), write_transaction():
            db.session.execute(rename, {"name": "Dropped", "id": teacher_id})
            raise RuntimeError
        name = db.session.scalar(
            text("SELECT display_name FROM teacher WHERE id = :id"), {"id": teacher_id}
        )
    assert name == "Kept"
    assert seen[:2] == ["BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]


def test_pages_are_read_while_another_connection_holds_the_write_lock(app: Flask, client) -> None:
    """Under WAL a GET does not wait for the writer (it would wait 5 s for BEGIN IMMEDIATE)."""
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE teacher SET display_name = display_name")
        started = time.perf_counter()
        assert client.get("/").status_code == 200
        assert time.perf_counter() - started < 2
        writer.execute("ROLLBACK")
