"""Live, teacher-paced games: a small state machine whose whole state lives in the session row.

Phases: lobby → question → reveal → leaderboard → question … → podium. The host moves the game on;
a question also closes by itself when its time is up or when every player has answered. Nothing
lives in process memory, so any app process can serve any request of the game; transitions are
conditional UPDATEs, so two processes closing the same question at once close it once.

Scores move only when a question closes ("settles"): players may change their answer until then,
and the last answer counts with its time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..database import begin_write
from ..extensions import db
from ..kinds import Grade, Shown
from ..models import ClassSession, Participant, Response, SessionQuestion
from ..scoring import next_streak, points, streak_bonus_points
from .answering import mark, shown_question
from .play import (
    DEFAULT_MAX_PLAYERS,
    NETWORK_GRACE,
    NotYourQuestion,
    PlayError,
    SessionClosed,
    join_session,
)

GRACE = timedelta(seconds=NETWORK_GRACE)


class LiveError(PlayError):
    """A live-game action that cannot happen now; the message says why."""


class TooLate(LiveError):
    pass


# --- the host's actions ---------------------------------------------------------------------


def advance(session: ClassSession, now: datetime) -> None:
    """The host's one "next" button: whatever the next step is from here."""
    match session.phase:
        case "lobby":
            start_game(session, now)
        case "question":
            close_question(session, now)
        case "reveal":
            bump(session, phase="leaderboard")
        case "leaderboard":
            if session.current_index + 1 < len(session.questions):
                open_question(session, session.current_index + 1, now)
            else:
                finish_game(session, now)
        case _:
            raise LiveError("The game is over.")


def start_game(session: ClassSession, now: datetime) -> None:
    if session.mode != "live" or session.phase != "lobby":
        raise LiveError("This game has started already.")
    if not session.is_open:
        raise SessionClosed("This session is closed.")
    open_question(session, 0, now)


def open_question(session: ClassSession, index: int, now: datetime) -> None:
    """Show question ``index``; its deadline leaves room for the slowest accommodation."""
    deadline = None
    if session.time_limit is not None:
        deadline = now + timedelta(seconds=session.time_limit * longest_time_factor(session))
    bump(
        session,
        phase="question",
        current_index=index,
        question_opened_at=now,
        question_deadline=deadline,
        paused_remaining=None,
    )


def longest_time_factor(session: ClassSession) -> float:
    factor = db.session.scalar(
        select(func.max(Participant.time_factor)).where(
            Participant.session_id == session.id, Participant.removed.is_(False)
        )
    )
    return max(1.0, factor or 1.0)


def close_question(session: ClassSession, now: datetime) -> bool:
    """Close the current question and settle its scores; False if another request already did."""
    index = session.current_index
    closed = db.session.execute(
        update(ClassSession)
        .where(
            ClassSession.id == session.id,
            ClassSession.phase == "question",
            ClassSession.current_index == index,
        )
        .values(phase="reveal", version=ClassSession.version + 1, paused_remaining=None)
    ).rowcount
    db.session.refresh(session)
    if closed:
        settle_question(session, index)
    return bool(closed)


def is_due(session: ClassSession, now: datetime) -> bool:
    """Whether the open question's time (and the network grace) has run out."""
    return (
        session.phase == "question"
        and session.paused_remaining is None
        and session.question_deadline is not None
        and now > session.question_deadline + GRACE
    )


def close_if_due(session: ClassSession, now: datetime) -> bool:
    """Close the current question if its time has run out."""
    return close_question(session, now) if is_due(session, now) else False


def finish_game(session: ClassSession, now: datetime) -> None:
    """The podium: the session closes and every player still in the game has finished it."""
    db.session.execute(
        update(Participant)
        .where(
            Participant.session_id == session.id,
            Participant.removed.is_(False),
            Participant.finished_at.is_(None),
        )
        .values(finished_at=now)
    )
    bump(session, phase="podium", status="closed", closed_at=now)


#: The time limits a host may choose for the questions still to come (None: untimed).
TIME_LIMIT_CHOICES: tuple[int | None, ...] = (None, 10, 20, 30, 45, 60, 90, 120)


def set_time_limit(session: ClassSession, seconds: int | None) -> None:
    """Change the time per question, or take the clock away (WCAG 2.2.1: timing adjustable).

    Not while a question is open: its players were promised the time they saw.
    """
    if seconds not in TIME_LIMIT_CHOICES and seconds != session.time_limit:
        raise LiveError("Choose one of the offered times, or no time limit.")
    if session.phase == "question":
        raise LiveError("Change the timing between questions, not during one.")
    if session.phase == "podium" or not session.is_open:
        raise LiveError("The game is over.")
    bump(session, time_limit=seconds)


def pause(session: ClassSession, now: datetime) -> None:
    """Stop the clock of the open question; answers wait until the host resumes."""
    if session.phase != "question" or session.question_deadline is None:
        raise LiveError("Only a running, timed question can be paused.")
    if session.paused_remaining is not None:
        raise LiveError("The game is paused already.")
    remaining = max(0.0, (session.question_deadline - now).total_seconds())
    bump(session, paused_remaining=remaining)


def resume(session: ClassSession, now: datetime) -> None:
    """Start the clock again: the question's window moves on by as long as the pause lasted."""
    if session.paused_remaining is None:
        raise LiveError("The game is not paused.")
    paused_at = session.question_deadline - timedelta(seconds=session.paused_remaining)
    pause_length = now - paused_at
    bump(
        session,
        question_opened_at=session.question_opened_at + pause_length,
        question_deadline=session.question_deadline + pause_length,
        paused_remaining=None,
    )


def set_locked(session: ClassSession, locked: bool) -> None:
    """Lock the lobby (nobody new joins; players already in carry on) or open it again."""
    bump(session, locked=locked)


def remove_player(session: ClassSession, participant: Participant) -> None:
    """Take a player out (a rude nickname, a duplicate): their cookie stops working."""
    if participant.session_id != session.id:
        raise LiveError("That player is not in this game.")
    participant.removed = True
    bump(session)


def bump(session: ClassSession, **changes: Any) -> None:
    """Apply changes that every screen must see, and move the version on by one."""
    for name, value in changes.items():
        setattr(session, name, value)
    session.version += 1
    db.session.flush()


# --- settling a question ----------------------------------------------------------------------


def settle_question(session: ClassSession, index: int) -> None:
    """Streaks, streak bonuses and scores once a question has closed."""
    question = session.questions[index]
    responses = {
        r.participant_id: r
        for r in db.session.scalars(
            select(Response).where(Response.session_question_id == question.id)
        )
    }
    for participant in eligible_players(session, index):
        response = responses.get(participant.id)
        correct = response is not None and response.correct
        participant.streak = next_streak(participant.streak, correct)
        if correct and session.streak_bonus:
            response.points += streak_bonus_points(participant.streak)
    db.session.flush()
    total = (
        select(func.coalesce(func.sum(Response.points), 0))
        .where(Response.participant_id == Participant.id)
        .scalar_subquery()
    )
    db.session.execute(
        update(Participant).where(Participant.session_id == session.id).values(score=total)
    )
    db.session.expire_all()


def eligible_players(session: ClassSession, index: int) -> list[Participant]:
    """Players who could answer question ``index``: not removed, joined before it opened."""
    return list(
        db.session.scalars(
            select(Participant).where(
                Participant.session_id == session.id,
                Participant.removed.is_(False),
                Participant.first_index <= index,
            )
        )
    )


# --- the players' actions ---------------------------------------------------------------------


def join_live(
    session: ClassSession, nickname: str, now: datetime, *, max_players: int = DEFAULT_MAX_PLAYERS
) -> Participant:
    """Join a live game; a player joining mid-question plays from the next question on."""
    if session.phase == "podium":
        raise SessionClosed("This game is over.")
    participant = join_session(session, nickname, now, max_players=max_players)
    if session.phase != "lobby":
        participant.first_index = session.current_index + 1
        db.session.flush()
    # No version bump: phones need not refetch for every classmate who joins; the host's state
    # carries the player count in its ETag.
    return participant


def player_deadline(session: ClassSession, participant: Participant) -> datetime | None:
    """When this player's time on the open question runs out (with their accommodation)."""
    if session.time_limit is None or session.question_opened_at is None:
        return None
    allowed = session.time_limit * participant.time_factor
    personal = session.question_opened_at + timedelta(seconds=allowed)
    return min(personal, session.question_deadline) if session.question_deadline else personal


@dataclass(frozen=True)
class LiveAnswer:
    """A stored live answer: what was kept of it, its grade and points, and whether it replaced
    an earlier answer (the phone's facts are made from this, without reading the row back)."""

    value: Any
    grade: Grade
    points: int
    changed: bool


def answer_live(
    participant: Participant, session_question_id: int, raw: Any, now: datetime
) -> LiveAnswer:
    """Lock in (or change) a player's answer to the open question; the last answer counts."""
    session = participant.session
    open_question_for(participant, session_question_id, now)  # refused without waiting for the lock
    begin_write(session, participant)  # SQLite: the write lock, and the game's row read again
    question = open_question_for(participant, session_question_id, now)
    marked = mark(question, raw)
    value, grade = marked.value, marked.grade
    seconds = max(0.0, (now - session.question_opened_at).total_seconds())
    earned = points(
        grade.credit, seconds / participant.time_factor, session.time_limit, session.scoring_mode
    )
    changed = upsert_response(participant, question, value, grade, earned, seconds, now)
    if everyone_answered(session, question):
        close_question(session, now)
    return LiveAnswer(value, grade, earned, changed)


def shown_live(question: SessionQuestion) -> Shown:
    """A live question as the projector and every phone show it: one order for the whole room
    (the options' letters must agree), items to match in an order that is not the key's."""
    return shown_question(question, f"live:{question.id}", shuffle=False)


@dataclass(frozen=True)
class Live:
    """A player answering the open question of a live game (``answering.record_answer``)."""

    participant: Participant

    def find(self, question_id: int) -> SessionQuestion | None:
        return current_question_by_id(self.participant.session, question_id)

    def shown(self, question: SessionQuestion) -> Shown:
        return shown_live(question)

    def is_current(self, question: SessionQuestion, now: datetime) -> bool:
        return True  # ``find`` only finds the open question

    def submit(self, question_id: int, raw: Any, now: datetime) -> LiveAnswer:
        return answer_live(self.participant, question_id, raw, now)


def open_question_for(participant: Participant, session_question_id: int, now: datetime):
    """The open question, if this player may answer it now; otherwise a clear refusal."""
    session = participant.session
    if session.status != "open":
        raise SessionClosed("This game is over.")
    if session.phase != "question":
        raise TooLate("This question has closed.")
    question = current_question_by_id(session, session_question_id)
    if question is None:
        raise NotYourQuestion("That question is not open any more.")
    if participant.first_index > session.current_index:
        raise LiveError("You joined during this question: you play from the next one.")
    if session.paused_remaining is not None:
        raise LiveError("The game is paused. Wait for your teacher to resume it.")
    deadline = player_deadline(session, participant)
    if deadline is not None and now > deadline + GRACE:
        raise TooLate("Time is up: your answer came too late to count.")
    return question


def current_question_by_id(
    session: ClassSession, session_question_id: int
) -> SessionQuestion | None:
    """The question with this id if it is the game's open one (whatever the phase), else None.

    Found by its id, not by loading the game's list of questions: an answer names its question,
    and the row is then usually in the identity map already (:func:`load_answer_rows`).
    """
    question = db.session.get(SessionQuestion, session_question_id)
    if (
        question is None
        or question.session_id != session.id
        or question.position != session.current_index
    ):
        return None
    return question


def load_answer_rows(
    session_id: int, participant_id: int | None, session_question_id: int
) -> list[Any]:
    """Read the game, the player and the question an answer names in one round trip.

    Each is then found by its id in the identity map, without a query of its own: on
    PostgreSQL under a full room every round trip is a switch between processes, and an answer
    made seven of them. The caller keeps the rows returned while it works: the identity map
    holds unchanged objects weakly.
    """
    return db.session.execute(
        answer_rows_statement(),
        {
            "session_id": session_id,
            "participant_id": participant_id or 0,
            "question_id": session_question_id,
        },
    ).all()


@functools.cache
def answer_rows_statement() -> Any:
    """The game's row with the player's and the question's if they belong to it; built once."""
    return (
        select(ClassSession, Participant, SessionQuestion)
        .outerjoin(
            Participant,
            and_(
                Participant.id == bindparam("participant_id"),
                Participant.session_id == ClassSession.id,
            ),
        )
        .outerjoin(
            SessionQuestion,
            and_(
                SessionQuestion.id == bindparam("question_id"),
                SessionQuestion.session_id == ClassSession.id,
            ),
        )
        .where(ClassSession.id == bindparam("session_id"))
    )


def upsert_response(
    participant: Participant,
    question: SessionQuestion,
    value: Any,
    grade: Grade,
    earned: int,
    seconds: float,
    now: datetime,
) -> bool:
    """Insert the player's response, or replace it if they had answered already (whether so).

    One ``INSERT … ON CONFLICT DO UPDATE`` on the (player, question) key: two taps racing each
    other leave one row, and a room answering at once costs one statement an answer.
    """
    changes = (
        db.session.connection()
        .execute(
            upsert_statement(db.engine.dialect.name),
            {
                "session_id": participant.session_id,
                "participant_id": participant.id,
                "session_question_id": question.id,
                "answer": value,
                "credit": grade.credit,
                "correct": grade.correct,
                "points": earned,
                "seconds_taken": round(seconds, 3),
                "answered_at": now,
            },
        )
        .scalar_one()
    )
    return changes > 0


#: What an answer replaces in the response a player had given to the question.
ANSWER_FIELDS = ("answer", "credit", "correct", "points", "seconds_taken", "answered_at")


@functools.cache
def upsert_statement(dialect: str) -> Any:
    """The dialect's ``INSERT … ON CONFLICT DO UPDATE … RETURNING changes``, built once (building
    it costs more than running it); SQLite and PostgreSQL spell it alike."""
    dialect_insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    keys = ("session_id", "participant_id", "session_question_id", *ANSWER_FIELDS)
    insert = dialect_insert(Response).values(
        {**{key: bindparam(key) for key in keys}, "changes": 0}
    )
    replaced = {name: insert.excluded[name] for name in ANSWER_FIELDS}
    return insert.on_conflict_do_update(
        index_elements=[Response.participant_id, Response.session_question_id],
        set_={**replaced, "changes": Response.changes + 1},
    ).returning(Response.changes)


def find_response(participant: Participant, question: SessionQuestion) -> Response | None:
    return db.session.scalar(
        select(Response).where(
            Response.participant_id == participant.id,
            Response.session_question_id == question.id,
        )
    )


def able_to_answer_count(session: ClassSession) -> int:
    """Players who can answer the open question: not removed, and not waiting for the next one."""
    return db.session.scalar(
        select(func.count(Participant.id)).where(
            Participant.session_id == session.id,
            Participant.removed.is_(False),
            Participant.first_index <= session.current_index,
        )
    )


def everyone_answered(session: ClassSession, question: SessionQuestion) -> bool:
    """Whether every player who can answer has (each answer asks, so it must stay cheap).

    Both counts come from indexes alone: the players able to answer, and every answer to the
    question. Answers of players the host removed count in the second, so only when it reaches
    the first is it counted again without them (a join over the answers' players).
    """
    values = {"session_id": session.id, "index": session.current_index, "question_id": question.id}
    connection = db.session.connection()
    players, answers = connection.execute(answer_counts_statement(), values).one()
    if players == 0 or answers < players:
        return False
    return connection.execute(kept_answers_statement(), values).scalar_one() >= players


@functools.cache
def answer_counts_statement() -> Any:
    """Players able to answer the open question, and answers to it; built once (building the
    statement costs more than SQLite takes to run it)."""
    players = (
        select(func.count())
        .select_from(Participant)
        .where(
            Participant.session_id == bindparam("session_id"),
            Participant.removed.is_(False),
            Participant.first_index <= bindparam("index"),
        )
        .scalar_subquery()
    )
    answers = (
        select(func.count())
        .select_from(Response)
        .where(Response.session_question_id == bindparam("question_id"))
        .scalar_subquery()
    )
    return select(players, answers)


@functools.cache
def kept_answers_statement() -> Any:
    """Answers to the question from players still in the game."""
    return (
        select(func.count())
        .select_from(Response)
        .join(Participant, Participant.id == Response.participant_id)
        .where(
            Response.session_question_id == bindparam("question_id"), Participant.removed.is_(False)
        )
    )
