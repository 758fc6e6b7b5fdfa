"""`quizapp backup` and `quizapp restore`: a consistent copy while the app writes, and back."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.paths import MIGRATIONS_DIR
from tests.conftest import settings_for, sqlite_only


def add_teacher(app: Flask, number: int) -> None:
    with app.app_context():
        db.session.add(
            Teacher(email=f"writer{number}@school.test", display_name="W", password_hash="x")
        )
        db.session.commit()


def emails_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT email FROM teacher WHERE email LIKE 'writer%'")
        return [row[0] for row in rows]


def head_revision(app: Flask) -> str:
    with app.app_context():
        return db.session.scalar(text("SELECT version_num FROM alembic_version"))


@sqlite_only
def test_backup_while_another_thread_writes(app: Flask, runner, tmp_path: Path) -> None:
    """Each copy holds every row committed before it started, and is one moment's database."""
    committed: list[int] = []
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            add_teacher(app, number)
            committed.append(number)
            number += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = []
        for attempt in range(5):
            while len(committed) < 20 * (attempt + 1):
                stop.wait(0.005)
            before = len(committed)
            path = tmp_path / f"backup{attempt}.sqlite"
            result = runner.invoke(args=["backup", str(path)])
            assert result.exit_code == 0, result.output
            assert "Backed up" in result.output
            copies.append((path, before))
    finally:
        stop.set()
        writer.join()

    for path, before in copies:
        with closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        numbers = sorted(
            int(email.removeprefix("writer").split("@")[0]) for email in emails_in(path)
        )
        # One writer commits 0, 1, 2, …: a snapshot holds exactly a prefix of that sequence.
        assert numbers == list(range(len(numbers)))
        assert len(numbers) >= before
        assert not Path(f"{path}-wal").exists()
    assert len(committed) > copies[-1][1]  # the writer was still going during the backups


@sqlite_only
def test_backup_refuses_to_replace_a_file_unless_told(runner, tmp_path: Path) -> None:
    path = tmp_path / "kept.sqlite"
    path.write_text("precious")
    refused = runner.invoke(args=["backup", str(path)])
    assert refused.exit_code == 1
    assert "--yes" in refused.output and path.read_text() == "precious"
    replaced = runner.invoke(args=["backup", "--yes", str(path)])
    assert replaced.exit_code == 0, replaced.output
    assert emails_in(path) == []


@sqlite_only
def test_restore_brings_the_data_back(app: Flask, runner, tmp_path: Path) -> None:
    add_teacher(app, 1)
    backup = tmp_path / "before.sqlite"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    with app.app_context():
        db.session.execute(text("DELETE FROM teacher"))
        db.session.execute(text("DELETE FROM article"))
        db.session.commit()

    refused = runner.invoke(args=["restore", str(backup)])
    assert refused.exit_code == 1 and "--yes" in refused.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Teacher.id))) == 0

    restored = runner.invoke(args=["restore", "--yes", str(backup)])
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        assert db.session.scalar(select(Teacher.email)) == "writer1@school.test"
        assert db.session.scalar(text("SELECT count(*) FROM article")) >= 1
        assert db.session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert db.session.scalar(text("PRAGMA integrity_check")) == "ok"
    assert app.test_client().get("/").status_code == 200


@sqlite_only
def test_restore_migrates_an_older_backup(app: Flask, runner, tmp_path: Path) -> None:
    old = tmp_path / "old" / "quizapp.sqlite"
    old.parent.mkdir()
    old_app = create_app(
        settings_for(old, AUTO_SETUP_DATABASE=False), instance_path=str(old.parent)
    )
    with old_app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="0001")
        db.session.add(Teacher(email="old@school.test", display_name="Old", password_hash="x"))
        db.session.commit()
    with old_app.app_context():
        db.engine.dispose()

    result = runner.invoke(args=["restore", "--yes", str(old)])
    assert result.exit_code == 0, result.output
    assert "schema revision 0001" in result.output
    head = head_revision(app)
    assert f"schema now at {head}" in result.output and head != "0001"
    with app.app_context():
        assert db.session.scalar(select(Teacher.email)) == "old@school.test"


@sqlite_only
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "is not a quizapp backup: it has no alembic_version, article, question, teacher"),
        (b"just some text\n", "is not a SQLite database"),
    ],
)
def test_restore_refuses_what_is_not_a_quizapp_backup(
    app: Flask, runner, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "other.sqlite"
    if content is None:
        with closing(sqlite3.connect(path)) as other:
            other.execute("CREATE TABLE notes (body TEXT)")
    else:
        path.write_bytes(content)
    result = runner.invoke(args=["restore", "--yes", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():  # the database is untouched
        assert db.session.scalar(text("SELECT count(*) FROM article")) >= 1


@sqlite_only
def test_restore_refuses_a_backup_from_a_newer_quizapp(runner, tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    with closing(sqlite3.connect(path)) as future:
        for table in ("teacher", "article", "question"):
            future.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        future.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        future.execute("INSERT INTO alembic_version VALUES ('9999')")
        future.commit()
    result = runner.invoke(args=["restore", "--yes", str(path)])
    assert result.exit_code == 1
    assert "schema revision 9999, unknown here" in result.output


def test_on_postgresql_backup_and_restore_point_to_pg_dump(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "AUTO_SETUP_DATABASE": False,
            # Never connected to: the commands look at the URL first.
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none",
        },
        instance_path=str(tmp_path),
    )
    runner = app.test_cli_runner()
    backup = runner.invoke(args=["backup", str(tmp_path / "x.sqlite")])
    assert backup.exit_code == 1
    assert "pg_dump" in backup.output
    (tmp_path / "x.sqlite").write_bytes(b"")
    restore = runner.invoke(args=["restore", str(tmp_path / "x.sqlite")])
    assert restore.exit_code == 1
    assert "pg_restore" in restore.output
    help_text = runner.invoke(args=["backup", "--help"]).output
    assert "pg_dump" in help_text
