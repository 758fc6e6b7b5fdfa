"""Heavy work (generating an article's questions) must not hold the database, and has a budget.

Three 490 KB articles posted at once used to hold SQLite's write lock for seconds: students'
answers waited, and past the busy timeout failed with 500 ("database is locked"). The timing
itself is measured by ``benchmarks/generation_load.py``; these tests check the mechanism: while
the generator runs, no transaction is open and another connection can take the write lock.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

import quizapp.operations.articles as article_operations
import quizapp.teacher.articles as article_views
from quizapp import create_app
from quizapp.extensions import db
from quizapp.generation import UnusableText, generate
from quizapp.heavy import run_niced
from quizapp.models import Article
from tests.app.test_teacher_articles import sample_text
from tests.conftest import ON_POSTGRESQL, login, settings_for


@pytest.fixture
def make_app(template_database: Path, tmp_path: Path):
    count = iter(range(1000))

    def make(**overrides: object) -> Flask:
        folder = tmp_path / f"app{next(count)}"
        folder.mkdir()
        database = folder / "quizapp.sqlite"
        shutil.copyfile(template_database, database)
        app = create_app(settings_for(database, **overrides), instance_path=str(folder))
        app.database_file = database
        return app

    return make


def signed_in(app: Flask, make_teacher_in) -> FlaskClient:
    email = make_teacher_in(app)
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def teacher_in(app: Flask) -> str:
    from quizapp.operations.teachers import register_teacher
    from tests.conftest import PASSWORD

    with app.app_context():
        register_teacher("busy@school.test", "Busy", PASSWORD)
        db.session.commit()
    return "busy@school.test"


@pytest.mark.parametrize("niceness", [10, 0])  # in a lower-priority child, and in the worker
def test_questions_are_generated_outside_any_transaction(
    make_app, monkeypatch, tmp_path: Path, niceness: int
) -> None:
    """While the generator runs, the request holds no transaction and no lock."""
    app = make_app(GENERATION_NICENESS=niceness)
    client = signed_in(app, teacher_in)
    log = tmp_path / "generated.txt"  # the child process cannot append to a list of ours

    def watched_generate(text: str, title: str | None = None):
        assert not db.session().in_transaction(), "generating inside a transaction"
        if not ON_POSTGRESQL:
            other = sqlite3.connect(app.database_file, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # fails at once if the write lock is held
                other.execute("ROLLBACK")
            finally:
                other.close()
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return generate(text, title)

    monkeypatch.setattr(article_views, "generate", watched_generate, raising=False)
    monkeypatch.setattr(article_operations, "generate", watched_generate)
    added = client.post("/teacher/articles/new", data={"text": sample_text()})
    assert added.status_code == 302, added.text
    article_id = int(added.headers["Location"].split("/")[-2])
    regenerated = client.post(f"/teacher/articles/{article_id}/regenerate")
    assert regenerated.status_code == 302
    assert "Questions regenerated" in client.get(regenerated.headers["Location"]).text
    pids = log.read_text().split()
    assert len(pids) == 2
    assert (str(os.getpid()) in pids) == (niceness == 0)


def test_heavy_work_runs_in_a_child_at_lower_priority() -> None:
    assert run_niced(10, os.getpid) != os.getpid()
    assert run_niced(10, os.nice, 0) == min(19, os.nice(0) + 10)
    with pytest.raises(UnusableText):
        run_niced(10, generate, "Too short.", None)  # the child's exception is raised here


def test_articles_per_hour_are_limited_per_account(make_app) -> None:
    app = make_app(ARTICLES_PER_HOUR=2)
    client = signed_in(app, teacher_in)
    for number in range(2):
        added = client.post("/teacher/articles/new", data={"text": sample_text(f"Part {number}")})
        assert added.status_code == 302
    refused = client.post("/teacher/articles/new", data={"text": sample_text("Part 3")})
    assert refused.status_code == 429
    assert "2 articles in the last hour" in refused.text
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(Article.id)).where(Article.owner_id.is_not(None)))
            == 2
        )
        article_id = db.session.scalar(select(Article.id).where(Article.title == "Part 0"))
    # Regenerating is heavy work too, and counts.
    regenerated = client.post(f"/teacher/articles/{article_id}/regenerate", follow_redirects=True)
    assert "in the last hour" in regenerated.text


def test_stored_text_is_limited_per_account(make_app) -> None:
    size = len(sample_text("Part 0").encode())
    app = make_app(MAX_STORED_ARTICLE_BYTES=int(size * 1.5))
    client = signed_in(app, teacher_in)
    assert (
        client.post("/teacher/articles/new", data={"text": sample_text("Part 0")}).status_code
        == 302
    )
    # The same text again replaces itself: it does not count twice.
    again = client.post("/teacher/articles/new", data={"text": sample_text("Part 0")})
    assert again.status_code == 302
    refused = client.post("/teacher/articles/new", data={"text": sample_text("Part 1")})
    assert refused.status_code == 429
    assert "MB of text, the most an account may keep" in refused.text
