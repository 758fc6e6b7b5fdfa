"""What students do: join a session, get their current question, answer it.

Every rule that keeps play fair lives here rather than in the views: the server's clock times
answers, a student answers only their current question and only once, and the key never leaves
the server before the answer is locked.
"""

from __future__ import annotations

import random
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from disarm import skeleton_key
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..database import begin_write
from ..extensions import db
from ..kinds import Grade, Shown
from ..models import ClassSession, Participant, Response, SessionQuestion
from ..scoring import next_streak, points
from .answering import mark, shown_question

NICKNAME_MAX = 24
#: The room the database gives a nickname's folded key (``Participant.nickname_key``).
NICKNAME_KEY_MAX = Participant.__table__.c.nickname_key.type.length
#: Seconds allowed on top of a time limit for the trip from phone to server.
NETWORK_GRACE = 2.0


class PlayError(ValueError):
    """Something a student asked for cannot be done; the message is for the student."""


class SessionClosed(PlayError):
    pass


class NicknameTaken(PlayError):
    pass


class JoinRefused(PlayError):
    """The game takes no new players: the host locked it, it is full, or removed this browser."""


class AlreadyAnswered(PlayError):
    pass


class NotYourQuestion(PlayError):
    pass


#: Letters that draw nothing, which Unicode does not class as format characters: Hangul fillers,
#: the braille blank, the combining grapheme joiner, Khmer's inherent vowels. A nickname made of
#: them looks empty; beside a real name they make a second name that looks the same.
BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")


class NotShown(PlayError):
    """An answer to a question the student was never shown: its clock never started."""


def clean_nickname(raw: str) -> str:
    """A nickname fit to show: NFC, no control or invisible characters, spaces collapsed.

    Raises ``PlayError`` when it is too long, or has no visible letter or digit (only dots, only
    emoji, only characters that draw nothing).
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"Cc", "Cf", "Co", "Cs"} and ch not in BLANK_LETTERS
    )
    text = re.sub(r"\s+", " ", text).strip()
    if not any(unicodedata.category(ch)[0] in "LN" for ch in nickname_key(text)):
        raise PlayError("Choose a nickname with at least one letter or digit.")
    if len(text) > NICKNAME_MAX:
        raise PlayError(f"Nicknames have at most {NICKNAME_MAX} characters.")
    return text


def nickname_key(nickname: str) -> str:
    """Two nicknames are the same name when they look the same: their confusable skeleton.

    UTS #39's skeleton (through ``disarm``) maps look-alikes to one prototype — Cyrillic "а" to
    Latin "a", "0" to "O", "I" to "l", full-width and mathematical letters to plain ones — drops
    invisible characters, and folds case, so "Ana", "ANA", "Аna" (Cyrillic) and "Ana" followed by
    a Hangul filler are one name. A skeleton longer than the column (24 × "ß" is 48 letters) is
    refused by ``join_session``.
    """
    return skeleton_key(nickname, digit_policy="tr39")


def is_accepting(session: ClassSession, now: datetime) -> bool:
    """Whether the session still takes joins and answers."""
    return session.status == "open" and (session.deadline is None or now < session.deadline)


def keys_shown(session: ClassSession, now: datetime) -> bool:
    """Whether a student may see the keys (and the sources that state them) of answered questions.

    With feedback after each question, at once. With feedback only at the end, not while the
    session still takes answers: a throwaway nickname answering at random would learn every key
    for the rest of the class. The keys come out when the session closes (or its deadline
    passes), or when the teacher releases them.
    """
    return session.feedback == "each" or session.answers_released or not is_accepting(session, now)


def release_answers(session: ClassSession) -> None:
    """The teacher lets students see the keys before the session closes."""
    session.answers_released = True
    db.session.flush()


#: Players a session takes when the app's ``MAX_PLAYERS`` setting does not say.
DEFAULT_MAX_PLAYERS = 2000


def join_session(
    session: ClassSession,
    raw_nickname: str,
    now: datetime,
    *,
    max_players: int = DEFAULT_MAX_PLAYERS,
) -> Participant:
    """Add a student to the session under a nickname nobody in it has.

    A locked session, or one with ``max_players`` players already (removed ones count: a flood
    that the host removes must not make room for the next), takes nobody new.
    """
    refuse_newcomers(session, now)
    nickname = clean_nickname(raw_nickname)
    key = nickname_key(nickname)
    if len(key) > NICKNAME_KEY_MAX:
        # Folding can lengthen a name ("ß" → "ss", "ﷺ" → 18 letters); PostgreSQL would refuse
        # the row with a server error, so refuse the name here with a reason.
        raise PlayError("That nickname is too long once written out plainly. Choose a shorter one.")
    # The name is checked before the write lock (its confusable skeleton costs CPU); the rules
    # that other joiners can change are checked again under it, on the session's row read again.
    begin_write(session)
    refuse_newcomers(session, now)
    if player_count(session) >= max_players:
        raise JoinRefused("This game is full. Ask your teacher.")
    # session_id rather than session=: a refused insert must not linger in session.participants.
    participant = Participant(
        session_id=session.id,
        nickname=nickname,
        nickname_key=key,
        secret=secrets.token_urlsafe(24),
        joined_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(participant)
            db.session.flush()
    except IntegrityError:
        raise NicknameTaken(f"Someone here is already called “{nickname}”. Pick another.") from None
    return participant


def refuse_newcomers(session: ClassSession, now: datetime) -> None:
    """Refuse a new player if the session is closed, past its deadline, or locked by the host."""
    if not is_accepting(session, now):
        raise SessionClosed("This session is closed. Ask your teacher for a new code.")
    if session.locked:
        raise JoinRefused("Your teacher has locked this game: no new players can join.")


def player_count(session: ClassSession) -> int:
    """Everyone who joined the session, removed players included (one indexed count)."""
    return (
        db.session.scalar(
            select(func.count(Participant.id)).where(Participant.session_id == session.id)
        )
        or 0
    )


def question_order(participant: Participant) -> list[int]:
    """The positions of the session's questions in the order this student gets them.

    With "shuffle questions" each student gets their own order, fixed by their secret so that a
    reload never reshuffles.
    """
    positions = list(range(len(participant.session.questions)))
    if participant.session.shuffle_questions:
        random.Random(f"order:{participant.secret}").shuffle(positions)
    return positions


def shown_to(participant: Participant, question: SessionQuestion) -> Shown:
    """The question as this student sees it: their own shuffle (if the session shuffles options),
    stable on reload; the kind decides the rest (items never in the key's order)."""
    seed = f"options:{participant.secret}:{question.id}"
    return shown_question(question, seed, shuffle=participant.session.shuffle_options)


def question_on(participant: Participant) -> SessionQuestion | None:
    """The question the student is on, or None when they have finished; starts no clock."""
    order = question_order(participant)
    if participant.position >= len(order):
        return None
    return participant.session.questions[order[participant.position]]


def current_question(participant: Participant, now: datetime) -> SessionQuestion | None:
    """The question the student is on, to show them: its clock starts at the first showing.

    ``shown_at`` belongs to the participant's current position (``advance`` clears it with the
    move to the next question), so it records when this student was shown this question.
    """
    question = question_on(participant)
    if question is not None and participant.shown_at is None:
        participant.shown_at = now
        db.session.flush()
    return question


@dataclass(frozen=True)
class AnswerResult:
    """What a student learns once their answer is locked."""

    response: Response
    grade: Grade
    question: SessionQuestion
    timed_out: bool


def time_allowed(participant: Participant) -> float | None:
    """Seconds this student has per question (an accommodation may give more), or None."""
    limit = participant.session.time_limit
    return None if limit is None else limit * participant.time_factor


def answer_current_question(
    participant: Participant, session_question_id: int, raw: Any, now: datetime
) -> AnswerResult:
    """Grade and store the student's answer to their current question, then move them on.

    The answer must be to the question they are on: answering ahead, back, or twice is refused.
    So is an answer to a question the student was never shown (``NotShown``): the clock starts
    when the question is shown, never at the answer, so posting blind cannot earn speed points.
    An answer after the time limit (plus network grace) counts as no answer.
    """
    session = participant.session
    if session.mode != "self_paced":
        raise PlayError("This is a live game: answer on the game's page.")
    if not is_accepting(session, now):
        raise SessionClosed("This session is closed; answers are no longer taken.")
    question = question_on(participant)
    if question is None or question.id != session_question_id:
        if already_answered(participant, session_question_id):
            raise AlreadyAnswered("You have answered this question already.")
        raise NotYourQuestion("That is not the question you are on. Reload to continue.")
    if participant.shown_at is None:
        raise NotShown("Read the question first: it is shown below, and its clock starts now.")
    seconds = max(0.0, (now - participant.shown_at).total_seconds())
    allowed = time_allowed(participant)
    timed_out = allowed is not None and seconds > allowed + NETWORK_GRACE
    marked = mark(question, raw, timed_out=timed_out)
    grade = marked.grade
    streak = next_streak(participant.streak, grade.correct)
    earned = points(
        grade.credit,
        seconds / participant.time_factor,
        session.time_limit,
        session.scoring_mode,
        streak=streak,
        streak_bonus=session.streak_bonus,
    )
    response = Response(
        session_id=session.id,
        participant_id=participant.id,
        session_question_id=question.id,
        answer=marked.value,
        credit=grade.credit,
        correct=grade.correct,
        points=earned,
        seconds_taken=round(seconds, 3),
        answered_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(response)
            db.session.flush()
    except IntegrityError:
        raise AlreadyAnswered("You have answered this question already.") from None
    advance(participant, earned, streak, now)
    return AnswerResult(response, grade, question, timed_out)


@dataclass(frozen=True)
class SelfPaced:
    """A student answering at their own pace (``operations.answering.record_answer``)."""

    participant: Participant
    #: What a student is told when the session closed while they were answering.
    closed_message: str = "This session has closed. Ask your teacher for a new code."

    def find(self, question_id: int) -> SessionQuestion | None:
        question = db.session.get(SessionQuestion, question_id) if question_id > 0 else None
        if question is None or question.session_id != self.participant.session_id:
            return None
        return question

    def shown(self, question: SessionQuestion) -> Shown:
        return shown_to(self.participant, question)

    def is_current(self, question: SessionQuestion, now: datetime) -> bool:
        if not is_accepting(self.participant.session, now):
            raise SessionClosed(self.closed_message)
        current = question_on(self.participant)  # starts no clock
        return current is not None and current.id == question.id

    def submit(self, question_id: int, raw: Any, now: datetime) -> AnswerResult:
        return answer_current_question(self.participant, question_id, raw, now)


def already_answered(participant: Participant, session_question_id: int) -> bool:
    return (
        db.session.scalar(
            select(Response.id).where(
                Response.participant_id == participant.id,
                Response.session_question_id == session_question_id,
            )
        )
        is not None
    )


def advance(participant: Participant, earned: int, streak: int, now: datetime) -> None:
    """Add the points (in SQL, so concurrent requests cannot lose any) and move to the next."""
    finished = participant.position + 1 >= len(participant.session.questions)
    db.session.execute(
        update(Participant)
        .where(Participant.id == participant.id)
        .values(
            score=Participant.score + earned,
            streak=streak,
            position=Participant.position + 1,
            shown_at=None,
            finished_at=now if finished else None,
        )
    )
    db.session.refresh(participant)


def seconds_left(participant: Participant, now: datetime) -> float | None:
    """Time left on the current question's clock, for the page's countdown."""
    allowed = time_allowed(participant)
    if allowed is None or participant.shown_at is None:
        return allowed
    return max(0.0, allowed - (now - participant.shown_at).total_seconds())


def utc_now() -> datetime:
    """The server's clock: the only clock that times answers."""
    return datetime.now(UTC)
