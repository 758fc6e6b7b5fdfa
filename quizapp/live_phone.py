"""A phone's view of a live game, in two parts: the stage every phone shares, and its own facts.

In a phase every phone shows the same stage (the question and its buttons, the key, "game over");
only a few facts differ: whether this student can answer yet, their own clock, what they chose,
their verdict, points, rank and score. So the stage is rendered once per game version (by each
process's watcher, ``live_push``) and sent to every phone alike, and the personal facts travel
beside it as a small dict that ``static/js/live.js`` applies to the stage's ``data-me-*`` slots.
The same template renders a whole personal stage on the server (the page, the polled fallback,
phones without JavaScript) when it is given the facts.

For many phones at once the facts take two queries (the players, the responses to the question),
not a request and a ranking per phone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from .extensions import db
from .kinds import get_kind
from .kinds.shapes import AnswerShape
from .live_state import Option, current_question, options_of
from .models import ClassSession, Participant, Response, SessionQuestion
from .operations.live import LiveAnswer, shown_live
from .scoring import rank

#: Phases after a question has closed, when phones show the verdict and the standing.
CLOSED_PHASES = frozenset({"reveal", "leaderboard", "podium"})

Facts = dict[str, Any]


@dataclass(frozen=True)
class SharedView:
    """What every phone shows in this phase."""

    phase: str
    index: int
    total: int
    question: SessionQuestion | None
    options: list[Option]
    paused: bool
    #: Seconds left on the shared clock (a phone with extra time gets its own in the facts).
    seconds_left: float | None
    reveal_key: str | None


def shared_view(session: ClassSession, now: datetime) -> SharedView:
    question = current_question(session)
    closed = session.phase in CLOSED_PHASES and question is not None
    seconds_left = None
    if session.phase == "question" and session.question_deadline is not None:
        if session.paused_remaining is not None:
            seconds_left = session.paused_remaining
        else:
            seconds_left = max(0.0, (session.question_deadline - now).total_seconds())
    return SharedView(
        phase=session.phase,
        index=session.current_index,
        total=session.question_count,
        question=question,
        options=options_of(question) if question else [],
        paused=session.paused_remaining is not None,
        seconds_left=seconds_left,
        reveal_key=(
            get_kind(question.kind).describe_answer(question.answer, question.settings)
            if closed and question is not None
            else None
        ),
    )


@dataclass(frozen=True)
class Player:
    id: int
    nickname: str
    score: int
    streak: int
    first_index: int
    time_factor: float
    removed: bool


@dataclass(frozen=True)
class Answer:
    answer: Any
    correct: bool
    credit: float
    points: int


PLAYER_COLUMNS = (
    Participant.id,
    Participant.nickname,
    Participant.score,
    Participant.streak,
    Participant.first_index,
    Participant.time_factor,
    Participant.removed,
)


def facts_for(
    session: ClassSession, participant_ids: Collection[int], now: datetime
) -> dict[int, Facts]:
    """Each participant's personal facts (a removed or unknown one: ``{"gone": True}``).

    One participant: their row, their response and one count for the rank. Several: every
    player of the game (the ranks need all scores) and every response to the question.
    """
    question = current_question(session)
    wanted = set(participant_ids)
    if len(wanted) == 1:
        (only,) = wanted
        rows = db.session.execute(
            select(*PLAYER_COLUMNS).where(
                Participant.id == only, Participant.session_id == session.id
            )
        ).all()
        players = {row.id: Player(*row) for row in rows}
        answers = responses(question, only)
        ranks = {}
        if session.phase in CLOSED_PHASES:
            ranks = {p.id: rank_of(session, p.score) for p in players.values() if not p.removed}
    else:
        rows = db.session.execute(
            select(*PLAYER_COLUMNS).where(Participant.session_id == session.id)
        ).all()
        players = {row.id: Player(*row) for row in rows}
        answers = responses(question, None)
        ranks = rank({p.id: p.score for p in players.values() if not p.removed})
    facts: dict[int, Facts] = {}
    for pid in wanted:
        player = players.get(pid)
        if player is None or player.removed:
            facts[pid] = {"gone": True}
        else:
            facts[pid] = personal(session, question, player, answers.get(pid), ranks, now)
    return facts


def facts_after_answer(
    session: ClassSession,
    participant: Participant,
    question: SessionQuestion,
    result: LiveAnswer,
    now: datetime,
) -> Facts:
    """The answering phone's facts, made from the answer just stored, without reading it back.

    While the question stays open they depend only on the player's row, which the answer read
    under the write lock, and on the answer itself. If the answer closed the question (the last
    player answered), the phone needs its rank: read everything as ``facts_for`` does.
    """
    if session.phase != "question":
        return facts_for(session, [participant.id], now)[participant.id]
    player = Player(*(getattr(participant, column.key) for column in PLAYER_COLUMNS))
    answer = Answer(result.value, result.grade.correct, result.grade.credit, result.points)
    return personal(session, question, player, answer, {}, now)


def responses(question: SessionQuestion | None, only: int | None) -> dict[int, Answer]:
    if question is None:
        return {}
    query = select(
        Response.participant_id, Response.answer, Response.correct, Response.credit, Response.points
    ).where(Response.session_question_id == question.id)
    if only is not None:
        query = query.where(Response.participant_id == only)
    return {pid: Answer(*rest) for pid, *rest in db.session.execute(query).all()}


def rank_of(session: ClassSession, score: int) -> int:
    """One player's place: one count, not a ranking of the whole room."""
    ahead = db.session.scalar(
        select(func.count(Participant.id)).where(
            Participant.session_id == session.id,
            Participant.removed.is_(False),
            Participant.score > score,
        )
    )
    return (ahead or 0) + 1


def personal(
    session: ClassSession,
    question: SessionQuestion | None,
    player: Player,
    answer: Answer | None,
    ranks: dict[int, int],
    now: datetime,
) -> Facts:
    """The facts one phone fills into the shared stage; keys name the stage's slots."""
    phase = session.phase
    late = player.first_index > session.current_index
    paused = session.paused_remaining is not None
    can_answer = phase == "question" and not late and not paused
    facts: Facts = {
        "nickname": player.nickname,
        "waiting": phase == "question" and late,
        "answering": can_answer,
        "answered": answer is not None,
        "answer": chosen_values(question, answer.answer) if answer is not None else [],
        "fields": sent_fields(question, answer.answer) if answer is not None and can_answer else {},
        "seconds_left": own_seconds_left(session, player, now) if can_answer else None,
        "streak": player.streak,
        "announce": None,
    }
    if phase == "lobby":
        facts["announce"] = "You're in. Waiting for the game to start"
    elif phase == "question":
        total = session.question_count
        facts["announce"] = (
            "You joined during this question. You play from the next one."
            if late
            else "Your teacher has paused the game."
            if paused
            else f"Question {session.current_index + 1} of {total}"
        )
    if phase in CLOSED_PHASES:
        place = ranks.get(player.id)
        facts.update(
            later=session.current_index < player.first_index,
            verdict=verdict_of(answer),
            card=card_of(answer),
            points=f"+{answer.points} points" if answer is not None else "",
            ranked=place is not None,
            rank=place,
            place=ordinal(place) if place is not None else "",
            score=player.score,
            streaking=bool(session.streak_bonus) or player.streak > 1,
        )
        facts["announce"] = closed_announcement(session, question, answer, place, player.score)
    return facts


VERDICT_WORDS = {"right": "Correct", "partly": "Partly right", "wrong": "Not quite"}


def closed_announcement(
    session: ClassSession,
    question: SessionQuestion | None,
    answer: Answer | None,
    place: int | None,
    score: int,
) -> str:
    """What a screen reader says when the phone shows the reveal, leaderboard or podium."""
    if session.phase == "reveal":
        verdict = f"{VERDICT_WORDS[verdict_of(answer)]}. " if answer is not None else ""
        key = (
            get_kind(question.kind).describe_answer(question.answer, question.settings)
            if question
            else ""
        )
        return f"Time is up. {verdict}The answer: {key}"
    if session.phase == "leaderboard":
        standing = f": you are number {place} with {score} points" if place else ""
        return f"Leaderboard{standing}"
    return f"Game over: you came {ordinal(place)}" if place else "Game over"


def own_seconds_left(session: ClassSession, player: Player, now: datetime) -> float | None:
    """This player's clock: the standard limit times their accommodation, within the deadline."""
    if session.time_limit is None or session.question_opened_at is None:
        return None
    if session.paused_remaining is not None:
        return session.paused_remaining
    ends = session.question_opened_at + timedelta(seconds=session.time_limit * player.time_factor)
    if session.question_deadline is not None:
        ends = min(ends, session.question_deadline)
    return max(0.0, (ends - now).total_seconds())


def chosen_values(question: SessionQuestion | None, answer: Any) -> list[str]:
    """The form values of the buttons this answer pressed (empty for typed answers)."""
    if question is None:
        return []
    shape = get_kind(question.kind).shape
    options = list(shown_live(question).choices)
    if shape is AnswerShape.TRUTH:
        return ["true" if answer else "false"]
    if shape is AnswerShape.ONE_CHOICE and answer in options:
        return [str(options.index(answer))]
    if shape is AnswerShape.MANY_CHOICES and isinstance(answer, list):
        return [str(i) for i, option in enumerate(options) if option in answer]
    return []


def sent_fields(question: SessionQuestion | None, answer: Any) -> dict[str, Any]:
    """The answer form's fields as this answer filled them (the kind's ``form_values``), so a
    sent answer stays visible in the shared stage: typed text, ticks, chosen positions."""
    if question is None:
        return {}
    return get_kind(question.kind).form_values(shown_live(question), answer)


def verdict_of(answer: Answer | None) -> str:
    if answer is None:
        return "none"
    if answer.correct:
        return "right"
    return "partly" if answer.credit > 0 else "wrong"


def card_of(answer: Answer | None) -> str:
    """The result card's colour: right, wrong (also partly right), or none."""
    if answer is None:
        return ""
    return "right" if answer.correct else "wrong"


def ordinal(place: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    if 10 <= place % 100 <= 20:
        return f"{place}th"
    return f"{place}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(place % 10, 'th') }"
