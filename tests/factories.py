"""Building blocks for tests: a quiz of approved built-in questions and a session of it."""

from __future__ import annotations

from typing import Any

from quizapp.extensions import db
from quizapp.models import ClassSession, Question, Quiz, QuizItem
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.sessions import open_session


def one_question_per_kind() -> list[Question]:
    """The first built-in question of each kind, approved."""
    picked: dict[str, Question] = {}
    for question in find_builtin_article().questions:
        picked.setdefault(question.kind, question)
    for question in picked.values():
        question.status = "approved"
    return list(picked.values())


def make_quiz(owner_id: int, questions: list[Question], **settings: Any) -> Quiz:
    """A quiz of these questions in this order; settings override the model's defaults."""
    quiz = Quiz(owner_id=owner_id, title=settings.pop("title", "Space agencies"), **settings)
    quiz.items = [
        QuizItem(question=question, position=index) for index, question in enumerate(questions)
    ]
    db.session.add(quiz)
    db.session.flush()
    return quiz


def make_session(owner_id: int, mode: str = "self_paced", **settings: Any) -> ClassSession:
    """An open session of a quiz with one question of every kind."""
    questions = settings.pop("questions", None) or one_question_per_kind()
    session = open_session(make_quiz(owner_id, questions, **settings), mode)
    db.session.commit()
    return session
