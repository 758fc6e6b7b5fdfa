"""Live games through the operations: phases, the server's clock, changed answers, late joiners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Response
from quizapp.operations.live import (
    LiveError,
    TooLate,
    advance,
    answer_live,
    close_if_due,
    join_live,
    pause,
    remove_player,
    resume,
)
from quizapp.operations.play import NotYourQuestion, SessionClosed
from tests.factories import make_session, one_question_per_kind

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def choice_questions():
    return [q for q in one_question_per_kind() if q.kind == "multiple_choice"] * 1 + [
        q for q in one_question_per_kind() if q.kind == "true_false"
    ]


@pytest.fixture
def game(app, make_teacher):
    teacher_id, _ = make_teacher()
    with app.app_context():
        questions = choice_questions()
        yield make_session(
            teacher_id, mode="live", time_limit=20, scoring_mode="speed", questions=questions
        )


def wrong_option(question):
    return next(option for option in question.options if option != question.answer)


def current(game):
    return game.questions[game.current_index]


def test_a_game_runs_lobby_to_podium(game) -> None:
    ana = join_live(game, "Ana", at(0))
    assert game.phase == "lobby"
    version = game.version
    advance(game, at(1))
    assert (game.phase, game.current_index) == ("question", 0)
    assert game.version > version
    assert game.question_deadline == at(21)
    answer_live(ana, current(game).id, current(game).answer, at(6))
    assert game.phase == "reveal"  # everyone answered
    advance(game, at(7))
    assert game.phase == "leaderboard"
    advance(game, at(8))
    assert (game.phase, game.current_index) == ("question", 1)
    advance(game, at(9))  # the host closes it early
    assert game.phase == "reveal"
    advance(game, at(10))
    advance(game, at(11))
    assert game.phase == "podium" and game.status == "closed"
    with pytest.raises(LiveError):
        advance(game, at(12))


def test_scores_settle_when_the_question_closes(game) -> None:
    ana, ben = join_live(game, "Ana", at(0)), join_live(game, "Ben", at(0))
    advance(game, at(0))
    question = current(game)
    answer_live(ana, question.id, question.answer, at(5))
    assert ana.score == 0  # not before the question closes
    answer_live(ben, question.id, wrong_option(question), at(10))
    db.session.refresh(ana)
    db.session.refresh(ben)
    assert game.phase == "reveal"
    assert ana.score == round(1000 * (1 - 0.5 * 5 / 20))
    assert ben.score == 0
    assert (ana.streak, ben.streak) == (1, 0)


def test_changing_an_answer_keeps_the_last_one_and_its_time(game) -> None:
    ana = join_live(game, "Ana", at(0))
    join_live(game, "Ben", at(0))
    advance(game, at(0))
    question = current(game)
    first = answer_live(ana, question.id, wrong_option(question), at(2))
    second = answer_live(ana, question.id, question.answer, at(8))
    assert not first.changed and second.changed
    rows = db.session.scalars(select(Response).where(Response.participant_id == ana.id)).all()
    assert len(rows) == 1
    assert rows[0].correct and rows[0].seconds_taken == 8 and rows[0].changes == 1


def test_answers_after_the_deadline_are_refused(game) -> None:
    ana = join_live(game, "Ana", at(0))
    join_live(game, "Ben", at(0))
    advance(game, at(0))
    question = current(game)
    answer_live(ana, question.id, question.answer, at(21.5))  # within the network grace
    with pytest.raises(TooLate):
        answer_live(ana, question.id, question.answer, at(23))
    assert not close_if_due(game, at(21))
    assert close_if_due(game, at(23))
    assert game.phase == "reveal"
    with pytest.raises(TooLate):
        answer_live(ana, question.id, question.answer, at(23))


def test_extra_time_is_per_student(game) -> None:
    ana, ben = join_live(game, "Ana", at(0)), join_live(game, "Ben", at(0))
    ben.time_factor = 1.5
    advance(game, at(0))
    question = current(game)
    assert game.question_deadline == at(30)
    with pytest.raises(TooLate):
        answer_live(ana, question.id, question.answer, at(25))
    result = answer_live(ben, question.id, question.answer, at(25))
    assert result.points == round(1000 * (1 - 0.5 * (25 / 1.5) / 20))


def test_a_late_joiner_plays_from_the_next_question(game) -> None:
    join_live(game, "Ana", at(0))
    advance(game, at(0))
    late = join_live(game, "Late", at(3))
    question = current(game)
    with pytest.raises(LiveError, match="next one"):
        answer_live(late, question.id, question.answer, at(4))
    advance(game, at(5))
    advance(game, at(6))
    advance(game, at(7))
    answer_live(late, current(game).id, current(game).answer, at(8))


def test_pause_stops_the_clock(game) -> None:
    ana = join_live(game, "Ana", at(0))
    join_live(game, "Ben", at(0))
    advance(game, at(0))
    pause(game, at(5))
    question = current(game)
    with pytest.raises(LiveError, match="paused"):
        answer_live(ana, question.id, question.answer, at(6))
    assert not close_if_due(game, at(100))
    resume(game, at(100))
    assert game.question_deadline == at(115)
    answer_live(ana, question.id, question.answer, at(110))


def test_removed_players_do_not_hold_the_question_open(game) -> None:
    ana, ben = join_live(game, "Ana", at(0)), join_live(game, "Ben", at(0))
    advance(game, at(0))
    remove_player(game, ben)
    question = current(game)
    answer_live(ana, question.id, question.answer, at(3))
    assert game.phase == "reveal"


def test_a_removed_players_answer_does_not_count_towards_everyone(game) -> None:
    """Answers are counted cheaply with removed players' answers in; when that count reaches
    the players, it is checked without them, so the question does not close one answer early."""
    ana, ben, cy = (join_live(game, name, at(0)) for name in ("Ana", "Ben", "Cy"))
    advance(game, at(0))
    question = current(game)
    answer_live(ben, question.id, question.answer, at(1))
    remove_player(game, ben)
    answer_live(ana, question.id, question.answer, at(2))  # two answers, two players, one gone
    assert game.phase == "question"
    answer_live(cy, question.id, question.answer, at(3))
    assert game.phase == "reveal"


def test_only_the_open_question_takes_answers(game) -> None:
    ana = join_live(game, "Ana", at(0))
    with pytest.raises(TooLate):
        answer_live(ana, game.questions[0].id, game.questions[0].answer, at(0))
    advance(game, at(0))
    with pytest.raises(NotYourQuestion):
        answer_live(ana, game.questions[1].id, game.questions[1].answer, at(1))


def test_the_game_over_takes_nobody(game) -> None:
    join_live(game, "Ana", at(0))
    for step in range(8):
        if game.phase == "podium":
            break
        advance(game, at(step))
    with pytest.raises(SessionClosed):
        join_live(game, "Too late", at(20))
    assert db.session.scalar(select(func.count(Response.id))) == 0
