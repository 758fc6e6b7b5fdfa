"""What a teacher may open: their own things, and the built-in or shared articles to read."""

from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, or_, select

from ..extensions import db
from ..models import Article

Owned = TypeVar("Owned")


def owned_or_404(model: type[Owned], object_id: int) -> Owned:
    """The teacher's own object; anything else is a 404, so nobody learns what others have."""
    found = db.session.get(model, object_id)
    if found is None or found.owner_id != current_user.id:
        abort(404)
    return found


def readable_articles_query() -> Select[tuple[Article]]:
    """Articles a teacher may use: their own and those that belong to nobody (built-in, CLI)."""
    mine_or_shared = or_(Article.owner_id == current_user.id, Article.owner_id.is_(None))
    return select(Article).where(mine_or_shared)


def readable_article_or_404(article_id: int) -> Article:
    """An article the teacher may read and build quizzes from."""
    article = db.session.get(Article, article_id)
    if article is None or article.owner_id not in (None, current_user.id):
        abort(404)
    return article


def editable_article_or_404(article_id: int) -> Article:
    """An article whose bank the teacher may review: their own, or a shared one.

    The built-in and CLI-loaded articles belong to nobody and their own questions are read-only:
    every teacher's quizzes and the public practice use them. A teacher's approval, rejection,
    edit or new question there goes to a question of their own (``operations.questions``:
    ``own_question``, ``add_question``), which nobody else sees.
    """
    return readable_article_or_404(article_id)
