"""The rules of play, straight through the operations: joining, timing, answering once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.kinds import InvalidResponse
from quizapp.models import Participant, Response
from quizapp.operations.play import (
    AlreadyAnswered,
    NicknameTaken,
    NotShown,
    NotYourQuestion,
    PlayError,
    SessionClosed,
    answer_current_question,
    clean_nickname,
    current_question,
    join_session,
    question_order,
    shown_to,
)
from quizapp.operations.sessions import (
    JOIN_CODE_ALPHABET,
    close_session,
    find_open_session,
    open_session,
)
from tests.factories import make_quiz, make_session, one_question_per_kind

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def right_answer(question):
    """What a student who knows the answer submits for each kind."""
    if question.kind == "matching":
        return [list(pair) for pair in question.answer]
    return question.answer


@pytest.fixture
def session(app, make_teacher):
    teacher_id, _ = make_teacher()
    with app.app_context():
        yield make_session(teacher_id, time_limit=30, scoring_mode="speed")


def test_join_codes_are_short_and_unambiguous(session) -> None:
    assert len(session.join_code) == 6
    assert set(session.join_code) <= set(JOIN_CODE_ALPHABET)
    assert not set("0O1IL5S") & set(JOIN_CODE_ALPHABET)
    spaced = " " + session.join_code[:3].lower() + "-" + session.join_code[3:] + " "
    assert find_open_session(spaced) == session


def test_sessions_copy_the_quiz_questions(session) -> None:
    first = session.questions[0]
    original = db.session.get(type(first.session.quiz.items[0].question), first.question_id)
    original.stem = "Changed after the session opened?"
    db.session.flush()
    assert first.stem != original.stem


def test_empty_quiz_cannot_open(app, make_teacher) -> None:
    teacher_id, _ = make_teacher()
    with app.app_context(), pytest.raises(ValueError, match="no questions"):
        open_session(make_quiz(teacher_id, []), "self_paced")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Ana   María ", "Ana María"),
        ("Zoë\u200b", "Zoë"),
        ("\u202eevil", "evil"),
        ("🚀 Rocket", "🚀 Rocket"),
        ("<script>x</script>", "<script>x</script>"),
    ],
)
def test_nicknames_are_cleaned(raw, clean) -> None:
    assert clean_nickname(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\u200b\u200b", "x" * 25])
def test_bad_nicknames_are_refused(raw) -> None:
    with pytest.raises(PlayError):
        clean_nickname(raw)


def test_nicknames_are_unique_within_a_session(session) -> None:
    join_session(session, "Ana", NOW)
    with pytest.raises(NicknameTaken):
        join_session(session, " ANA ", NOW)
    assert join_session(session, "Ben", NOW).nickname == "Ben"


def test_closed_or_expired_sessions_take_nobody(session) -> None:
    session.deadline = NOW
    with pytest.raises(SessionClosed):
        join_session(session, "Late", NOW + timedelta(seconds=1))
    session.deadline = None
    close_session(session)
    with pytest.raises(SessionClosed):
        join_session(session, "Ana", NOW)
    assert find_open_session(session.join_code) is None


def play_all(participant, answer_for, start=NOW, seconds_each=0.0):
    results, moment = [], start
    while (question := current_question(participant, moment)) is not None:
        moment += timedelta(seconds=seconds_each)
        results.append(
            answer_current_question(participant, question.id, answer_for(question), moment)
        )
    return results


def test_right_answers_score_full_marks_in_every_kind(session) -> None:
    participant = join_session(session, "Ana", NOW)
    results = play_all(participant, right_answer)
    assert {r.question.kind for r in results} == {q.kind for q in session.questions}
    assert len({r.question.kind for r in results}) >= 5
    assert all(r.grade.correct for r in results)
    assert all(r.response.points == 1000 for r in results)  # instant answers, speed mode
    assert participant.score == 1000 * len(results)
    assert participant.finished_at is not None


def test_score_is_the_sum_of_the_responses(session) -> None:
    participant = join_session(session, "Ana", NOW)
    play_all(participant, right_answer, seconds_each=12)
    total = db.session.scalar(
        select(func.sum(Response.points)).where(Response.participant_id == participant.id)
    )
    assert participant.score == total
    assert 500 < total / len(session.questions) < 1000  # slower answers earn less


def test_speed_only_matters_in_speed_mode(app, make_teacher) -> None:
    teacher_id, _ = make_teacher()
    with app.app_context():
        session = make_session(teacher_id, time_limit=30, scoring_mode="accuracy")
        participant = join_session(session, "Ana", NOW)
        results = play_all(participant, right_answer, seconds_each=29)
        assert all(r.response.points == 1000 for r in results)


def test_a_question_cannot_be_answered_twice_or_out_of_turn(session) -> None:
    participant = join_session(session, "Ana", NOW)
    first, second = (session.questions[p] for p in question_order(participant)[:2])
    current_question(participant, NOW)
    with pytest.raises(NotYourQuestion):
        answer_current_question(participant, second.id, right_answer(second), NOW)
    answer_current_question(participant, first.id, right_answer(first), NOW)
    score = participant.score
    with pytest.raises(AlreadyAnswered):
        answer_current_question(participant, first.id, right_answer(first), NOW)
    assert participant.score == score
    assert (
        db.session.scalar(select(func.count(Response.id)).where(Response.session_id == session.id))
        == 1
    )


def test_the_clock_starts_when_the_question_is_shown_not_at_the_answer(session) -> None:
    participant = join_session(session, "Blind", NOW)
    first = session.questions[question_order(participant)[0]]
    with pytest.raises(NotShown):
        answer_current_question(participant, first.id, right_answer(first), NOW)
    assert participant.shown_at is None and participant.score == 0
    shown = current_question(participant, NOW)
    assert shown.id == first.id and participant.shown_at == NOW
    result = answer_current_question(
        participant, first.id, right_answer(first), NOW + timedelta(seconds=12)
    )
    assert result.response.seconds_taken == 12.0
    assert result.response.points == 800  # 1000 x (1 - 0.5 x 12 / 30)
    # The next question's clock has not started: answering it blind is refused too.
    second = session.questions[question_order(participant)[1]]
    assert participant.shown_at is None
    with pytest.raises(NotShown):
        answer_current_question(participant, second.id, right_answer(second), NOW)


def test_the_server_clock_decides_time_outs(session) -> None:
    participant = join_session(session, "Ana", NOW)
    question = current_question(participant, NOW)
    late = NOW + timedelta(seconds=45)
    result = answer_current_question(participant, question.id, right_answer(question), late)
    assert result.timed_out
    assert result.response.points == 0
    assert not result.response.correct


def test_extra_time_is_an_accommodation(session) -> None:
    participant = join_session(session, "Ana", NOW)
    participant.time_factor = 2.0
    question = current_question(participant, NOW)
    later = NOW + timedelta(seconds=45)
    result = answer_current_question(participant, question.id, right_answer(question), later)
    assert not result.timed_out and result.grade.correct
    assert result.response.points == round(1000 * (1 - 0.5 * 22.5 / 30))


def test_malformed_answers_are_refused_not_graded(session) -> None:
    participant = join_session(session, "Ana", NOW)
    question = current_question(participant, NOW)
    with pytest.raises(InvalidResponse):
        answer_current_question(participant, question.id, {"not": "an answer"}, NOW)
    assert participant.position == 0


def test_each_student_keeps_one_option_order(session) -> None:
    session.shuffle_options = True
    ana = join_session(session, "Ana", NOW)
    question = next(q for q in session.questions if q.kind == "multiple_choice")
    assert shown_to(ana, question) == shown_to(ana, question)
    assert sorted(shown_to(ana, question).choices) == sorted(question.options)


def test_closing_stops_answers(session) -> None:
    participant = join_session(session, "Ana", NOW)
    question = current_question(participant, NOW)
    close_session(session)
    with pytest.raises(SessionClosed):
        answer_current_question(participant, question.id, right_answer(question), NOW)


def test_one_question_per_kind_is_what_the_factory_gives(app) -> None:
    with app.app_context():
        kinds = [q.kind for q in one_question_per_kind()]
        assert len(kinds) == len(set(kinds)) >= 5
        assert db.session.scalar(select(func.count(Participant.id))) == 0
