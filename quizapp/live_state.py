"""What the host's screen shows of a live game (and what phones share), read from the database.

The views render these into HTML fragments; the phones' own split view is ``live_phone``.
Nothing a phone receives holds the key before the question closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from .extensions import db
from .kinds import QuestionData, Tally, get_kind
from .models import ClassSession, Participant, Response, SessionQuestion
from .operations.live import shown_live
from .scoring import rank

#: Option letters; a–d have a colour and a shape each, further options a letter only.
LETTERS = "abcdefgh"
SHAPE_NAMES = {"a": "triangle", "b": "diamond", "c": "circle", "d": "square"}
LEADERBOARD_SIZE = 5


@dataclass(frozen=True)
class Option:
    letter: str
    text: str
    index: int

    @property
    def shape_name(self) -> str:
        return SHAPE_NAMES.get(self.letter, "")


@dataclass(frozen=True)
class Standing:
    participant_id: int
    nickname: str
    score: int
    rank: int
    #: Places gained (positive) or lost since the question before; None on the first question.
    movement: int | None = None


@dataclass(frozen=True)
class Reveal:
    """The key and the kind's tally of the room's answers (``tally.bars``: options chosen,
    outcomes, or bands of numbers around the key)."""

    key_text: str
    tally: Tally

    @property
    def counts(self) -> list[int]:
        return self.tally.counts if self.tally.by_option else []

    @property
    def outcomes(self) -> dict[str, int]:
        return dict(self.tally.outcomes)

    @property
    def answered(self) -> int:
        return self.tally.answered

    @property
    def key_indexes(self) -> set[int]:
        return self.tally.key_indexes if self.tally.by_option else set()


def options_of(question: SessionQuestion) -> list[Option]:
    """The choices in the room's order, each with its letter (colour and shape): the same on the
    projector and every phone."""
    kind = get_kind(question.kind)
    letters = kind.letters
    return [
        Option(letters[i] if i < len(letters) else "", text, i)
        for i, text in enumerate(shown_live(question).choices)
    ]


def current_question(session: ClassSession) -> SessionQuestion | None:
    if 0 <= session.current_index < len(session.questions):
        return session.questions[session.current_index]
    return None


def seconds_left(session: ClassSession, now: datetime) -> float | None:
    """Seconds on the shared clock (the standard time limit, not an accommodation)."""
    if session.phase != "question" or session.time_limit is None:
        return None
    if session.paused_remaining is not None:
        return session.paused_remaining
    ends = session.question_opened_at.timestamp() + session.time_limit
    return max(0.0, ends - now.timestamp())


def active_players(session: ClassSession) -> list[Participant]:
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.session_id == session.id, Participant.removed.is_(False))
            .order_by(Participant.joined_at, Participant.id)
        )
    )


def player_count(session: ClassSession) -> int:
    """How many players are in the game: one count, for the host's poll (not a list of rows)."""
    return db.session.scalar(
        select(func.count(Participant.id)).where(
            Participant.session_id == session.id, Participant.removed.is_(False)
        )
    )


def answered_count(question: SessionQuestion) -> int:
    return db.session.scalar(
        select(func.count(Response.id))
        .join(Participant, Participant.id == Response.participant_id)
        .where(Response.session_question_id == question.id, Participant.removed.is_(False))
    )


def reveal_of(question: SessionQuestion) -> Reveal:
    """The key, and how the room answered."""
    rows = db.session.execute(
        select(Response.answer, Response.credit)
        .join(Participant, Participant.id == Response.participant_id)
        .where(Response.session_question_id == question.id, Participant.removed.is_(False))
    ).all()
    kind, data = get_kind(question.kind), QuestionData.of(question)
    return Reveal(
        key_text=kind.describe_answer(data.answer, data.settings),
        tally=kind.tally(data, [answer for answer, _ in rows], [credit for _, credit in rows]),
    )


def standings(session: ClassSession) -> list[Standing]:
    """Every active player by score, with places moved since before the current question."""
    players = active_players(session)
    last_points: dict[int, int] = {}
    question = current_question(session)
    if question is not None:
        last_points = dict(
            db.session.execute(
                select(Response.participant_id, Response.points).where(
                    Response.session_question_id == question.id
                )
            ).all()
        )
    now_ranks = rank({p.id: p.score for p in players})
    before = {p.id: p.score - last_points.get(p.id, 0) for p in players}
    before_ranks = rank(before) if session.current_index > 0 else {}
    by_id = {p.id: p for p in players}
    return [
        Standing(
            pid,
            by_id[pid].nickname,
            by_id[pid].score,
            place,
            before_ranks[pid] - place if pid in before_ranks else None,
        )
        for pid, place in now_ranks.items()
    ]
