"""Teachers: accounts, articles and question review, quizzes, sessions and results."""

from __future__ import annotations

from . import auth, dashboard
from .blueprint import bp

__all__ = ["auth", "bp", "dashboard"]
