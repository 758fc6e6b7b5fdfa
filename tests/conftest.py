"""Fixtures shared by the app and browser tests: an app on a fresh, migrated database.

By default every test's database is a copy of a SQLite template file. With ``DATABASE_URL``
pointing at PostgreSQL (``postgresql+psycopg://user@host:port/admin_db``), the same tests run on
PostgreSQL: the template is a database built once per session (migrated and seeded by
``create_app``), and each test gets its own ``CREATE DATABASE … TEMPLATE`` copy, dropped after it.

Tests keep passing file paths around (``shutil.copyfile(template_database, path)``, then
``settings_for(path)``): on PostgreSQL a path stands for a database. A copy of the template file
(a marker) becomes a copy of the template database; a path that does not exist yet becomes a new,
empty database; the same path gives the same database for the rest of the test; a path holding a
real SQLite file stays SQLite. ``DATABASE_URL`` itself is taken out of the environment, so that
the processes some tests start (the console script, the wheel) run on SQLite in their own folder
rather than on the shared administrative database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.engine import Engine, make_url

from quizapp import create_app
from quizapp.config import normalise_database_url
from quizapp.extensions import db
from quizapp.operations.teachers import register_teacher

# pytest imports this file as ``conftest``; test modules import it as ``tests.conftest``. One
# module, so that the PostgreSQL bookkeeping below is not split between two copies.
sys.modules.setdefault("tests.conftest", sys.modules[__name__])

PASSWORD = "correct horse battery"

#: What a copy of the template "file" holds when the template is a PostgreSQL database.
TEMPLATE_MARKER = b"quizapp test template: a PostgreSQL database, see tests/conftest.py\n"
SQLITE_HEADER = b"SQLite format 3\x00"


def postgresql_url_from_environment() -> str | None:
    """The administrative PostgreSQL URL given as ``DATABASE_URL``, taken out of the environment."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        return None
    del os.environ["DATABASE_URL"]
    return normalise_database_url(url)


POSTGRESQL_URL = postgresql_url_from_environment()
ON_POSTGRESQL = POSTGRESQL_URL is not None

#: For tests that only make sense on SQLite (pragmas, the database file itself).
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite only")

#: Tests (node id prefixes) in modules this file does not own that check SQLite itself; skipped
#: on PostgreSQL until they carry ``@pytest.mark.sqlite_only`` or work on both.
SQLITE_ONLY_TESTS = ("tests/app/test_foundation.py::test_sqlite_runs_with_wal_and_foreign_keys",)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks SQLite itself; skipped on PostgreSQL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not ON_POSTGRESQL:
        return
    skip = pytest.mark.skip(reason="SQLite only (DATABASE_URL is PostgreSQL)")
    for item in items:
        if item.get_closest_marker("sqlite_only") or item.nodeid.startswith(SQLITE_ONLY_TESTS):
            item.add_marker(skip)


def pytest_report_header() -> str:
    if ON_POSTGRESQL:
        shown = make_url(POSTGRESQL_URL).render_as_string(hide_password=True)
        return f"database: PostgreSQL, one database per test, from {shown}"
    return "database: SQLite, one file per test"


class PostgresDatabases:
    """Test databases on one PostgreSQL server: a template, and a copy of it per test."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"quizapp_t{os.getpid()}"
        self.counter = itertools.count(1)
        self.template: str | None = None
        self.by_path: dict[Path, str] = {}
        self.created: list[str] = []
        self.engines: weakref.WeakSet[Engine] = weakref.WeakSet()
        with self.admin.connect() as connection:
            version = connection.dialect.server_version_info or (0,)
        # FILE_COPY (PostgreSQL 15+) copies a small template several times faster than WAL_LOG.
        self.strategy = " STRATEGY FILE_COPY" if version >= (15,) else ""
        sa.event.listen(Engine, "engine_connect", self.track)

    def track(self, connection: sa.Connection) -> None:
        """Remember the engines the apps make, to close their connections before a drop."""
        if connection.engine.url.database in self.created:
            self.engines.add(connection.engine)

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(statement)

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{next(self.counter)}"
        self.created.append(name)
        if template is None:
            self.execute(f'CREATE DATABASE "{name}"')
        else:
            # A template must have no connections while it is copied.
            self.terminate(template)
            self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{self.strategy}')
        return name

    def terminate(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )

    def drop(self, name: str) -> None:
        for engine in list(self.engines):
            if engine.url.database == name:
                engine.dispose()
        self.terminate(name)
        self.execute(f'DROP DATABASE IF EXISTS "{name}"')

    def for_path(self, path: Path) -> str:
        """The database a test's path stands for (see the module's docstring)."""
        key = path.resolve()
        if key not in self.by_path:
            copy_of_template = path.exists() and path.read_bytes() == TEMPLATE_MARKER
            self.by_path[key] = self.create(self.template if copy_of_template else None)
        return self.url_for(self.by_path[key])

    def drop_test_databases(self) -> None:
        for name in self.created:
            if name != self.template:
                self.drop(name)
        self.created = [self.template] if self.template else []
        self.by_path.clear()

    def close(self) -> None:
        self.drop_test_databases()
        if self.template:
            self.drop(self.template)
        sa.event.remove(Engine, "engine_connect", self.track)
        self.admin.dispose()


POSTGRES = PostgresDatabases(POSTGRESQL_URL) if POSTGRESQL_URL else None


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def database_uri(database: Path) -> str:
    """The SQLAlchemy URL for a test's database path: the file, or the PostgreSQL database."""
    if POSTGRES is None or is_sqlite_file(database):
        return f"sqlite:///{database}"
    return POSTGRES.for_path(database)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database built once by running the migrations and loading the built-in article.

    Each test gets a copy, so tests stay independent without paying for generation every time.
    """
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    if POSTGRES is None:
        create_app(settings_for(path), instance_path=str(folder))
        yield path
        return
    POSTGRES.template = POSTGRES.create()
    settings = {
        **settings_for(path),
        "SQLALCHEMY_DATABASE_URI": POSTGRES.url_for(POSTGRES.template),
    }
    create_app(settings, instance_path=str(folder))  # migrates, seeds, then disposes its engine
    path.write_bytes(TEMPLATE_MARKER)
    yield path


@pytest.fixture(scope="session", autouse=True)
def _close_postgresql() -> Iterator[None]:
    """On PostgreSQL, drop what is left (the template) and close the administrative connection."""
    yield
    if POSTGRES is not None:
        POSTGRES.close()


@pytest.fixture(autouse=True)
def _drop_postgresql_test_databases() -> Iterator[None]:
    """On PostgreSQL, drop the databases a test made once it (and its fixtures) are done."""
    yield
    if POSTGRES is not None:
        POSTGRES.drop_test_databases()


def settings_for(database: Path, **overrides: object) -> dict[str, object]:
    """The settings every test app uses."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri(database),
        # The test client posts forms without tokens; tests/app/test_csrf.py turns it back on.
        "WTF_CSRF_ENABLED": False,
        **overrides,
    }


@pytest.fixture
def app(template_database: Path, tmp_path: Path) -> Flask:
    """An app on its own copy of the template database."""
    database = tmp_path / "quizapp.sqlite"
    shutil.copyfile(template_database, database)
    return create_app(settings_for(database), instance_path=str(tmp_path))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_teacher(app: Flask):
    """Create a teacher account; returns (id, email). The password is ``PASSWORD``."""
    counter = iter(range(1, 1000))

    def make(email: str | None = None, name: str = "Ms Rivera") -> tuple[int, str]:
        email = email or f"teacher{next(counter)}@school.test"
        with app.app_context():
            teacher = register_teacher(email, name, PASSWORD)
            db.session.commit()
            return teacher.id, email

    return make


def login(client: FlaskClient, email: str, password: str = PASSWORD):
    """Sign a teacher in through the real form."""
    return client.post("/teacher/login", data={"email": email, "password": password})


@pytest.fixture
def teacher_client(client: FlaskClient, make_teacher) -> FlaskClient:
    """A test client signed in as a fresh teacher; ``client.teacher_id`` says who."""
    teacher_id, email = make_teacher()
    assert login(client, email).status_code == 302
    client.teacher_id = teacher_id
    return client
