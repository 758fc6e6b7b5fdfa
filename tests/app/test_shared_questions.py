"""A shared article's questions are read-only: a teacher's change goes to their own copy.

The built-in article (and any article loaded from the command line) belongs to nobody: every
teacher builds quizzes from it and anyone may practise on it. One teacher once edited a built-in
question (a stem with an outside link), approved it and bulk-rejected the rest; the public
practice and other teachers' next sessions then showed the edit.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Question, Quiz, QuizItem
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.practice import candidates_of
from quizapp.operations.quizzes import QuizError, add_questions
from quizapp.operations.sessions import open_session
from tests.conftest import login
from tests.factories import make_quiz

EVIL = "Which agency leads it? Read https://evil.example first"


@pytest.fixture
def two_teachers(app: Flask, make_teacher) -> tuple[FlaskClient, FlaskClient, int, int]:
    """Mallory and Nadia, signed in on their own clients; returns (mallory, nadia, ids)."""
    clients = []
    ids = []
    for name in ("Mallory", "Nadia"):
        teacher_id, email = make_teacher(name=name)
        client = app.test_client()
        assert login(client, email).status_code == 302
        clients.append(client)
        ids.append(teacher_id)
    return clients[0], clients[1], ids[0], ids[1]


def shared_snapshot(app: Flask) -> list[tuple]:
    """Every shared built-in question as everyone else sees it."""
    with app.app_context():
        return [
            (q.id, q.stem, q.answer, q.status, q.option_texts)
            for q in find_builtin_article().questions
        ]


def first_multiple_choice(app: Flask) -> tuple[int, str, list[str]]:
    with app.app_context():
        question = next(q for q in find_builtin_article().questions if q.kind == "multiple_choice")
        question.status = "approved"  # approved before: in other teachers' quizzes
        db.session.commit()
        return question.id, question.answer, question.option_texts


def test_editing_a_shared_question_makes_the_teachers_own_copy(app: Flask, two_teachers) -> None:
    mallory, nadia, mallory_id, nadia_id = two_teachers
    question_id, key, options = first_multiple_choice(app)
    with app.app_context():
        original = db.session.get(Question, question_id)
        mallorys_quiz = make_quiz(mallory_id, [original]).id
        nadias_quiz = make_quiz(nadia_id, [original]).id
        db.session.commit()
    before = shared_snapshot(app)
    wrong = [o for o in options if o != key]
    edited = mallory.post(
        f"/teacher/questions/{question_id}/edit",
        data={"stem": EVIL, "key": key, "wrong": "\n".join(wrong), "approve": "y"},
    )
    assert edited.status_code == 302
    copy_id = int(edited.headers["Location"].rsplit("#q-", 1)[1])
    assert copy_id != question_id
    assert shared_snapshot(app) == before  # the shared bank, public practice's too, is unchanged
    with app.app_context():
        copy = db.session.get(Question, copy_id)
        assert (copy.owner_id, copy.copied_from_id, copy.stem) == (mallory_id, question_id, EVIL)
        article = find_builtin_article()
        assert copy_id not in {c.id for c in candidates_of(article)}  # not in public practice
        assert db.session.get(Quiz, mallorys_quiz).items[0].question_id == copy_id
        assert db.session.get(Quiz, nadias_quiz).items[0].question_id == question_id
        # Nadia's next session of her quiz asks the question as it was.
        session = open_session(db.session.get(Quiz, nadias_quiz), "self_paced")
        assert session.questions[0].stem != EVIL
        db.session.commit()
    bank = f"/teacher/articles/{app_article_id(app)}/questions"
    assert EVIL not in nadia.get(bank).text
    mine = mallory.get(bank).text
    assert EVIL in mine and "Your copy" in mine
    assert f'id="q-{question_id}"' not in mine  # the copy stands in for the original
    # Nadia cannot open, change, or use Mallory's copy.
    assert nadia.get(f"/teacher/questions/{copy_id}/edit").status_code == 404
    status = nadia.post(f"/teacher/questions/{copy_id}/status", data={"status": "rejected"})
    assert status.status_code == 404
    with app.app_context(), pytest.raises(QuizError):
        add_questions(db.session.get(Quiz, nadias_quiz), [copy_id])


def test_bulk_and_per_kind_approval_and_rejection_leave_shared_questions_alone(
    app: Flask, two_teachers
) -> None:
    mallory, nadia, mallory_id, _ = two_teachers
    before = shared_snapshot(app)
    article_id = app_article_id(app)
    bank = f"/teacher/articles/{article_id}/questions"
    ids = [int(found) for found in re.findall(r'id="q-(\d+)"', mallory.get(bank).text)]
    assert sorted(ids) == sorted(row[0] for row in before)
    rejected = mallory.post(f"{bank}/bulk", data={"action": "rejected", "question": ids})
    assert rejected.status_code == 302
    approved = mallory.post(f"{bank}/approve-pending", data={"kind": "true_false"})
    assert approved.status_code == 302
    assert shared_snapshot(app) == before
    assert "No rejected questions" in nadia.get(f"{bank}?status=rejected").text
    mine = mallory.get(f"{bank}?status=rejected").text
    assert mine.count('class="question-card review-card') == len(ids)
    with app.app_context():
        copies = db.session.scalar(
            select(func.count(Question.id)).where(Question.owner_id == mallory_id)
        )
        assert copies == len(ids)


def test_approving_a_shared_question_puts_the_teachers_copy_in_their_quizzes(
    app: Flask, two_teachers
) -> None:
    mallory, nadia, mallory_id, nadia_id = two_teachers
    with app.app_context():
        question_id = next(q.id for q in find_builtin_article().questions if q.status == "pending")
    assert (
        mallory.post(
            f"/teacher/questions/{question_id}/status", data={"status": "approved"}
        ).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(Question, question_id).status == "pending"
        copy_id = db.session.scalar(
            select(Question.id).where(Question.copied_from_id == question_id)
        )
    # Mallory's quiz form offers her copy; Nadia's offers neither (the original is not approved).
    assert f'name="question_ids" value="{copy_id}"' in mallory.get("/teacher/quizzes/new").text
    nadias_form = nadia.get("/teacher/quizzes/new").text
    assert f'name="question_ids" value="{copy_id}"' not in nadias_form
    assert f'name="question_ids" value="{question_id}"' not in nadias_form
    with app.app_context():
        quiz = make_quiz(mallory_id, [])
        assert add_questions(quiz, [copy_id]) == 1
        assert db.session.scalar(select(QuizItem.question_id).where(QuizItem.quiz_id == quiz.id))
        nadias = make_quiz(nadia_id, [])
        with pytest.raises(QuizError):
            add_questions(nadias, [copy_id])


def test_a_question_written_in_a_shared_article_is_the_teachers_own(
    app: Flask, two_teachers
) -> None:
    mallory, nadia, mallory_id, _ = two_teachers
    before = shared_snapshot(app)
    article_id = app_article_id(app)
    written = mallory.post(
        f"/teacher/articles/{article_id}/questions/new?kind=multiple_choice",
        data={"source": "5", "stem": EVIL, "key": "NASA", "wrong": "Boeing\nSpaceX"},
    )
    assert written.status_code == 302, written.text
    assert shared_snapshot(app) == before
    bank = f"/teacher/articles/{article_id}/questions"
    assert EVIL in mallory.get(bank).text
    assert EVIL not in nadia.get(bank).text
    with app.app_context():
        question_id = int(written.headers["Location"].rsplit("#q-", 1)[1])
        assert db.session.get(Question, question_id).owner_id == mallory_id


def app_article_id(app: Flask) -> int:
    with app.app_context():
        return find_builtin_article().id
