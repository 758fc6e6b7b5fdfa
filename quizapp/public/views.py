"""Public pages: the shelf of articles, and an article with its questions."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..kinds import KIND_LABELS
from ..models import Article, Question
from ..reading import reading_sections

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> str:
    """The public shelf: the built-in article first, then articles teachers published."""
    question_count = (
        select(func.count(Question.id))
        .where(Question.article_id == Article.id, Question.status != "rejected")
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Article, question_count)
        .where(Article.is_public)
        .order_by(Article.is_builtin.desc(), Article.created_at.desc())
    ).all()
    return render_template("public/home.html", shelf=rows)


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> str:
    """An article to read, followed by the questions generated from it, grouped by kind."""
    found = db.session.scalar(
        select(Article)
        .where(Article.id == article_id, Article.is_public)
        .options(selectinload(Article.questions).selectinload(Question.options))
    )
    if found is None:
        abort(404)
    questions = [q for q in found.questions if q.status != "rejected"]
    by_kind: dict[str, list[Question]] = {}
    for question in questions:
        by_kind.setdefault(question.kind, []).append(question)
    return render_template(
        "public/article.html",
        article=found,
        sections=reading_sections(found),
        questions_by_kind=by_kind,
        kind_counts=Counter(q.kind for q in questions),
        kind_labels=KIND_LABELS,
    )
