"""The phones' version poll answered below Flask: the same answers as the view, only cheaper."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.extensions import db
from quizapp.models import ClassSession
from quizapp.operations.live import advance
from quizapp.operations.play import utc_now
from tests.factories import make_session, one_question_per_kind


@pytest.fixture
def game_id(app, make_teacher) -> int:
    teacher_id, _ = make_teacher()
    with app.app_context():
        by_kind = {q.kind: q for q in one_question_per_kind()}
        questions = [by_kind["multiple_choice"], by_kind["true_false"]]
        return make_session(teacher_id, mode="live", time_limit=20, questions=questions).id


@pytest.fixture
def client(app, game_id):
    """A phone that joined the game: only the game's players (and host) get its state."""
    with app.app_context():
        code = db.session.get(ClassSession, game_id).join_code
    phone = app.test_client()
    assert phone.post(f"/join/{code}", data={"nickname": "Ana"}).status_code == 302
    return phone


def poll(client, game_id: int, etag: str | None = None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(f"/live/{game_id}/state", headers=headers)


def test_an_unchanged_game_is_a_304_with_the_usual_headers(client, game_id) -> None:
    first = poll(client, game_id)
    assert first.status_code == 200
    again = poll(client, game_id, first.headers["ETag"])
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]
    assert "script-src 'self'" in again.headers["Content-Security-Policy"]
    assert again.get_data() == b""


def test_a_moved_game_goes_through_to_the_view(app, client, game_id) -> None:
    etag = poll(client, game_id).headers["ETag"]
    with app.app_context():
        advance(db.session.get(ClassSession, game_id), utc_now())
        db.session.commit()
    moved = poll(client, game_id, etag)
    assert moved.status_code == 200 and moved.json["phase"] == "question"


def test_a_question_whose_time_is_up_is_closed_by_the_view(app, client, game_id) -> None:
    with app.app_context():
        game = db.session.get(ClassSession, game_id)
        advance(game, utc_now())
        game.question_deadline = utc_now() - timedelta(seconds=10)
        db.session.commit()
    etag = poll(client, game_id).headers["ETag"]  # this poll already closes it
    with app.app_context():
        assert db.session.get(ClassSession, game_id).phase == "reveal"
    assert poll(client, game_id, etag).status_code == 304


def test_unknown_games_and_stale_tags_are_the_views_business(client, game_id) -> None:
    assert poll(client, 999999, 'W/"1"').status_code == 404
    assert poll(client, game_id, 'W/"999"').status_code == 200
