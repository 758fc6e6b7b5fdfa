"""The app factory, configuration, schema and first start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from quizapp import create_app
from quizapp.config import normalise_database_url
from quizapp.extensions import db
from quizapp.models import Article, Question
from tests.conftest import settings_for


def test_settings_apply_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.py").write_text("MAX_ARTICLE_BYTES = 111\nFROM_INSTANCE = 'yes'\n")
    monkeypatch.setenv("QUIZAPP_MAX_ARTICLE_BYTES", "222")
    monkeypatch.setenv("QUIZAPP_FROM_ENV", "true")
    app = create_app(
        settings_for(tmp_path / "db.sqlite", AUTO_SETUP_DATABASE=False, FROM_ENV=False),
        instance_path=str(tmp_path),
    )
    assert app.config["FROM_INSTANCE"] == "yes"
    assert app.config["MAX_ARTICLE_BYTES"] == 222  # the environment beats the instance folder
    assert app.config["FROM_ENV"] is False  # the test mapping beats the environment


def test_database_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    app = create_app({"AUTO_SETUP_DATABASE": False}, instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert normalise_database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"


def test_development_secret_key_is_generated_once(tmp_path: Path) -> None:
    settings = {"AUTO_SETUP_DATABASE": False, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    first = create_app(settings, instance_path=str(tmp_path))
    second = create_app(settings, instance_path=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert key_file.stat().st_mode & 0o077 == 0


def test_schema_comes_from_the_migrations(app) -> None:
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        version = db.session.scalar(text("SELECT version_num FROM alembic_version"))
    assert {"article", "question", "question_option", "teacher", "alembic_version"} <= tables
    versions = Path(__file__).resolve().parents[2] / "migrations" / "versions"
    head = sorted(versions.glob("*.py"))[-1].name.split("_")[0]
    assert version == head


def test_sqlite_runs_with_wal_and_foreign_keys(app) -> None:
    with app.app_context():
        assert db.session.scalar(text("PRAGMA foreign_keys")) == 1
        assert db.session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert db.session.scalar(text("PRAGMA busy_timeout")) == 5000


def test_fresh_install_serves_the_builtin_article_with_questions(app, client) -> None:
    home = client.get("/")
    assert home.status_code == 200
    page = home.get_data(as_text=True)
    assert "Advancing together: the future of international collaboration among space" in page
    assert "Test yourself" in page
    article_url = page.split('href="/articles/')[1].split('"')[0].split("#")[0]
    article = client.get(f"/articles/{article_url}").get_data(as_text=True)
    assert "Historical Significance of International Space Collaboration" in article
    with app.app_context():
        questions = db.session.scalars(select(Question)).all()
    assert len(questions) >= 35
    for question in questions:  # every question's source sentence can be linked to
        assert f'id="s-{question.source_start}"' in article


def test_unknown_article_is_a_404(client) -> None:
    assert client.get("/articles/9999").status_code == 404


def count_builtin(app) -> tuple[int, int]:
    with app.app_context():
        articles = db.session.scalar(select(func.count()).where(Article.is_builtin))
        questions = db.session.scalar(select(func.count(Question.id)))
    return articles, questions


def test_starting_again_loads_nothing_twice(app, tmp_path: Path) -> None:
    before = count_builtin(app)
    again = create_app(settings_for(tmp_path / "quizapp.sqlite"), instance_path=str(tmp_path))
    assert before[0] == 1
    assert count_builtin(again) == before


def test_workers_starting_together_load_the_article_once(tmp_path: Path) -> None:
    """Four processes start on one empty database at once, as gunicorn's workers do."""
    database = tmp_path / "fresh.sqlite"
    script = (
        "import sys; from quizapp import create_app; "
        "create_app({'SQLALCHEMY_DATABASE_URI': sys.argv[1]}, instance_path=sys.argv[2])"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, f"sqlite:///{database}", str(tmp_path)])
        for _ in range(4)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0, 0]
    app = create_app(settings_for(database), instance_path=str(tmp_path))
    articles, questions = count_builtin(app)
    assert articles == 1
    assert questions >= 35
