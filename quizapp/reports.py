"""Results of a session: the leaderboard, each question's numbers, each student's answers, CSV.

Read-only queries and formatting; no Flask. Removed students (``Participant.removed``) are left
out of every figure and of the CSV, as they are out of the game.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, func, select

from .extensions import db
from .kinds import get_kind
from .models import ClassSession, Participant, Response, SessionQuestion
from .scoring import rank

CSV_HEADER = (
    "student",
    "question_number",
    "question",
    "kind",
    "answer",
    "correct_answer",
    "correct",
    "credit",
    "points",
    "seconds_taken",
    "answered_at",
)
#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class LeaderboardRow:
    participant_id: int
    nickname: str
    rank: int
    score: int
    correct: int
    answered: int
    seconds: float
    joined_at: datetime
    finished_at: datetime | None


def leaderboard(session: ClassSession) -> list[LeaderboardRow]:
    """Every (not removed) student with their totals, best first, in one aggregate query.

    Order: score (high first), then right answers (more first), then total time answering (less
    first), then who joined first. Ranks follow the score alone, so equal scores share a rank
    ("1224", ``quizapp.scoring.rank``); the tie-break only orders the rows within a rank.
    """
    correct = func.coalesce(func.sum(case((Response.correct, 1), else_=0)), 0)
    answered = func.count(Response.id)
    seconds = func.coalesce(func.sum(Response.seconds_taken), 0.0)
    rows = db.session.execute(
        select(Participant, correct, answered, seconds)
        .outerjoin(Response, Response.participant_id == Participant.id)
        .where(Participant.session_id == session.id, Participant.removed.is_(False))
        .group_by(Participant.id)
        .order_by(
            Participant.score.desc(),
            correct.desc(),
            seconds.asc(),
            Participant.joined_at.asc(),
            Participant.id.asc(),
        )
    ).all()
    ranks = rank({participant.id: participant.score for participant, *_ in rows})
    return [
        LeaderboardRow(
            participant_id=participant.id,
            nickname=participant.nickname,
            rank=ranks[participant.id],
            score=participant.score,
            correct=int(n_correct),
            answered=int(n_answered),
            seconds=float(n_seconds),
            joined_at=participant.joined_at,
            finished_at=participant.finished_at,
        )
        for participant, n_correct, n_answered, n_seconds in rows
    ]


@dataclass(frozen=True)
class QuestionStats:
    question: SessionQuestion
    answered: int
    correct: int
    average_points: float | None

    @property
    def number(self) -> int:
        return self.question.position + 1

    @property
    def percent_correct(self) -> float | None:
        return None if not self.answered else 100.0 * self.correct / self.answered


def question_stats(session: ClassSession) -> list[QuestionStats]:
    """Each question of the session, in order, with how many answered, were right, and points."""
    counted = and_(
        Response.session_question_id == SessionQuestion.id,
        Response.participant_id.in_(active_participant_ids(session)),
    )
    rows = db.session.execute(
        select(
            SessionQuestion,
            func.count(Response.id),
            func.coalesce(func.sum(case((Response.correct, 1), else_=0)), 0),
            func.avg(Response.points),
        )
        .outerjoin(Response, counted)
        .where(SessionQuestion.session_id == session.id)
        .group_by(SessionQuestion.id)
        .order_by(SessionQuestion.position)
    ).all()
    return [
        QuestionStats(question, int(n), int(right), None if avg is None else float(avg))
        for question, n, right, avg in rows
    ]


def active_participant_ids(session: ClassSession):
    return select(Participant.id).where(
        Participant.session_id == session.id, Participant.removed.is_(False)
    )


@dataclass(frozen=True)
class AnswerRow:
    """One question of the session with one student's response to it (None: not answered)."""

    question: SessionQuestion
    response: Response | None
    participant: Participant | None = None

    @property
    def number(self) -> int:
        return self.question.position + 1

    @property
    def answer_text(self) -> str:
        return describe_response(self.question, self.response)

    @property
    def key_text(self) -> str:
        return get_kind(self.question.kind).describe_answer(self.question.answer)

    @property
    def outcome(self) -> str:
        """ "correct", "partial", "wrong", "no_answer" (timed out) or "unanswered"."""
        if self.response is None:
            return "unanswered"
        if self.response.correct:
            return "correct"
        if self.response.answer is None:
            return "no_answer"
        return "partial" if self.response.credit > 0 else "wrong"


def describe_response(question: SessionQuestion, response: Response | None) -> str:
    if response is None:
        return ""
    if response.answer is None:
        return "(no answer: time ran out)"
    return get_kind(question.kind).describe_answer(response.answer)


def participant_answers(session: ClassSession, participant: Participant) -> list[AnswerRow]:
    """Every question of the session, in order, with this student's response if they gave one."""
    responses = {
        response.session_question_id: response
        for response in db.session.scalars(
            select(Response).where(Response.participant_id == participant.id)
        )
    }
    return [AnswerRow(question, responses.get(question.id)) for question in session.questions]


def question_answers(question: SessionQuestion) -> list[AnswerRow]:
    """Every (not removed) student's response to one question, best first, then by nickname."""
    rows = db.session.execute(
        select(Participant, Response)
        .outerjoin(
            Response,
            and_(
                Response.participant_id == Participant.id,
                Response.session_question_id == question.id,
            ),
        )
        .where(Participant.session_id == question.session_id, Participant.removed.is_(False))
        .order_by(Response.points.desc().nulls_last(), Participant.nickname_key)
    ).all()
    return [AnswerRow(question, response, participant) for participant, response in rows]


def response_rows(session: ClassSession) -> Iterator[tuple[Any, ...]]:
    """Every response of the session as CSV values, student by student, question by question."""
    result = db.session.execute(
        select(Participant.nickname, SessionQuestion, Response)
        .join(Response, Response.participant_id == Participant.id)
        .join(SessionQuestion, SessionQuestion.id == Response.session_question_id)
        .where(Response.session_id == session.id, Participant.removed.is_(False))
        .order_by(Participant.joined_at, Participant.id, SessionQuestion.position)
    )
    for nickname, question, response in result:
        yield (
            nickname,
            question.position + 1,
            question.stem,
            question.kind,
            describe_response(question, response),
            get_kind(question.kind).describe_answer(question.answer),
            "yes" if response.correct else "no",
            f"{response.credit:.3g}",
            response.points,
            f"{response.seconds_taken:.3f}",
            iso_utc(response.answered_at),
        )


def csv_lines(session: ClassSession) -> Iterator[str]:
    """The CSV export, a line at a time: a byte-order mark (for Excel), the header, the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: tuple[Any, ...]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([guard_cell(value) for value in values])
        return buffer.getvalue()

    yield "\ufeff" + line(CSV_HEADER)
    for row in response_rows(session):
        yield line(row)


def guard_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def slugify(text: str, fallback: str = "session") -> str:
    """ASCII, lower case, words joined by hyphens: safe in a file name and a header."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def csv_filename(session: ClassSession) -> str:
    return f"{slugify(session.title)}-{session.join_code.lower()}-responses.csv"


def format_seconds(seconds: float | None) -> str:
    """1.5 → "1.5 s", 83 → "1 min 23 s"."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def session_counts(session: ClassSession) -> dict[str, int]:
    """Students in the session (not removed) and how many of them have finished."""
    joined, finished = db.session.execute(
        select(func.count(Participant.id), func.count(Participant.finished_at)).where(
            Participant.session_id == session.id, Participant.removed.is_(False)
        )
    ).one()
    return {"joined": int(joined), "finished": int(finished)}
