"""Phones told of changes by push: the watcher, the event stream, the shared stage and facts.

The watcher is driven by calling ``tick()`` (what its thread does every 100 ms), so nothing here
waits on a clock. "Another process" is a second app on the same database: it shares nothing with
the first but the database, as gunicorn's workers and servers do.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from quizapp import create_app
from quizapp.extensions import db
from quizapp.live_push import Channel, GameState, Snapshot, watcher_of
from quizapp.models import ClassSession, Participant
from quizapp.operations.live import advance
from quizapp.operations.play import utc_now
from quizapp.operations.teachers import register_teacher
from tests.conftest import PASSWORD, settings_for
from tests.factories import make_session, one_question_per_kind


@pytest.fixture
def push_app(template_database, tmp_path):
    database = tmp_path / "quizapp.sqlite"
    shutil.copyfile(template_database, database)
    app = create_app(settings_for(database, LIVE_PUSH=True), instance_path=str(tmp_path))
    yield app
    watcher_of(app).stop()


@pytest.fixture
def other_process(push_app, tmp_path):
    """A second app on the same database: another worker, or another server."""
    other = tmp_path / "other"
    other.mkdir()
    settings = settings_for(tmp_path / "quizapp.sqlite", LIVE_PUSH=True)
    app = create_app(settings, instance_path=str(other))
    yield app
    watcher_of(app).stop()


@pytest.fixture
def game_id(push_app) -> int:
    with push_app.app_context():
        teacher = register_teacher("host@school.test", "Ms Rivera", PASSWORD)
        by_kind = {q.kind: q for q in one_question_per_kind()}
        questions = [by_kind["multiple_choice"], by_kind["true_false"]]
        return make_session(teacher.id, mode="live", time_limit=20, questions=questions).id


def phone(app, game_id: int, nickname: str):
    client = app.test_client()
    with app.app_context():
        code = db.session.get(ClassSession, game_id).join_code
    assert client.post(f"/join/{code}", data={"nickname": nickname}).status_code == 302
    return client


def participant_id(app, game_id: int, nickname: str) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(Participant.id).where(
                Participant.session_id == game_id, Participant.nickname == nickname
            )
        )


def version_of(app, game_id: int) -> int:
    with app.app_context():
        return db.session.get(ClassSession, game_id).version


def move_on(app, game_id: int) -> None:
    with app.app_context():
        advance(db.session.get(ClassSession, game_id), utc_now())
        db.session.commit()


def first_event(response) -> dict:
    """Read the stream up to its first event (a retry line comes first); its data as JSON."""
    chunks = iter(response.response)
    for chunk in chunks:
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        if text.startswith("retry:"):
            continue
        lines = dict(line.split(": ", 1) for line in text.strip().split("\n"))
        event = json.loads(lines["data"])
        event["id"] = lines["id"]
        response.close()
        return event
    raise AssertionError("the stream ended without an event")


def test_the_page_offers_a_stream_and_the_stream_sends_what_the_phone_lacks(
    push_app, game_id
) -> None:
    ana = phone(push_app, game_id, "Ana")
    page = ana.get(f"/live/{game_id}").get_data(as_text=True)
    assert f'data-events-url="/live/{game_id}/events"' in page
    assert 'name="csrf-token"' in page  # the pushed stage has no token: the page keeps one
    old = version_of(push_app, game_id)
    move_on(push_app, game_id)
    response = ana.get(f"/live/{game_id}/events?v={old}", buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    event = first_event(response)
    assert event["phase"] == "question" and int(event["id"]) == event["version"] > old
    assert 'data-phase="question"' in event["stage"]
    assert event["me"]["answering"] is True and event["me"]["answer"] == []


def test_the_watcher_of_another_process_publishes_a_change_with_each_phones_facts(
    push_app, other_process, game_id
) -> None:
    phone(push_app, game_id, "Ana")
    ben = phone(push_app, game_id, "Ben")
    ana_id, ben_id = (participant_id(push_app, game_id, n) for n in ("Ana", "Ben"))
    watcher = watcher_of(other_process)
    channel = watcher.subscribe(game_id, ana_id, "http://localhost/")
    watcher.subscribe(game_id, ben_id, "http://localhost/")
    before = channel.version

    move_on(push_app, game_id)  # the host's click, served by the first process
    watcher.tick()

    snapshot = channel.wait(before, timeout=0)
    assert snapshot is not None and snapshot.state.phase == "question"
    assert set(snapshot.facts) == {ana_id, ben_id}
    # Ben answers through the first process; the other process pushes the reveal with his verdict.
    question_id = snapshot.state.question_id
    key = ben.get(f"/live/{game_id}/stage").get_data(as_text=True)
    assert f'name="question_id" value="{question_id}"' in key
    with push_app.app_context():
        session = db.session.get(ClassSession, game_id)
        right = str(session.questions[0].options.index(session.questions[0].answer))
    answered = ben.post(
        f"/live/{game_id}/answer",
        data={"question_id": question_id, "answer": right},
        headers={"Accept": "application/json"},
    )
    assert answered.json["me"]["answer"] == [right] and answered.json["me"]["answered"]
    move_on(push_app, game_id)  # close: the reveal
    watcher.tick()
    reveal = channel.wait(snapshot.state.version, timeout=0)
    assert reveal is not None and reveal.state.phase == "reveal"
    assert reveal.facts[ben_id]["verdict"] == "right" and reveal.facts[ben_id]["rank"] == 1
    assert reveal.facts[ana_id]["verdict"] == "none" and reveal.facts[ana_id]["rank"] == 2
    event = json.loads(reveal.event(reveal.facts[ana_id]).decode().split("data: ", 1)[1])
    assert event["me"]["verdict"] == "none" and event["phase"] == "reveal"


def test_the_shared_stage_holds_nothing_personal(push_app, game_id) -> None:
    phone(push_app, game_id, "Ana")
    ana_id = participant_id(push_app, game_id, "Ana")
    move_on(push_app, game_id)
    watcher = watcher_of(push_app)
    channel = watcher.subscribe(game_id, ana_id, "http://localhost/")
    stage = json.loads("{" + channel.snapshot.shared + "}")["stage"]
    assert "csrf_token" not in stage and "Ana" not in stage
    assert 'aria-pressed="true"' not in stage
    assert 'data-me-show="answering" hidden' in stage  # live.js shows it from the facts


def test_a_question_whose_time_is_up_is_closed_by_the_watcher(push_app, game_id) -> None:
    phone(push_app, game_id, "Ana")
    move_on(push_app, game_id)
    with push_app.app_context():
        game = db.session.get(ClassSession, game_id)
        game.question_deadline = utc_now() - timedelta(seconds=10)
        db.session.commit()
    watcher = watcher_of(push_app)
    channel = watcher.subscribe(game_id, participant_id(push_app, game_id, "Ana"), "http://x/")
    watcher.tick()  # closes it
    with push_app.app_context():
        assert db.session.get(ClassSession, game_id).phase == "reveal"
    watcher.tick()  # and publishes it
    assert channel.snapshot.state.phase == "reveal"


def test_a_reconnecting_phone_that_saw_the_version_is_told_nothing_new() -> None:
    state = GameState(7, "question", 0, 1, "true_false")
    channel = Channel(Snapshot(state, '"version": 7', {}), "http://x/")
    assert channel.wait(7, timeout=0) is None
    assert channel.wait(6, timeout=0) is channel.snapshot


def test_without_push_the_page_polls_and_the_stream_says_204(app, client, make_teacher) -> None:
    teacher_id, _ = make_teacher()
    with app.app_context():
        by_kind = {q.kind: q for q in one_question_per_kind()}
        game_id = make_session(teacher_id, mode="live", questions=[by_kind["true_false"]]).id
    ana = phone(app, game_id, "Ana")
    page = ana.get(f"/live/{game_id}").get_data(as_text=True)
    assert "data-events-url" not in page and "data-state-url" in page
    assert ana.get(f"/live/{game_id}/events").status_code == 204


def test_only_players_get_a_stream(push_app, game_id) -> None:
    stranger = push_app.test_client()
    # The same 404 as for a game that does not exist: scanning ids tells nobody what is live.
    assert stranger.get(f"/live/{game_id}/events").status_code == 404
    assert stranger.get("/live/999999/events").status_code == 404


def test_a_late_joiner_is_told_to_wait_in_the_facts(push_app, game_id) -> None:
    move_on(push_app, game_id)
    cleo = phone(push_app, game_id, "Cleo")
    page = cleo.get(f"/live/{game_id}").get_data(as_text=True)
    assert 'data-me-show="waiting">' in page  # shown
    assert 'data-me-show="answering" hidden' in page
