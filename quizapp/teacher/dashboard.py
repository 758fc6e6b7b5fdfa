"""The teacher's home: their articles, quizzes and sessions at a glance."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..extensions import db
from ..models import Article, ClassSession, Participant, Question, Quiz
from ..operations.questions import visible_to
from .access import readable_articles_query
from .blueprint import bp


@bp.get("/")
@login_required
def dashboard() -> str:
    question_counts = (
        select(func.count(Question.id))
        .where(
            Question.article_id == Article.id,
            Question.status != "rejected",
            visible_to(current_user.id),
        )
        .scalar_subquery()
    )
    articles = db.session.execute(
        readable_articles_query()
        .add_columns(question_counts)
        .order_by(Article.is_builtin.desc(), Article.created_at.desc())
    ).all()
    quizzes = db.session.scalars(
        select(Quiz).where(Quiz.owner_id == current_user.id).order_by(Quiz.created_at.desc())
    ).all()
    player_counts = (
        select(func.count(Participant.id))
        .where(Participant.session_id == ClassSession.id, Participant.removed.is_(False))
        .scalar_subquery()
    )
    sessions = db.session.execute(
        select(ClassSession, player_counts)
        .where(ClassSession.owner_id == current_user.id)
        .order_by(ClassSession.created_at.desc())
    ).all()
    return render_template(
        "teacher/dashboard.html", articles=articles, quizzes=quizzes, sessions=sessions
    )
