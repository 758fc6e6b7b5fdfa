"""Public practice: choosing about ten questions of an article, answering them, the missed ones.

Choosing is pure (``practice_pool``, ``choose_questions``: plain values in, ids out) so that it
can be tested without a database. The rest adds and flushes; the views commit.

Fair-play rules kept here rather than in the views: an attempt's questions are fixed when it
starts; they are answered in order, each once (the database holds one answer per attempt and
question); the key is only ever shown for an answered question.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..kinds import Grade, Shown
from ..models import Article, PracticeAnswer, PracticeAttempt, Question
from .answering import mark, shown_question

#: How many questions a practice asks (fewer when the article has fewer).
PRACTICE_SIZE = 10
#: Letters and digits nobody confuses when reading a code aloud or copying it: no 0/O, 1/I/L.
SHARE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHARE_CODE_LENGTH = 8
#: Bytes of randomness in an attempt's token (URL-safe base64: 32 characters).
TOKEN_BYTES = 24


class PracticeError(ValueError):
    """Something asked of a practice that cannot be done; the message is for the person."""


class AlreadyAnswered(PracticeError):
    pass


class NotCurrentQuestion(PracticeError):
    pass


class NothingToPractise(PracticeError):
    pass


# --- Choosing the questions (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """What choosing needs to know of a question."""

    id: int
    kind: str
    section: str | None
    status: str
    generated: bool
    #: Where its sentence starts in the article: questions are asked in reading order.
    start: int = 0
    #: The generator's quality estimate: the filler is drawn from the strongest questions.
    quality: float = 0.5


def practice_pool(candidates: Iterable[Candidate], size: int = PRACTICE_SIZE) -> list[Candidate]:
    """The questions a practice may ask: the approved ones, topped up if there are too few.

    A teacher's approval is the best sign a question is good, so approved questions come first.
    When an article has fewer than ``size`` approved questions (a fresh article, or the built-in
    one nobody has reviewed yet), the pool is filled with the *generated* questions still pending:
    every generated question has passed the generator's automatic checks (grounded in one sentence,
    a key that the sentence supports, plausible distractors), so it is fit to practise on even
    unreviewed. Rejected questions, and pending questions a teacher is still writing by hand, are
    never asked.
    """
    candidates = list(candidates)
    approved = [c for c in candidates if c.status == "approved"]
    if len(approved) >= size:
        return approved
    filler = [c for c in candidates if c.status == "pending" and c.generated]
    # the strongest pending questions by the generator's estimate: twice what is missing, so
    # the round robin still has kinds and sections to spread over; the strongest of each kind
    # and of each section come first (a kind the estimate ranks lower as a whole, such as
    # true/false, is still practised, and so is a short section of the article)
    filler.sort(key=lambda c: (-c.quality, c.id))
    best_of_kind = {c.kind: c for c in reversed(filler)}
    best_of_section = {c.section: c for c in reversed(filler)}
    firsts = sorted(
        {*best_of_kind.values(), *best_of_section.values()}, key=lambda c: (-c.quality, c.id)
    )
    rest = [c for c in filler if c not in firsts]
    return approved + (firsts + rest)[: 2 * (size - len(approved))]


def choose_questions(
    candidates: Iterable[Candidate], seed: str, size: int = PRACTICE_SIZE
) -> list[int]:
    """About ``size`` question ids, spread across kinds and the article's sections.

    Deterministic for a ``seed`` (the attempt's token): a reload or a retry never reshuffles.
    Approved questions are taken before the pending ones that fill up (see ``practice_pool``).
    Within each tier, a round robin: the next question is of the kind asked least so far, and,
    among that kind, from the section asked least so far; ties go to the seeded shuffle. The ids
    come back in reading order (by where their sentence starts in the article).
    """
    pool = practice_pool(candidates, size)
    rng = random.Random(f"practice:{seed}")
    approved = [c for c in pool if c.status == "approved"]
    filler = [c for c in pool if c.status != "approved"]
    kinds: Counter[str] = Counter()
    sections: Counter[str | None] = Counter()
    chosen = round_robin(approved, size, rng, kinds, sections)
    chosen += round_robin(filler, size - len(chosen), rng, kinds, sections)
    chosen.sort(key=lambda c: (c.start, c.id))
    return [c.id for c in chosen]


def round_robin(
    tier: Sequence[Candidate],
    wanted: int,
    rng: random.Random,
    kinds: Counter[str],
    sections: Counter[str | None],
) -> list[Candidate]:
    """Up to ``wanted`` of ``tier``, balancing the running ``kinds`` and ``sections`` counts."""
    remaining = sorted(tier, key=lambda c: c.id)
    rng.shuffle(remaining)
    kind_order = {kind: rng.random() for kind in sorted({c.kind for c in remaining})}
    chosen: list[Candidate] = []
    while remaining and len(chosen) < wanted:
        # the kind and the section asked least so far, weighed together: a kind never asked
        # from a section never asked beats a new kind from the section asked most
        pick = min(
            remaining,
            key=lambda c: (kinds[c.kind] + sections[c.section], kinds[c.kind], kind_order[c.kind]),
        )  # first in shuffle among ties
        remaining.remove(pick)
        chosen.append(pick)
        kinds[pick.kind] += 1
        sections[pick.section] += 1
    return chosen


def candidates_of(article: Article) -> list[Candidate]:
    return [
        Candidate(
            id=q.id,
            kind=q.kind,
            section=q.section,
            status=q.status,
            generated=q.generated_id is not None,
            start=q.source_start,
            quality=q.quality,
        )
        for q in article.questions
    ]


def shown_to(attempt: PracticeAttempt, question: Question) -> Shown:
    """The question as this attempt shows it: shuffled, stable on reload (the kind decides what
    a shuffle means: true/false keeps its order, items are never shown in the key's order)."""
    return shown_question(question, f"options:{attempt.token}:{question.id}")


# --- Attempts ----------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


def normalise_share_code(raw: str) -> str:
    """A code as typed: case and dashes or spaces do not matter."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def start_attempt(article: Article, now: datetime | None = None) -> PracticeAttempt:
    """A new practice on ``article`` with its questions chosen; refused if it has none."""
    token = new_token()
    ids = choose_questions(candidates_of(article), token)
    if not ids:
        raise NothingToPractise("This article has no questions to practise yet.")
    return add_attempt(article.id, token, ids, parent=None, now=now)


def add_attempt(
    article_id: int,
    token: str,
    question_ids: list[int],
    parent: PracticeAttempt | None,
    now: datetime | None,
) -> PracticeAttempt:
    """Store an attempt, drawing another share code in the unlikely case of a clash."""
    for _ in range(5):
        attempt = PracticeAttempt(
            article_id=article_id,
            token=token,
            share_code=new_share_code(),
            parent_id=parent.id if parent else None,
            round=parent.round + 1 if parent else 1,
            question_ids=question_ids,
            created_at=now or utc_now(),
        )
        try:
            with db.session.begin_nested():
                db.session.add(attempt)
                db.session.flush()
        except IntegrityError:
            continue
        return attempt
    raise RuntimeError("Could not draw a free share code.")


def find_attempt(token: str) -> PracticeAttempt | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        select(PracticeAttempt)
        .where(PracticeAttempt.token == token)
        .options(selectinload(PracticeAttempt.answers))
    )


def find_shared(code: str) -> PracticeAttempt | None:
    code = normalise_share_code(code)
    if len(code) != SHARE_CODE_LENGTH:
        return None
    return db.session.scalar(select(PracticeAttempt).where(PracticeAttempt.share_code == code))


def attempt_questions(attempt: PracticeAttempt) -> list[Question]:
    """The attempt's questions in order; one deleted since (article regenerated) is skipped."""
    found = db.session.scalars(
        select(Question)
        .where(Question.id.in_(attempt.question_ids))
        .options(selectinload(Question.options))
    )
    by_id = {q.id: q for q in found}
    return [by_id[i] for i in attempt.question_ids if i in by_id]


def answers_by_question(attempt: PracticeAttempt) -> dict[int, PracticeAnswer]:
    return {a.question_id: a for a in attempt.answers}


def current_question(attempt: PracticeAttempt, questions: Sequence[Question]) -> Question | None:
    """The first question of the attempt not answered yet; None once all are."""
    answered = answers_by_question(attempt)
    return next((q for q in questions if q.id not in answered), None)


def answer_question(
    attempt: PracticeAttempt, question_id: int, raw: Any, now: datetime | None = None
) -> tuple[PracticeAnswer, Grade]:
    """Grade and store the answer to the attempt's current question.

    Raises ``AlreadyAnswered`` for a question answered before (answers cannot be changed),
    ``NotCurrentQuestion`` for any other question, and the kind's ``InvalidResponse`` for a
    malformed response.
    """
    now = now or utc_now()
    questions = attempt_questions(attempt)
    answered = answers_by_question(attempt)
    if question_id in answered:
        raise AlreadyAnswered("You have answered this question already; answers cannot be changed.")
    current = current_question(attempt, questions)
    if current is None or current.id != question_id:
        raise NotCurrentQuestion("That is not the question you are on. Go back to your practice.")
    marked = mark(current, raw)
    response, grade = marked.value, marked.grade
    answer = PracticeAnswer(
        attempt_id=attempt.id,
        question_id=current.id,
        position=attempt.question_ids.index(current.id),  # stable if a question goes
        answer=response,
        credit=grade.credit,
        correct=grade.correct,
        answered_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(answer)
            db.session.flush()
    except IntegrityError:
        raise AlreadyAnswered(
            "You have answered this question already; answers cannot be changed."
        ) from None
    db.session.refresh(attempt)
    if len(attempt.answers) >= len(questions):
        attempt.finished_at = now
        db.session.flush()
    return answer, grade


@dataclass(frozen=True)
class Practising:
    """Someone answering a public practice (``answering.record_answer``)."""

    attempt: PracticeAttempt
    questions: Sequence[Question]

    def find(self, question_id: int) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def shown(self, question: Question) -> Shown:
        return shown_to(self.attempt, question)

    def is_current(self, question: Question, now: datetime) -> bool:
        current = current_question(self.attempt, self.questions)
        return current is not None and current.id == question.id

    def submit(self, question_id: int, raw: Any, now: datetime) -> tuple[PracticeAnswer, Grade]:
        return answer_question(self.attempt, question_id, raw, now)


def missed_ids(attempt: PracticeAttempt) -> list[int]:
    """The attempt's questions not answered fully right, in the order they were asked."""
    answered = answers_by_question(attempt)
    return [i for i in attempt.question_ids if i in answered and not answered[i].correct]


def child_of(attempt: PracticeAttempt) -> PracticeAttempt | None:
    return db.session.scalar(
        select(PracticeAttempt)
        .where(PracticeAttempt.parent_id == attempt.id)
        .order_by(PracticeAttempt.id)
        .limit(1)
    )


def practise_missed(attempt: PracticeAttempt, now: datetime | None = None) -> PracticeAttempt:
    """A new round with exactly the questions ``attempt`` missed.

    Asking twice (a double click, a reload) returns the round already made rather than another.
    """
    if attempt.finished_at is None:
        raise PracticeError("Finish this round first.")
    existing = child_of(attempt)
    if existing is not None:
        return existing
    missed = missed_ids(attempt)
    if not missed:
        raise NothingToPractise("You missed none: there is nothing left to practise.")
    return add_attempt(attempt.article_id, new_token(), missed, parent=attempt, now=now)


# --- What the article's owner sees ----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionStat:
    question: Question
    answers: int
    correct: int

    @property
    def share_right(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class PracticeStats:
    #: Fresh practices with at least one answer (a "missed ones" round is not another person).
    people: int
    answers: int
    hardest: list[QuestionStat]


def practice_counts(article_ids: Sequence[int]) -> dict[int, int]:
    """Per article: how many practices (first rounds) got at least one answer."""
    if not article_ids:
        return {}
    rows = db.session.execute(
        select(PracticeAttempt.article_id, func.count(func.distinct(PracticeAttempt.id)))
        .join(PracticeAnswer, PracticeAnswer.attempt_id == PracticeAttempt.id)
        .where(PracticeAttempt.article_id.in_(article_ids), PracticeAttempt.round == 1)
        .group_by(PracticeAttempt.article_id)
    )
    counts = dict.fromkeys(article_ids, 0)
    counts.update({article_id: count for article_id, count in rows})
    return counts


def practice_stats(article: Article, hardest: int = 5, min_answers: int = 1) -> PracticeStats:
    """How many people practised ``article``, and the questions they got right least often.

    A question everybody got right is not among the hardest, however few answered it.
    """
    people = practice_counts([article.id])[article.id]
    rows = db.session.execute(
        select(
            PracticeAnswer.question_id,
            func.count(PracticeAnswer.id),
            func.sum(cast(PracticeAnswer.correct, Integer)),
        )
        .join(PracticeAttempt, PracticeAnswer.attempt_id == PracticeAttempt.id)
        .where(PracticeAttempt.article_id == article.id)
        .group_by(PracticeAnswer.question_id)
    ).all()
    total = sum(count for _, count, _ in rows)
    questions = {q.id: q for q in article.questions}
    stats = [
        QuestionStat(questions[qid], count, int(right or 0))
        for qid, count, right in rows
        if qid in questions and count >= min_answers and (right or 0) < count
    ]
    stats.sort(key=lambda s: (s.share_right, -s.answers, s.question.position))
    return PracticeStats(people=people, answers=total, hardest=stats[:hardest])


def utc_now() -> datetime:
    return datetime.now(UTC)
