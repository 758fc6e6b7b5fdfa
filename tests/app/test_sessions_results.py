"""Sessions from the teacher's side, and the results: leaderboard, questions, students, CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ClassSession, Participant, Question, Quiz
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.play import answer_current_question, current_question, join_session
from quizapp.operations.sessions import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH
from quizapp.reports import CSV_HEADER, leaderboard, question_stats
from tests.app.test_quizzes import approve_builtin, create_quiz_via_form, quiz_id_from
from tests.conftest import login

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def quiz_with(app, client, kinds=("multiple_choice", "true_false"), **settings) -> int:
    """A quiz of the first approved built-in question of each kind, in that order."""
    approve_builtin(app, leave_pending=0)
    with app.app_context():
        questions = find_builtin_article().questions
        ids = [next(q.id for q in questions if q.kind == kind) for kind in kinds]
    return quiz_id_from(create_quiz_via_form(client, ids, **settings))


def open_via_form(client, quiz_id, **data) -> int:
    response = client.post(f"/teacher/quizzes/{quiz_id}/sessions", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/teacher/sessions/(\d+)$", response.headers["Location"]).group(1))


def test_open_session_gives_a_code_and_snapshots(app, teacher_client) -> None:
    quiz_id = quiz_with(app, teacher_client, time_limit="20", scoring_mode="accuracy")
    session_id = open_via_form(teacher_client, quiz_id)
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        assert len(session.join_code) == JOIN_CODE_LENGTH
        assert set(session.join_code) <= set(JOIN_CODE_ALPHABET)
        assert (session.mode, session.status, session.deadline) == ("self_paced", "open", None)
        assert (session.time_limit, session.scoring_mode) == (20, "accuracy")
        quiz = db.session.get(Quiz, quiz_id)
        assert [sq.question_id for sq in session.questions] == [i.question_id for i in quiz.items]
        first = session.questions[0]
        original = (first.stem, first.answer, first.options)
        question = db.session.get(Question, first.question_id)
        question.stem = "Edited afterwards?"
        quiz.time_limit = 90
        db.session.commit()
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        first = session.questions[0]
        assert (first.stem, first.answer, first.options) == original
        assert session.time_limit == 20


def test_session_page_shows_code_url_and_qr(app, teacher_client) -> None:
    session_id = open_via_form(teacher_client, quiz_with(app, teacher_client))
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    html = teacher_client.get(f"/teacher/sessions/{session_id}").get_data(as_text=True)
    assert f"{code[:3]} {code[3:]}" in html
    url = f"http://localhost/join/{code}"
    assert f'href="{url}"' in html
    assert f'role="img" aria-label="QR code for {url}"' in html
    assert '<svg viewBox="' in html and 'class="qr__svg"' in html
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "0 </span>" not in html  # counts are numbers in their own elements
    counts = teacher_client.get(f"/teacher/sessions/{session_id}/counts.json").get_json()
    assert counts == {"joined": 0, "finished": 0, "status": "open"}
    listing = teacher_client.get("/teacher/sessions").get_data(as_text=True)
    assert code in listing


def test_deadline_is_read_in_the_teachers_time_zone(app, teacher_client) -> None:
    quiz_id = quiz_with(app, teacher_client)
    local = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    # A teacher at UTC+2 (JavaScript offset -120) types their local time.
    typed = (local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    session_id = open_via_form(teacher_client, quiz_id, deadline=typed, tz_offset="-120")
    with app.app_context():
        assert db.session.get(ClassSession, session_id).deadline == local
    utc_id = open_via_form(teacher_client, quiz_id, deadline=local.strftime("%Y-%m-%dT%H:%M"))
    with app.app_context():
        assert db.session.get(ClassSession, utc_id).deadline == local


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"deadline": "2001-01-01T10:00"}, "The deadline has to be in the future."),
        ({"deadline": "tomorrow"}, "Not a valid datetime value."),
        ({"tz_offset": "east"}, "The time zone was not understood"),
        ({"mode": "quiz-show"}, "Choose a self-paced session or a live game."),
    ],
)
def test_bad_session_requests_are_refused(app, teacher_client, data, message) -> None:
    quiz_id = quiz_with(app, teacher_client)
    response = teacher_client.post(f"/teacher/quizzes/{quiz_id}/sessions", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ClassSession.id)) is None


def test_an_empty_quiz_cannot_be_opened(app, teacher_client) -> None:
    quiz_id = quiz_with(app, teacher_client, kinds=("true_false",))
    item_id = teacher_client.get(f"/teacher/quizzes/{quiz_id}").get_data(as_text=True)
    item_id = re.search(r'id="item-(\d+)"', item_id).group(1)
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/items/{item_id}/remove")
    response = teacher_client.post(f"/teacher/quizzes/{quiz_id}/sessions")
    assert response.status_code == 400
    assert "This quiz has no questions yet" in response.get_data(as_text=True)


def test_close_session(app, teacher_client) -> None:
    session_id = open_via_form(teacher_client, quiz_with(app, teacher_client))
    response = teacher_client.post(f"/teacher/sessions/{session_id}/close")
    assert response.status_code == 302
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        assert session.status == "closed" and session.closed_at is not None
    html = teacher_client.get(f"/teacher/sessions/{session_id}").get_data(as_text=True)
    assert "This session is closed" in html
    assert "qr__svg" not in html


def wrong_answer(question):
    if question.kind == "true_false":
        return not question.answer
    return next(option for option in question.options if option != question.answer)


def play(session, nickname, answers, joined, seconds=(5.0, 5.0)) -> None:
    """A student joins at ``joined`` and answers in order: True right, False wrong."""
    student = join_session(session, nickname, joined)
    now = joined
    for right, taken in zip(answers, seconds, strict=False):
        question = current_question(student, now)
        raw = question.answer if right else wrong_answer(question)
        now += timedelta(seconds=taken)
        answer_current_question(student, question.id, raw, now)


@pytest.fixture
def played(app, teacher_client):
    """An accuracy-scored session of two questions (multiple choice, then true/false), with:

    Ana: right, right (2000); Ben: right, wrong, quick (1000); =HYPERLINK: right, wrong, slow
    (1000); <i>Dee</i>: joined, answered nothing (0).
    """
    quiz_id = quiz_with(app, teacher_client, time_limit="", scoring_mode="accuracy")
    session_id = open_via_form(teacher_client, quiz_id)
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        play(session, "Ana", [True, True], T0)
        play(session, "Ben", [True, False], T0 + timedelta(seconds=1), seconds=(2.0, 3.0))
        play(session, '=HYPERLINK("x")', [True, False], T0, seconds=(10.0, 10.0))
        play(session, "<i>Dee</i>", [], T0 + timedelta(seconds=2))
        db.session.commit()
    return session_id


def test_leaderboard_and_question_numbers(app, played) -> None:
    with app.app_context():
        session = db.session.get(ClassSession, played)
        rows = leaderboard(session)
        assert [(r.nickname, r.rank, r.score, r.correct, r.answered) for r in rows] == [
            ("Ana", 1, 2000, 2, 2),
            ("Ben", 2, 1000, 1, 2),
            ('=HYPERLINK("x")', 2, 1000, 1, 2),
            ("<i>Dee</i>", 4, 0, 0, 0),
        ]
        assert [r.seconds for r in rows] == [10.0, 5.0, 20.0, 0.0]
        assert [r.finished_at is not None for r in rows] == [True, True, True, False]
        stats = question_stats(session)
        assert [(s.number, s.answered, s.correct) for s in stats] == [(1, 3, 3), (2, 3, 1)]
        assert stats[0].percent_correct == 100.0
        assert stats[1].percent_correct == pytest.approx(100 / 3)
        assert stats[1].average_points == pytest.approx(1000 / 3)


def test_results_page(app, teacher_client, played) -> None:
    response = teacher_client.get(f"/teacher/sessions/{played}/results")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "&lt;i&gt;Dee&lt;/i&gt;" in html and "<i>Dee</i>" not in html
    assert "In progress" in html and "Finished" in html
    assert "33%" in html and "100%" in html
    assert f"/teacher/sessions/{played}/questions/2" in html
    assert f"/teacher/sessions/{played}/responses.csv" in html
    ranks = re.findall(r'<td class="num">(\d)</td>\s*<th scope="row"><a', html)
    assert ranks == ["1", "2", "2", "4"]


def test_participant_and_question_pages(app, teacher_client, played) -> None:
    with app.app_context():
        session = db.session.get(ClassSession, played)
        ben = next(p for p in session.participants if p.nickname == "Ben")
        ben_id = ben.id
        key = "True" if session.questions[1].answer else "False"
    page = teacher_client.get(f"/teacher/sessions/{played}/students/{ben_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "✓</span> Right" in html and "✗</span> Wrong" in html
    assert f"<td>{key}</td>" in html
    assert "1000" in html and "2.0 s" in html and "3.0 s" in html
    question = teacher_client.get(f"/teacher/sessions/{played}/questions/2")
    assert question.status_code == 200
    assert "Not answered" in question.get_data(as_text=True)
    assert teacher_client.get(f"/teacher/sessions/{played}/questions/3").status_code == 404
    assert teacher_client.get(f"/teacher/sessions/{played}/students/999").status_code == 404


def test_participant_of_another_session_is_404(app, teacher_client, played) -> None:
    other = open_via_form(teacher_client, quiz_with(app, teacher_client))
    with app.app_context():
        ana = db.session.scalar(select(Participant.id).where(Participant.nickname == "Ana"))
    assert teacher_client.get(f"/teacher/sessions/{other}/students/{ana}").status_code == 404


def test_results_empty_state(app, teacher_client) -> None:
    session_id = open_via_form(teacher_client, quiz_with(app, teacher_client))
    html = teacher_client.get(f"/teacher/sessions/{session_id}/results").get_data(as_text=True)
    assert "No results yet" in html


def test_csv_export(app, teacher_client, played) -> None:
    response = teacher_client.get(f"/teacher/sessions/{played}/responses.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+-responses\.csv"', disposition)
    assert disposition.startswith('attachment; filename="space-agencies-')
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_HEADER
    body = rows[1:]
    assert len(body) == 6  # every response: three students, two questions each
    by_student = {}
    for row in body:
        by_student.setdefault(row[0], []).append(row)
    assert set(by_student) == {"Ana", "Ben", '\'=HYPERLINK("x")'}
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)
    ben = by_student["Ben"]
    assert [r[1] for r in ben] == ["1", "2"]
    assert [r[6] for r in ben] == ["yes", "no"]
    assert [r[7] for r in ben] == ["1", "0"]
    assert [r[8] for r in ben] == ["1000", "0"]
    assert [r[9] for r in ben] == ["2.000", "3.000"]
    assert ben[0][3] == "multiple_choice" and ben[0][4] == ben[0][5]
    assert ben[1][4] != ben[1][5] and ben[1][5] in {"True", "False"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r[10]) for r in body)


def test_another_teacher_gets_404(app, client, make_teacher, played) -> None:
    client.post("/teacher/logout")
    _, email = make_teacher()
    login(client, email)
    with app.app_context():
        ana = db.session.scalar(select(Participant.id).where(Participant.nickname == "Ana"))
    for path in [
        f"/teacher/sessions/{played}",
        f"/teacher/sessions/{played}/results",
        f"/teacher/sessions/{played}/responses.csv",
        f"/teacher/sessions/{played}/students/{ana}",
        f"/teacher/sessions/{played}/questions/1",
        f"/teacher/sessions/{played}/counts.json",
    ]:
        assert client.get(path).status_code == 404, path
    assert client.post(f"/teacher/sessions/{played}/close").status_code == 404
    with app.app_context():
        assert db.session.get(ClassSession, played).status == "open"
    assert "/teacher/sessions/" not in client.get("/teacher/sessions").get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/teacher/sessions",
        "/teacher/sessions/1",
        "/teacher/sessions/1/results",
        "/teacher/sessions/1/responses.csv",
        "/teacher/sessions/1/students/1",
        "/teacher/sessions/1/questions/1",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/teacher/login" in response.headers["Location"]
