"""The live game over HTTP: the host's screen and actions, the phones' polling and answers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from quizapp.extensions import db
from quizapp.live_phone import facts_for
from quizapp.models import ClassSession, Participant, Response
from quizapp.operations.live import advance, join_live, shown_live
from quizapp.operations.play import utc_now
from tests.app.test_play import right_form, wrong_form
from tests.conftest import login, sqlite_only
from tests.factories import make_session, one_question_per_kind


@pytest.fixture
def game_id(app, teacher_client) -> int:
    with app.app_context():
        by_kind = {q.kind: q for q in one_question_per_kind()}
        questions = [by_kind["multiple_choice"], by_kind["true_false"]]
        return make_session(
            teacher_client.teacher_id, mode="live", time_limit=20, questions=questions
        ).id


def phone(app, game_id: int, nickname: str):
    """A student's browser that has joined the game through the join page."""
    client = app.test_client()
    with app.app_context():
        code = db.session.get(ClassSession, game_id).join_code
    response = client.post(f"/join/{code}", data={"nickname": nickname})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/live/{game_id}")
    return client


def test_host_screen_shows_the_lobby_with_code_and_qr(app, teacher_client, game_id) -> None:
    page = teacher_client.get(f"/host/{game_id}").get_data(as_text=True)
    with app.app_context():
        code = db.session.get(ClassSession, game_id).join_code
    assert code[:3] in page and code[3:] in page
    assert 'class="qr__svg"' in page and "QR code for http" in page
    assert "Start the game" in page


def test_host_state_is_conditional(teacher_client, game_id) -> None:
    first = teacher_client.get(f"/host/{game_id}/state")
    assert first.json["phase"] == "lobby"
    again = teacher_client.get(
        f"/host/{game_id}/state", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_players_join_and_the_host_runs_the_game(app, teacher_client, game_id) -> None:
    ana, ben = phone(app, game_id, "Ana"), phone(app, game_id, "Ben")
    state = ana.get(f"/live/{game_id}/state")
    assert state.json["phase"] == "lobby"
    assert "You're in!" in ana.get(f"/live/{game_id}").get_data(as_text=True)
    lobby = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    assert "Ana" in lobby and "Ben" in lobby

    started = teacher_client.post(f"/host/{game_id}/next", headers={"Accept": "application/json"})
    assert started.json["phase"] == "question"
    moved = ana.get(f"/live/{game_id}/state", headers={"If-None-Match": state.headers["ETag"]})
    assert moved.status_code == 200 and moved.json["phase"] == "question"
    stage = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)
    question_id = moved.json["question_id"]
    assert f'name="question_id" value="{question_id}"' in stage

    with app.app_context():
        session = db.session.get(ClassSession, game_id)
        question = session.questions[0]
        key_index = question.options.index(question.answer)
        wrong_index = (key_index + 1) % len(question.options)
    answer = {"question_id": question_id, "answer": str(key_index)}
    json_headers = {"Accept": "application/json"}
    assert ana.post(f"/live/{game_id}/answer", data=answer, headers=json_headers).json["ok"]
    wrong = {"question_id": question_id, "answer": str(wrong_index)}
    assert ben.post(f"/live/{game_id}/answer", data=wrong, headers=json_headers).json["ok"]

    # Everyone answered: the question closed by itself and the scores settled.
    assert ana.get(f"/live/{game_id}/state").json["phase"] == "reveal"
    ana_view = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)
    ben_view = ben.get(f"/live/{game_id}/stage").get_data(as_text=True)
    assert "Correct!" in ana_view and "Not quite" in ben_view
    reveal = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    assert "(correct answer)" in reveal and "Answers per option" in reveal

    late = ana.post(f"/live/{game_id}/answer", data=answer, headers=json_headers)
    assert late.status_code == 409 and "closed" in late.json["error"]


def test_the_key_is_not_on_a_phone_before_the_reveal(app, teacher_client, game_id) -> None:
    ana = phone(app, game_id, "Ana")
    teacher_client.post(f"/host/{game_id}/next")
    stage = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)
    assert "correct" not in stage.lower()
    assert not re.search(r"data-(correct|key)", stage)
    state = ana.get(f"/live/{game_id}/state").json
    assert set(state) == {"version", "phase", "index", "question_id", "kind"}


def test_another_teacher_cannot_host_the_game(app, make_teacher, game_id) -> None:
    _, email = make_teacher()
    client = app.test_client()
    login(client, email)
    assert client.get(f"/host/{game_id}").status_code == 404
    assert client.post(f"/host/{game_id}/next").status_code == 404


def test_a_phone_needs_its_own_cookie(app, game_id) -> None:
    stranger = app.test_client()
    assert stranger.get(f"/live/{game_id}").status_code == 302
    refused = stranger.post(
        f"/live/{game_id}/answer",
        data={"question_id": "1", "answer": "0"},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 403


def test_removed_players_lose_their_seat(app, teacher_client, game_id) -> None:
    ana = phone(app, game_id, "Ana")
    with app.app_context():
        participant_id = db.session.query(Participant.id).filter_by(nickname="Ana").scalar()
    teacher_client.post(f"/host/{game_id}/players/{participant_id}/remove")
    assert ana.get(f"/live/{game_id}/stage").status_code == 403


def test_extra_time_is_set_per_player(app, teacher_client, game_id) -> None:
    with app.app_context():
        session = db.session.get(ClassSession, game_id)
        player = join_live(session, "Ana", utc_now())
        db.session.commit()
        player_id = player.id
    url = f"/host/{game_id}/players/{player_id}/time"
    assert teacher_client.post(url, data={"time_factor": "3"}).status_code == 400
    assert teacher_client.post(url, data={"time_factor": "1.5"}).status_code == 302
    with app.app_context():
        assert db.session.get(Participant, player_id).time_factor == 1.5


@sqlite_only
def test_an_answer_reads_first_and_holds_the_write_lock_for_the_write(
    app, teacher_client, game_id
) -> None:
    """SQLite has one write lock: a room answering at once queues on it, so an answer takes it
    only to store (the game's row read again under it), not while it reads and renders."""
    ana, ben = phone(app, game_id, "Ana"), phone(app, game_id, "Ben")
    teacher_client.post(f"/host/{game_id}/next")
    with app.app_context():
        question = db.session.get(ClassSession, game_id).questions[0]
        question_id, right = question.id, question.answer
        key = str(question.options.index(right))
        db.engine.dispose()
        statements: list[str] = []

        @event.listens_for(db.engine, "connect")
        def trace(dbapi_connection, _record) -> None:
            dbapi_connection.set_trace_callback(statements.append)

    answer = {"question_id": question_id, "answer": key}
    sent = ana.post(f"/live/{game_id}/answer", data=answer, headers={"Accept": "application/json"})
    assert sent.json["ok"] and sent.json["me"]["answered"]
    begins = [i for i, s in enumerate(statements) if s.startswith("BEGIN")]
    assert [statements[i] for i in begins][:2] == ["BEGIN", "BEGIN IMMEDIATE"]
    read = [s.split()[0] for s in statements[begins[0] + 1 : begins[1]] if s[0] in "SIU"]
    assert read == ["SELECT"]  # the game, the player and the question in one query (not the list)
    locked = statements[begins[1] : statements.index("COMMIT", begins[1])]
    assert [s.split()[0] for s in locked if not s.startswith("PRAGMA")] == [
        "BEGIN",  # IMMEDIATE
        "SELECT",  # the game's row, read again under the lock
        "SELECT",  # the player's row
        "INSERT",  # the answer (or its replacement)
        "SELECT",  # has everyone answered?
    ]
    after = statements[statements.index("COMMIT", begins[1]) :]
    assert not [s for s in after if s.startswith("SELECT")]  # the reply is made from what it stored
    with app.app_context():
        stored = db.session.scalars(
            select(Response).where(Response.session_question_id == question_id)
        ).all()
        assert [(r.answer, r.correct) for r in stored] == [(right, True)]
    assert ben.get(f"/live/{game_id}/state").json["phase"] == "question"  # Ben has not answered


def test_an_answers_facts_are_what_the_phone_would_read_back(app, teacher_client) -> None:
    """The answer's JSON carries the phone's facts made from the answer just stored (no reading
    back): for every kind, a first answer and a changed one give exactly what ``facts_for`` reads
    from the database; the answer that closes the question carries the reveal's facts."""
    with app.app_context():
        session = make_session(teacher_client.teacher_id, mode="live", time_limit=60)
        game_id, kinds = session.id, len(session.questions)
    ana, ben = phone(app, game_id, "Ana"), phone(app, game_id, "Ben")
    json_headers = {"Accept": "application/json"}
    for index in range(kinds):
        with app.app_context():
            session = db.session.get(ClassSession, game_id)
            while not (session.phase == "question" and session.current_index == index):
                advance(session, utc_now())
            db.session.commit()
            question = session.questions[index]
            shown = shown_live(question)
            shown_q = {
                "id": question.id,
                "kind": question.kind,
                "answer": question.answer,
                "choices": list(shown.choices),
                "lefts": list(shown.prompts),
            }
            ana_id = db.session.scalar(select(Participant.id).where(Participant.nickname == "Ana"))
        for form in (right_form(shown_q), wrong_form(shown_q)):
            sent = ana.post(f"/live/{game_id}/answer", data=form, headers=json_headers)
            assert sent.status_code == 200, (shown_q["kind"], sent.get_data(as_text=True))
            with app.app_context():
                session = db.session.get(ClassSession, game_id)
                read_back = facts_for(session, [ana_id], utc_now())[ana_id]
            told = sent.json["me"]
            assert abs(told.pop("seconds_left") - read_back.pop("seconds_left")) < 2
            assert told == read_back, shown_q["kind"]
    closing = ben.post(
        f"/live/{game_id}/answer", data=wrong_form(shown_q), headers=json_headers
    ).json["me"]
    assert closing["answering"] is False and closing["ranked"] and closing["rank"] == 1


@sqlite_only
def test_a_join_reads_first_and_holds_the_write_lock_for_the_write(app, game_id) -> None:
    """A room joins within seconds: a join checks the code, the form and the nickname's
    skeleton before SQLite's write lock, and under it only what other joiners can change."""
    with app.app_context():
        code = db.session.get(ClassSession, game_id).join_code
        db.engine.dispose()
        statements: list[str] = []

        @event.listens_for(db.engine, "connect")
        def trace(dbapi_connection, _record) -> None:
            dbapi_connection.set_trace_callback(statements.append)

    client = app.test_client()
    assert client.post(f"/join/{code}", data={"nickname": "Ana"}).status_code == 302
    begins = [i for i, s in enumerate(statements) if s.startswith("BEGIN")]
    assert [statements[i] for i in begins][:2] == ["BEGIN", "BEGIN IMMEDIATE"]
    read = [s.split()[0] for s in statements[begins[0] + 1 : begins[1]] if s[0] in "SIU"]
    assert read == ["SELECT"]  # the game, the player and the question in one query (not the list)
    locked = statements[begins[1] : statements.index("COMMIT", begins[1])]
    assert [
        s.split()[0] for s in locked if not s.startswith(("PRAGMA", "SAVEPOINT", "RELEASE"))
    ] == [
        "BEGIN",  # IMMEDIATE
        "SELECT",  # the game's row, read again under the lock (closed? locked?)
        "SELECT",  # how many have joined (the player cap)
        "INSERT",  # the new player
    ], locked
    with app.app_context():
        assert db.session.scalar(select(Participant.nickname)) == "Ana"
