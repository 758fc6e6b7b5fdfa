"""Teachers: accounts, articles and question review, quizzes, sessions and results."""

from __future__ import annotations

from . import (
    articles,
    auth,
    dashboard,
    printing,
    questions,
    quizzes,
    reports,
    results,
    sessions,
    transfer,
)
from .blueprint import bp

__all__ = [
    "articles",
    "auth",
    "bp",
    "dashboard",
    "printing",
    "questions",
    "quizzes",
    "reports",
    "results",
    "sessions",
    "transfer",
]
