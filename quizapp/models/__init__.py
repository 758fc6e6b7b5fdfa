"""The typed SQLAlchemy models; importing this package registers every table."""

from __future__ import annotations

from .article import Article
from .question import QUESTION_STATUSES, Question, QuestionOption
from .teacher import Teacher

__all__ = ["QUESTION_STATUSES", "Article", "Question", "QuestionOption", "Teacher"]
