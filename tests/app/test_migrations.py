"""The Alembic migrations: up from nothing, down to nothing and up again, and data survives.

On SQLite, and on PostgreSQL when ``DATABASE_URL`` points at it (each test gets its own empty
database, see tests/conftest.py). Rows are written with plain SQL against the tables as they are
at each earlier revision (the ORM models describe only the newest schema), then the schema goes
to head and every row must still be there with the same values.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade

from quizapp import create_app
from quizapp.extensions import db
from quizapp.paths import MIGRATIONS_DIR
from tests.conftest import ON_POSTGRESQL, settings_for

SCRIPTS = ScriptDirectory(str(MIGRATIONS_DIR))
#: Revision ids from the first to the newest.
REVISIONS = [script.revision for script in reversed(list(SCRIPTS.walk_revisions()))]
HEAD = SCRIPTS.get_current_head()

MOMENT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)

#: One row per table, as an earlier revision may hold it. A revision that adds a table or a
#: required column adds to this; a table without an entry gets values made from its column types.
ROWS: dict[str, dict[str, Any]] = {
    "teacher": {
        "id": 1,
        "email": "old@school.test",
        "display_name": "Ms Old",
        "password_hash": "scrypt:hash",
        "created_at": MOMENT,
        "updated_at": MOMENT,
    },
    "article": {
        "id": 1,
        "owner_id": 1,
        "title": "Comets",
        "body": "Comets are icy bodies. Halley returns every 76 years.",
        "sha256": "a" * 64,
        "words": 9,
        "is_builtin": False,
        "is_public": True,
        "generator": "quizgen/1",
        "generated_at": MOMENT,
        "sections": [{"title": None, "start": 0}],
        "created_at": MOMENT,
        "updated_at": MOMENT,
    },
    "question": {
        "id": 1,
        "article_id": 1,
        "generated_id": "q-0001",
        "kind": "multiple_choice",
        "stem": "How often does Halley return?",
        "answer": "76 years",
        "accepted": ["76"],
        "answer_type": "number",
        "source_sentence": "Halley returns every 76 years.",
        "source_start": 23,
        "source_end": 53,
        "section": None,
        "difficulty": 0.25,
        "rule": "number-in-sentence",
        "generator": "quizgen/1",
        "status": "approved",
        "edited": True,
        "position": 0,
        "created_at": MOMENT,
        "updated_at": MOMENT,
    },
    "question_option": {
        "id": 1,
        "question_id": 1,
        "position": 0,
        "text": "76 years",
        "origin": "key",
    },
    "quiz": {
        "id": 1,
        "owner_id": 1,
        "title": "Comets quiz",
        "time_limit": 30,
        "shuffle_questions": True,
        "shuffle_options": False,
        "scoring_mode": "speed",
        "streak_bonus": True,
        "feedback": "each",
        "created_at": MOMENT,
        "updated_at": MOMENT,
    },
    "quiz_item": {"id": 1, "quiz_id": 1, "question_id": 1, "position": 0},
    "class_session": {
        "id": 1,
        "owner_id": 1,
        "quiz_id": 1,
        "title": "Period 3",
        "mode": "live",
        "status": "open",
        "join_code": "ABC234",
        "deadline": None,
        "time_limit": 30,
        "scoring_mode": "speed",
        "streak_bonus": True,
        "feedback": "each",
        "shuffle_questions": False,
        "shuffle_options": False,
        "stem_on_phones": True,
        "created_at": MOMENT,
        "closed_at": None,
        "phase": "question",
        "current_index": 0,
        "question_opened_at": MOMENT,
        "question_deadline": MOMENT,
        "paused_remaining": 12.5,
        "version": 7,
    },
    "participant": {
        "id": 1,
        "session_id": 1,
        "nickname": "Ana",
        "nickname_key": "ana",
        "secret": "s" * 64,
        "joined_at": MOMENT,
        "position": 0,
        "shown_at": MOMENT,
        "finished_at": None,
        "score": 950,
        "streak": 1,
        "time_factor": 1.5,
        "removed": False,
        "first_index": 0,
    },
    "session_question": {
        "id": 1,
        "session_id": 1,
        "question_id": 1,
        "position": 0,
        "kind": "multiple_choice",
        "stem": "How often does Halley return?",
        "options": ["76 years", "12 years"],
        "answer": "76 years",
        "accepted": [],
        "source_sentence": "Halley returns every 76 years.",
        "article_id": 1,
        "source_start": 23,
    },
    "response": {
        "id": 1,
        "session_id": 1,
        "participant_id": 1,
        "session_question_id": 1,
        "answer": 0,
        "credit": 1.0,
        "correct": True,
        "points": 950,
        "seconds_taken": 2.5,
        "answered_at": MOMENT,
        "changes": 1,
    },
    "practice_attempt": {
        "id": 1,
        "article_id": 1,
        "token": "t" * 64,
        "share_code": "SHARE123",
        "parent_id": None,
        "round": 1,
        "question_ids": [1],
        "created_at": MOMENT,
        "finished_at": None,
    },
    "practice_answer": {
        "id": 1,
        "attempt_id": 1,
        "question_id": 1,
        "position": 0,
        "answer": "76 years",
        "credit": 1.0,
        "correct": True,
        "answered_at": MOMENT,
    },
}


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    """An app on an empty database (nothing migrated)."""
    database = tmp_path / "empty.sqlite"
    app = create_app(settings_for(database, AUTO_SETUP_DATABASE=False), instance_path=str(tmp_path))
    yield app
    with app.app_context():
        db.engine.dispose()


def migrate_to(app: Flask, revision: str) -> None:
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision=revision)


def tables(app: Flask) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def version(app: Flask) -> str | None:
    with app.app_context(), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def model_tables() -> set[str]:
    return set(db.metadata.tables)


def test_there_is_one_line_of_revisions() -> None:
    assert len(SCRIPTS.get_heads()) == 1
    assert REVISIONS[-1] == HEAD


def test_upgrade_from_empty_to_head_gives_the_models_schema(empty_app: Flask) -> None:
    assert version(empty_app) is None
    migrate_to(empty_app, "head")
    assert version(empty_app) == HEAD
    assert tables(empty_app) == model_tables() | {"alembic_version"}
    with empty_app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "the models and the migrations disagree; add a revision"


def test_downgrade_to_base_and_up_again(empty_app: Flask) -> None:
    migrate_to(empty_app, "head")
    with empty_app.app_context():
        downgrade(directory=str(MIGRATIONS_DIR), revision="base")
    assert tables(empty_app) <= {"alembic_version"}
    assert version(empty_app) is None
    migrate_to(empty_app, "head")
    assert version(empty_app) == HEAD
    assert tables(empty_app) == model_tables() | {"alembic_version"}


def made_up_value(column: sa.Column) -> Any:
    """A value of the column's type, for a table without rows in ``ROWS``."""
    if column.foreign_keys:
        return 1
    python_type = column.type.python_type if not isinstance(column.type, sa.JSON) else list
    return {
        int: 1,
        float: 0.5,
        bool: False,
        str: "x",
        datetime: MOMENT,
        list: [],
        dict: {},
    }.get(python_type, "x")


def rows_for(table: sa.Table) -> dict[str, Any]:
    """The representative row for ``table`` as it is at this revision."""
    known = ROWS.get(table.name, {})
    row = {name: value for name, value in known.items() if name in table.c}
    for column in table.c:
        # The primary key is always given, so the row can be found again after the upgrade.
        required = column.primary_key or (not column.nullable and column.server_default is None)
        if column.name not in row and required:
            row[column.name] = made_up_value(column)
    return row


def normalised(value: Any) -> Any:
    """Values as both databases hand them back: datetimes naive in UTC, JSON text parsed."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return value


def reflect(connection: sa.Connection) -> sa.MetaData:
    metadata = sa.MetaData()
    metadata.reflect(connection)
    return metadata


@pytest.mark.parametrize("revision", REVISIONS[:-1] or ["(only one revision)"])
def test_rows_written_at_an_earlier_revision_survive_upgrading_to_head(
    empty_app: Flask, revision: str
) -> None:
    if revision not in REVISIONS:
        pytest.skip("there is no earlier revision yet")
    migrate_to(empty_app, revision)
    written: dict[str, dict[str, Any]] = {}
    with empty_app.app_context(), db.engine.begin() as connection:
        for table in reflect(connection).sorted_tables:
            if table.name == "alembic_version":
                continue
            row = rows_for(table)
            connection.execute(sa.insert(table).values(row))
            written[table.name] = row
    assert written, f"revision {revision} has no tables"

    migrate_to(empty_app, "head")
    assert version(empty_app) == HEAD
    with empty_app.app_context(), db.engine.connect() as connection:
        metadata = reflect(connection)
        for name, row in written.items():
            table = metadata.tables[name]
            kept = {column: value for column, value in row.items() if column in table.c}
            found = connection.execute(
                sa.select(*(table.c[column] for column in kept)).where(table.c.id == row["id"])
            ).one_or_none()
            assert found is not None, f"{name} row lost going from {revision} to head"
            assert {c: normalised(v) for c, v in found._mapping.items()} == {
                c: normalised(v) for c, v in kept.items()
            }, f"{name} row changed going from {revision} to head"


@pytest.mark.slow
@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL only (test_foundation covers SQLite)")
def test_servers_starting_together_on_postgresql_set_it_up_once(tmp_path: Path) -> None:
    """Four processes on as many machines (own instance folders): the advisory lock alone."""
    database = tmp_path / "shared.sqlite"
    uri = settings_for(database)["SQLALCHEMY_DATABASE_URI"]
    script = (
        "import sys; from quizapp import create_app; "
        "create_app({'SQLALCHEMY_DATABASE_URI': sys.argv[1]}, instance_path=sys.argv[2])"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, uri, str(tmp_path / f"server{n}")])
        for n in range(4)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0, 0]
    app = create_app(settings_for(database), instance_path=str(tmp_path))
    assert version(app) == HEAD
    with app.app_context():
        builtin = db.session.scalar(sa.text("SELECT count(*) FROM article WHERE is_builtin"))
    assert builtin == 1
