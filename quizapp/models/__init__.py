"""The typed SQLAlchemy models; importing this package registers every table."""

from __future__ import annotations

from .article import Article
from .practice import PracticeAnswer, PracticeAttempt
from .question import QUESTION_STATUSES, Question, QuestionOption
from .quiz import FEEDBACK_MODES, SCORING_MODES, Quiz, QuizItem
from .session import (
    LIVE_PHASES,
    SESSION_MODES,
    SESSION_STATUSES,
    ClassSession,
    Participant,
    Response,
    SessionQuestion,
)
from .teacher import Teacher, TeacherLogin

__all__ = [
    "FEEDBACK_MODES",
    "LIVE_PHASES",
    "QUESTION_STATUSES",
    "SCORING_MODES",
    "SESSION_MODES",
    "SESSION_STATUSES",
    "Article",
    "ClassSession",
    "Participant",
    "PracticeAnswer",
    "PracticeAttempt",
    "Question",
    "QuestionOption",
    "Quiz",
    "QuizItem",
    "Response",
    "SessionQuestion",
    "Teacher",
    "TeacherLogin",
]
