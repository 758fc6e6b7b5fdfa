"""Honest results of a live game: finished players, who can answer, late joiners, untimed games,
and sessions that close themselves when left idle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ClassSession, Participant
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.live import (
    LiveError,
    advance,
    answer_live,
    join_live,
    set_time_limit,
)
from quizapp.operations.sessions import (
    IdleLimits,
    close_idle_sessions,
    close_if_idle,
    is_idle,
)
from quizapp.reports import leaderboard, participant_answers
from tests.conftest import login
from tests.factories import make_session, one_question_per_kind

#: Each test's "now": the host's requests run on the real clock, so a question opened at ``at(1)``
#: must still be open when the test asks (set afresh for every test, not once at import).
T0 = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def _fresh_clock() -> None:
    global T0
    T0 = datetime.now(UTC).replace(microsecond=0)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def choice_questions(count: int = 3):
    """Multiple choice, true or false, another multiple choice."""
    by_kind = {q.kind: q for q in one_question_per_kind()}
    first = by_kind["multiple_choice"]
    second = next(
        q
        for q in find_builtin_article().questions
        if q.kind == "multiple_choice" and q.id != first.id
    )
    second.status = "approved"
    return [first, by_kind["true_false"], second][:count]


@pytest.fixture
def teacher_id(make_teacher) -> int:
    return make_teacher()[0]


@pytest.fixture
def game(app, teacher_id):
    with app.app_context():
        yield make_session(teacher_id, mode="live", time_limit=20, questions=choice_questions())


def current(game):
    return game.questions[game.current_index]


def play_to_podium(game, start: float) -> None:
    seconds = start
    while game.phase != "podium":
        seconds += 1
        advance(game, at(seconds))


def test_the_podium_marks_every_player_finished(game) -> None:
    ana = join_live(game, "Ana", at(0))
    ben = join_live(game, "Ben", at(0))
    advance(game, at(1))
    answer_live(ana, current(game).id, current(game).answer, at(2))
    play_to_podium(game, 3)
    db.session.commit()
    rows = leaderboard(game)
    assert [row.finished_at is not None for row in rows] == [True, True]
    assert ben.finished_at is not None


def test_results_say_finished_after_the_podium(app, client, teacher_id, game) -> None:
    join_live(game, "Ana", at(0))
    advance(game, at(1))
    play_to_podium(game, 2)
    db.session.commit()
    email = db.session.scalar(select(ClassSession).where(ClassSession.id == game.id)).owner.email
    login(client, email)
    page = client.get(f"/teacher/sessions/{game.id}/results").get_data(as_text=True)
    assert "In progress" not in page
    assert "Finished" in page


def test_the_host_counts_only_players_who_can_answer(app, client, teacher_id, game) -> None:
    ana = join_live(game, "Ana", at(0))
    advance(game, at(1))
    join_live(game, "Late Lou", at(2))  # waits for the next question
    answer_live(ana, current(game).id, current(game).answer, at(3))
    db.session.commit()
    # Ana's answer closed the question: the late joiner was not waited for.
    assert game.phase == "reveal"
    advance(game, at(4))
    advance(game, at(5))  # question 2: now Lou can answer too
    db.session.commit()
    login(client, game.owner.email)
    state = client.get(f"/host/{game.id}/state").json
    assert (state["answered"], state["able"], state["players"]) == (0, 2, 2)


def test_the_host_count_leaves_out_a_late_joiner(app, client, teacher_id, game) -> None:
    join_live(game, "Ana", at(0))
    join_live(game, "Ben", at(0))
    advance(game, at(1))
    join_live(game, "Late Lou", at(2))
    db.session.commit()
    login(client, game.owner.email)
    state = client.get(f"/host/{game.id}/state").json
    assert (state["able"], state["players"]) == (2, 3)
    stage = client.get(f"/host/{game.id}/stage").get_data(as_text=True)
    assert "of <span data-able>2</span></span> answered" in stage


def test_a_late_joiner_is_marked_over_the_questions_asked_while_present(game) -> None:
    ana = join_live(game, "Ana", at(0))
    advance(game, at(1))
    answer_live(ana, current(game).id, current(game).answer, at(2))
    advance(game, at(3))  # leaderboard
    lou = join_live(game, "Lou", at(4))  # joins before question 2: plays from it
    assert lou.first_index == 1
    advance(game, at(5))
    answer_live(ana, current(game).id, current(game).answer, at(6))
    answer_live(lou, current(game).id, current(game).answer, at(6))
    play_to_podium(game, 7)
    db.session.commit()
    rows = {row.nickname: row for row in leaderboard(game)}
    assert (rows["Ana"].asked, rows["Lou"].asked) == (3, 2)
    assert rows["Lou"].correct == 1 and rows["Lou"].percent_correct == 50.0
    outcomes = [row.outcome for row in participant_answers(game, lou)]
    assert outcomes == ["not_asked", "correct", "unanswered"]


def test_the_participant_page_says_asked_while_present(app, client, game) -> None:
    join_live(game, "Ana", at(0))
    advance(game, at(1))
    advance(game, at(2))
    lou = join_live(game, "Lou", at(3))  # during the reveal: plays from question 2
    advance(game, at(4))
    advance(game, at(5))
    answer_live(lou, current(game).id, current(game).answer, at(5))
    db.session.commit()
    login(client, game.owner.email)
    page = client.get(f"/teacher/sessions/{game.id}/students/{lou.id}").get_data(as_text=True)
    assert "1 of 1" in page and "100%" in page
    assert "Joined late: played from question 2" in page
    assert "Not asked while present" in page


def test_the_host_may_play_untimed_between_questions(game) -> None:
    join_live(game, "Ana", at(0))
    set_time_limit(game, None)
    advance(game, at(1))
    assert game.question_deadline is None and game.time_limit is None
    with pytest.raises(LiveError):
        set_time_limit(game, 30)  # not during a question
    advance(game, at(500))  # nobody is hurried: the host closes it
    advance(game, at(501))
    set_time_limit(game, 30)
    advance(game, at(502))
    assert game.question_deadline == at(532)
    with pytest.raises(LiveError):
        set_time_limit(game, 7)  # not an offered choice


def test_the_timing_control_over_http(app, client, game) -> None:
    login(client, game.owner.email)
    page = client.get(f"/host/{game.id}").get_data(as_text=True)
    assert "No time limit" in page
    response = client.post(f"/host/{game.id}/timing", data={"time_limit": "none"})
    assert response.status_code == 302
    db.session.refresh(game)
    assert game.time_limit is None
    assert client.post(f"/host/{game.id}/timing", data={"time_limit": "abc"}).status_code == 400
    refused = client.post(
        f"/host/{game.id}/timing",
        data={"time_limit": "7"},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 409 and "offered" in refused.json["error"]


LIMITS = IdleLimits(live=timedelta(hours=3), homework=timedelta(days=30))


def test_an_idle_live_game_closes_itself(game) -> None:
    join_live(game, "Ana", game.created_at + timedelta(minutes=5))
    db.session.flush()
    later = game.created_at + timedelta(hours=2)
    assert not is_idle(game, later, LIMITS)
    much_later = game.created_at + timedelta(hours=3, minutes=6)
    assert close_if_idle(game, much_later, LIMITS)
    assert game.status == "closed" and game.phase == "podium"
    assert IdleLimits.from_config({"LIVE_IDLE_MINUTES": 0}).live is None


def test_homework_is_not_closed_before_its_deadline(app, teacher_id) -> None:
    with app.app_context():
        homework = make_session(teacher_id, mode="self_paced")
        homework.deadline = homework.created_at + timedelta(days=60)
        assert not is_idle(homework, homework.created_at + timedelta(days=45), LIMITS)
        assert is_idle(homework, homework.created_at + timedelta(days=91), LIMITS)


def test_close_idle_command(app, runner, teacher_id) -> None:
    with app.app_context():
        old = make_session(teacher_id, mode="live", questions=choice_questions(1))
        fresh = make_session(teacher_id, mode="live", questions=choice_questions(1))
        old.created_at = datetime.now(UTC) - timedelta(hours=4)
        db.session.commit()
        old_id, fresh_id = old.id, fresh.id
    result = runner.invoke(args=["close-idle"])
    assert result.exit_code == 0, result.output
    assert "Closed 1 idle session." in result.output
    with app.app_context():
        assert db.session.get(ClassSession, old_id).status == "closed"
        assert db.session.get(ClassSession, fresh_id).status == "open"
        assert close_idle_sessions(datetime.now(UTC), LIMITS) == []


def test_joining_an_idle_game_finds_it_closed(app, client, teacher_id) -> None:
    with app.app_context():
        old = make_session(teacher_id, mode="live", questions=choice_questions(1))
        old.created_at = datetime.now(UTC) - timedelta(hours=4)
        db.session.commit()
        code, old_id = old.join_code, old.id
    response = client.post(f"/join/{code}", data={"nickname": "Ana"})
    assert response.status_code == 410
    with app.app_context():
        assert db.session.get(ClassSession, old_id).status == "closed"
        assert (
            db.session.scalar(select(Participant).where(Participant.session_id == old_id)) is None
        )
