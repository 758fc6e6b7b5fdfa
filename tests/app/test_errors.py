"""Error pages: each status in the site's layout with a clear message, JSON for scripts, and a 500
that tells nothing of what broke."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from flask import Flask, abort
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from quizapp import create_app
from tests.conftest import settings_for

JSON = {"Accept": "application/json"}


@pytest.fixture
def error_app(template_database: Path, tmp_path: Path) -> Flask:
    """An app that handles errors as in production (no exception reaches the test), with routes
    that fail on purpose."""
    database = tmp_path / "quizapp.sqlite"
    shutil.copyfile(template_database, database)
    app = create_app(
        settings_for(database, TESTING=False, PROPAGATE_EXCEPTIONS=False),
        instance_path=str(tmp_path),
    )

    @app.get("/_test/boom")
    def boom():
        raise RuntimeError("secret detail: password=hunter2 at /srv/quizapp/secret.py line 42")

    @app.get("/_test/abort/<int:code>")
    def abort_with(code: int):
        abort(code)

    @app.get("/_test/told")
    def told():
        abort(400, description="Choose normal time, 1.5× or 2×.")

    return app


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        (400, "That did not work"),
        (403, "You cannot open this page"),
        (404, "Page not found"),
        (405, "That does not work here"),
        (410, "This has closed"),
        (413, "That is too large"),
        (429, "Slow down a little"),
        (503, "Very busy right now"),
        (500, "Something went wrong on our side"),
    ],
)
def test_each_error_has_a_page_in_the_layout(error_app: Flask, code: int, heading: str) -> None:
    client = error_app.test_client()
    response = client.get(f"/_test/abort/{code}")
    assert response.status_code == code
    assert response.mimetype == "text/html"
    page = response.text
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-header"' in page and "Skip to content" in page  # the base layout
    assert f"Error {code}" in page
    as_json = client.get(f"/_test/abort/{code}", headers=JSON)
    assert as_json.status_code == code
    assert as_json.json["status"] == code and as_json.json["error"]


def test_a_views_own_message_is_shown(error_app: Flask) -> None:
    client = error_app.test_client()
    assert "Choose normal time, 1.5× or 2×." in client.get("/_test/told").text
    assert (
        client.get("/_test/told", headers=JSON).json["error"] == "Choose normal time, 1.5× or 2×."
    )


def test_a_500_never_shows_the_exception(error_app: Flask, caplog) -> None:
    client = error_app.test_client()
    for headers in ({}, JSON):
        response = client.get("/_test/boom", headers=headers)
        assert response.status_code == 500
        for secret in ("hunter2", "secret.py", "Traceback", "RuntimeError"):
            assert secret not in response.text
    assert "hunter2" in caplog.text  # it is logged for whoever runs the server


def test_real_routes_get_the_pages(error_app: Flask) -> None:
    client = error_app.test_client()
    missing = client.get("/teacher/quizzes/999999")
    assert missing.status_code == 302  # not signed in: the sign-in page first
    assert client.get("/articles/999999").status_code == 404
    assert "Page not found" in client.get("/no/such/page").text
    wrong_method = client.get("/teacher/logout")
    assert wrong_method.status_code == 405
    assert "POST" in wrong_method.headers["Allow"]
    assert "That does not work here" in wrong_method.text
    # A number too large to be an id is simply not found (not a database error).
    assert client.get("/play/99999999999999999999999").status_code == 404
    assert client.get("/live/99999999999999999999999/state", headers=JSON).json["status"] == 404


def test_json_is_for_clients_that_prefer_it(error_app: Flask) -> None:
    client = error_app.test_client()
    assert client.get("/nowhere", headers={"Accept": "*/*"}).mimetype == "text/html"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/nowhere", headers={"Accept": browser}).mimetype == "text/html"
    script = "application/json, text/plain, */*"
    assert client.get("/nowhere", headers={"Accept": script}).mimetype == "application/json"
    posted = client.post("/nowhere", json={"a": 1})
    assert posted.status_code in (404, 405, 415) and posted.mimetype == "application/json"


def test_a_request_too_large_anywhere_gets_413(error_app: Flask) -> None:
    error_app.config["MAX_CONTENT_LENGTH"] = 1_000
    client = error_app.test_client()
    student = client.post("/join", data={"code": "x" * 5_000, "nickname": "Ana"})
    assert student.status_code == 413
    assert "That is too large" in student.text and "Articles can be" not in student.text
    as_json = client.post("/join", data={"code": "x" * 5_000}, headers=JSON)
    assert as_json.status_code == 413 and as_json.json["error"]


def test_an_article_too_large_says_the_article_limit(error_app: Flask, make_teacher_in) -> None:
    client = make_teacher_in(error_app)
    error_app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = client.post(
        "/teacher/articles/new",
        data={"upload": (io.BytesIO(b"x" * 20_000), "huge.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Articles can be at most 500 KB" in response.text


@pytest.fixture
def make_teacher_in():
    from quizapp.extensions import db
    from quizapp.operations.teachers import register_teacher
    from tests.conftest import PASSWORD, login

    def make(app: Flask):
        with app.app_context():
            register_teacher("errors@school.test", "E", PASSWORD)
            db.session.commit()
        client = app.test_client()
        assert login(client, "errors@school.test").status_code == 302
        return client

    return make


def test_the_500_page_survives_a_broken_template(error_app: Flask, monkeypatch) -> None:
    import quizapp.errors as errors

    def broken(*args, **kwargs):
        raise RuntimeError("the template engine is down")

    monkeypatch.setattr(errors, "render_template", broken)
    response = error_app.test_client().get("/_test/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "template engine" not in response.text


@pytest.mark.parametrize(
    "overload",
    [
        PoolTimeout("QueuePool limit of size 5 overflow 10 reached, connection timed out"),
        OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")),
    ],
)
def test_overload_asks_to_try_again_rather_than_failing(error_app: Flask, overload) -> None:
    """A request the database had no room for (every pooled connection busy, SQLite's write lock
    held past the busy timeout) did nothing: 503 with Retry-After, never a 500."""

    @error_app.get("/_test/overload")
    def overloaded():
        raise overload

    client = error_app.test_client()
    page = client.get("/_test/overload")
    assert page.status_code == 503 and page.headers["Retry-After"] == "3"
    assert "Very busy right now" in page.text and "QueuePool" not in page.text
    told = client.get("/_test/overload", headers=JSON)
    assert told.status_code == 503 and "try again" in told.json["error"]


def test_other_database_errors_stay_server_errors(error_app: Flask) -> None:
    @error_app.get("/_test/broken-database")
    def broken():
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: question"))

    response = error_app.test_client().get("/_test/broken-database")
    assert response.status_code == 500 and "no such table" not in response.text
