"""Results of a session: the leaderboard, each question's numbers, each student's answers, CSV,
and the item analysis (``session_report``, ``bank_item_stats``) that tells which questions work.

Read-only queries and formatting; no Flask. Removed students (``Participant.removed``) are left
out of every figure and of the CSV, as they are out of the game.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, func, select

from .extensions import db
from .kinds import Bar, QuestionData, QuestionKind, get_kind
from .models import ClassSession, Participant, Question, Response, SessionQuestion
from .scoring import rank
from .stats import (
    FLAG_LABELS,
    Discrimination,
    HistogramBin,
    choice_counts,
    discrimination_27,
    distractor_unchosen,
    facility,
    histogram,
    item_flags,
    weighted_discrimination,
)

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
    #: Questions asked while the student was in the game (a late joiner missed the earlier ones).
    asked: int = 0

    @property
    def percent_correct(self) -> float | None:
        """Right answers over the questions asked while present: a late joiner is not marked
        down for questions asked before they came."""
        return None if not self.asked else 100.0 * self.correct / self.asked


def questions_asked(session: ClassSession, first_index: int = 0) -> int:
    """How many questions a student could answer: every one in homework; in a live game, those
    opened since the student's first (``Participant.first_index``)."""
    total = len(session.questions)
    if session.mode != "live":
        return total
    opened = 0 if session.phase == "lobby" else min(total, session.current_index + 1)
    return max(0, opened - first_index)


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
            asked=questions_asked(session, participant.first_index),
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
    #: False for a question asked before a late joiner came (or not asked yet in a live game).
    asked: bool = True

    @property
    def number(self) -> int:
        return self.question.position + 1

    @property
    def answer_text(self) -> str:
        return describe_response(self.question, self.response)

    @property
    def key_text(self) -> str:
        return key_text(self.question)

    @property
    def outcome(self) -> str:
        """ "correct", "partial", "wrong", "no_answer" (timed out), "unanswered" or
        "not_asked" (asked before the student joined, or not yet)."""
        if self.response is None:
            return "unanswered" if self.asked else "not_asked"
        if self.response.correct:
            return "correct"
        if self.response.answer is None:
            return "no_answer"
        return "partial" if self.response.credit > 0 else "wrong"


def key_text(question: SessionQuestion) -> str:
    """The key as a person reads it (with its unit, for a number)."""
    return get_kind(question.kind).describe_answer(question.answer, question.settings)


def describe_response(question: SessionQuestion, response: Response | None) -> str:
    if response is None:
        return ""
    if response.answer is None:
        return "(no answer: time ran out)"
    return get_kind(question.kind).describe_answer(response.answer, question.settings)


def participant_answers(session: ClassSession, participant: Participant) -> list[AnswerRow]:
    """Every question of the session, in order, with this student's response if they gave one."""
    responses = {
        response.session_question_id: response
        for response in db.session.scalars(
            select(Response).where(Response.participant_id == participant.id)
        )
    }
    first = participant.first_index if session.mode == "live" else 0
    until = first + questions_asked(session, first)
    return [
        AnswerRow(
            question,
            responses.get(question.id),
            asked=first <= question.position < until,
        )
        for question in session.questions
    ]


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
        .order_by(Response.points.desc().nulls_last(), Participant.nickname)
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
            key_text(question),
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


# --- Item analysis: which questions work -------------------------------------------------------
#
# Figures are defined in ``quizapp.stats`` (facility = mean credit; D = upper–lower 27 % index on
# each student's total credit in the session). Marks here are a student's total credit over every
# question of the session, as a percentage of the number of questions (an unanswered question
# counts 0), so the histogram reads the same whatever the scoring mode.

#: The "most missed" list: questions with facility under this, lowest first, at most this many.
MOST_MISSED_BELOW = 0.75
MOST_MISSED_COUNT = 5
#: Bands of the histogram of marks, each this many percentage points wide.
HISTOGRAM_BINS = 10
#: One bar of a question's answers (an option, an outcome or a band of numbers): the kind's.
AnswerCount = Bar


@dataclass(frozen=True)
class ItemAnalysis:
    """One question of a session, analysed; see ``quizapp.stats`` for the definitions."""

    question: SessionQuestion
    answered: int
    facility: float | None
    discrimination: Discrimination
    answers: tuple[AnswerCount, ...]
    flags: tuple[str, ...]
    unchosen: tuple[str, ...]
    common_wrong: str | None
    common_wrong_count: int

    @property
    def number(self) -> int:
        return self.question.position + 1

    #: Whether ``answers`` count options chosen rather than outcomes or bands of numbers.
    by_option: bool = False
    #: What each of ``answers`` stands for, as a column heading (the kind's tally says).
    heading: str = "Outcome"

    @property
    def kind(self) -> QuestionKind:
        return get_kind(self.question.kind)

    @property
    def key_text(self) -> str:
        return key_text(self.question)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.flags]


@dataclass(frozen=True)
class StudentMark:
    """A student's line in the report: the leaderboard's figures and their mark."""

    row: LeaderboardRow
    credit: float
    percent: float


@dataclass(frozen=True)
class SessionReport:
    session: ClassSession
    questions: int
    students: list[StudentMark]
    items: list[ItemAnalysis]
    histogram: list[HistogramBin]

    @property
    def most_missed(self) -> list[ItemAnalysis]:
        """Questions to go over in class: facility under ``MOST_MISSED_BELOW``, lowest first."""
        missed = [
            item
            for item in self.items
            if item.facility is not None and item.facility < MOST_MISSED_BELOW
        ]
        missed.sort(key=lambda item: (item.facility, item.number))
        return missed[:MOST_MISSED_COUNT]

    @property
    def flagged(self) -> list[ItemAnalysis]:
        return [item for item in self.items if item.flags]

    @property
    def discrimination_meaningful(self) -> bool:
        return any(item.discrimination.meaningful for item in self.items)

    @property
    def average_percent(self) -> float | None:
        if not self.students:
            return None
        return sum(student.percent for student in self.students) / len(self.students)


def session_report(session: ClassSession) -> SessionReport:
    """The whole item analysis of a session in three queries, however many students it has.

    Removed students are left out, as everywhere in the results.
    """
    questions = list(
        db.session.scalars(
            select(SessionQuestion)
            .where(SessionQuestion.session_id == session.id)
            .order_by(SessionQuestion.position)
        )
    )
    responses = db.session.execute(
        select(
            Response.participant_id,
            Response.session_question_id,
            Response.answer,
            Response.credit,
            Response.correct,
        )
        .join(Participant, Participant.id == Response.participant_id)
        .where(Response.session_id == session.id, Participant.removed.is_(False))
    ).all()
    board = leaderboard(session)

    totals: dict[int, float] = {row.participant_id: 0.0 for row in board}
    by_question: dict[int, list[Any]] = {question.id: [] for question in questions}
    for response in responses:
        totals[response.participant_id] = totals.get(response.participant_id, 0.0) + response.credit
        by_question.setdefault(response.session_question_id, []).append(response)

    count = len(questions)
    students = [
        StudentMark(row, totals[row.participant_id], _percent(totals[row.participant_id], count))
        for row in board
    ]
    items = [analyse_item(question, by_question[question.id], totals) for question in questions]
    bands = histogram(
        (student.percent for student in students), HISTOGRAM_BINS, low=0.0, high=100.0
    )
    return SessionReport(session, count, students, items, bands)


def _percent(credit: float, questions: int) -> float:
    return 100.0 * credit / questions if questions else 0.0


def analyse_item(
    question: SessionQuestion, responses: list[Any], totals: dict[int, float]
) -> ItemAnalysis:
    """One question's figures from its responses (rows with participant_id, answer, credit,
    correct) and every student's total credit in the session."""
    credits = {response.participant_id: response.credit for response in responses}
    share = facility(credits.values())
    spread = discrimination_27(totals, credits)
    kind, data = get_kind(question.kind), QuestionData.of(question)
    tally = kind.tally(data, [r.answer for r in responses], [r.credit for r in responses])
    answers = list(tally.bars)
    unchosen: list[str] = []
    keys = kind.right_options(data)
    if data.options and keys and tally.by_option:  # options that are picked
        unchosen = distractor_unchosen(data.options, keys, tally.counts, len(responses))
    wrong = Counter(
        describe_response(question, response)
        for response in responses
        if not response.correct and response.answer is not None
    )
    common = min(wrong.items(), key=lambda pair: (-pair[1], pair[0])) if wrong else None
    return ItemAnalysis(
        question=question,
        answered=len(responses),
        facility=share,
        discrimination=spread,
        answers=tuple(answers),
        flags=tuple(item_flags(share, spread.index, unchosen)),
        unchosen=tuple(unchosen),
        common_wrong=common[0] if common else None,
        common_wrong_count=common[1] if common else 0,
        by_option=tally.by_option,
        heading=tally.heading,
    )


# --- The question bank: each question's figures across every session that asked it ------------


@dataclass(frozen=True)
class BankItemStats:
    """A bank question across sessions: pooled facility, and D averaged over the sessions.

    ``facility`` pools every answer (mean credit over all students of all sessions);
    ``discrimination`` is each session's D weighted by its students
    (``quizapp.stats.weighted_discrimination``), since total scores of different quizzes cannot
    be ranked together. None where nobody answered, or no session had enough students.
    ``unchosen``: wrong options of the latest session's version that nobody chose in any session.
    """

    sessions: int
    students: int
    facility: float | None
    discrimination: float | None
    unchosen: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.flags]


@dataclass
class _Asked:
    """What ``bank_item_stats`` gathers about one bank question, session by session."""

    question: QuestionData | None = None
    latest: int = -1
    #: session id → participant id → (credit, total credit in the session)
    classes: dict[int, dict[int, tuple[float, float]]] = field(default_factory=dict)
    answers: list[Any] = field(default_factory=list)


def bank_item_stats(article_id: int, owner_id: int) -> dict[int, BankItemStats]:
    """Figures for every question of an article's bank asked in this teacher's sessions.

    One query for the whole bank (session questions grouped by ``SessionQuestion.question_id``,
    each response with its student's total in that session); keyed by ``Question.id``, and
    questions never asked are absent. Only the teacher's own sessions count: a shared bank does
    not show one teacher's classes to another.
    """
    asked = (
        select(
            SessionQuestion.id,
            SessionQuestion.question_id,
            SessionQuestion.session_id,
            SessionQuestion.kind,
            SessionQuestion.stem,
            SessionQuestion.options,
            SessionQuestion.answer,
            SessionQuestion.settings,
        )
        .join(Question, Question.id == SessionQuestion.question_id)
        .join(ClassSession, ClassSession.id == SessionQuestion.session_id)
        .where(Question.article_id == article_id, ClassSession.owner_id == owner_id)
        .subquery()
    )
    totals = (
        select(Response.participant_id, func.sum(Response.credit).label("total"))
        .where(Response.session_id.in_(select(asked.c.session_id)))
        .group_by(Response.participant_id)
        .subquery()
    )
    active = and_(Participant.id == Response.participant_id, Participant.removed.is_(False))
    rows = db.session.execute(
        select(
            asked.c.question_id,
            asked.c.session_id,
            asked.c.kind,
            asked.c.stem,
            asked.c.options,
            asked.c.answer,
            asked.c.settings,
            Participant.id,
            Response.answer,
            Response.credit,
            totals.c.total,
        )
        .select_from(asked)
        .outerjoin(Response, Response.session_question_id == asked.c.id)
        .outerjoin(Participant, active)
        .outerjoin(totals, totals.c.participant_id == Participant.id)
    ).all()

    gathered: dict[int, _Asked] = {}
    for row in rows:
        question_id, session_id, kind, stem, options, key, settings = row[:7]
        student, answer, credit, total = row[7:]
        found = gathered.setdefault(question_id, _Asked())
        if session_id > found.latest:
            found.latest = session_id
            found.question = QuestionData(
                kind=kind,
                stem=stem,
                answer=key,
                options=tuple(options) if options is not None else None,
                settings=settings or {},
            )
        students = found.classes.setdefault(session_id, {})
        if student is not None and total is not None:
            students[student] = (credit, total)
            found.answers.append(answer)
    return {question_id: _bank_figures(found) for question_id, found in gathered.items()}


def _bank_figures(found: _Asked) -> BankItemStats:
    credits = [credit for students in found.classes.values() for credit, _ in students.values()]
    share = facility(credits)
    spread = weighted_discrimination(
        discrimination_27(
            {student: total for student, (_, total) in students.items()},
            {student: credit for student, (credit, _) in students.items()},
        )
        for students in found.classes.values()
    )
    unchosen: list[str] = []
    question = found.question
    keys = get_kind(question.kind).right_options(question) if question is not None else []
    if question is not None and question.options and keys:  # options that are picked
        unchosen = distractor_unchosen(
            question.options,
            keys,
            choice_counts(question.options, found.answers),
            len(credits),
        )
    return BankItemStats(
        sessions=len(found.classes),
        students=len(credits),
        facility=share,
        discrimination=spread,
        unchosen=tuple(unchosen),
        flags=tuple(item_flags(share, spread, unchosen)),
    )
