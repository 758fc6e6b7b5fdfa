"""Fixtures shared by the app and browser tests: an app on a fresh, migrated database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from quizapp import create_app
from quizapp.extensions import db
from quizapp.operations.teachers import register_teacher

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once by running the migrations and loading the built-in article.

    Each test gets a copy, so tests stay independent without paying for generation every time.
    """
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    create_app(settings_for(path), instance_path=str(folder))
    return path


def settings_for(database: Path, **overrides: object) -> dict[str, object]:
    """The settings every test app uses."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
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
