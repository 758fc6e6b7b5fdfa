"""Fixtures shared by the app and browser tests: an app on a fresh, migrated database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from quizapp import create_app


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
