"""Building quizzes: settings, and an ordered pick of approved questions.

Only approved questions of articles the owner may read (their own, and those that belong to
nobody, like the built-in article) go into a quiz. Positions stay dense (0, 1, 2, ...) and unique;
the database enforces uniqueness per quiz, so every reordering passes through temporary negative
positions before the final ones are written.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, or_, select

from ..extensions import db
from ..kinds import kind_names
from ..models import FEEDBACK_MODES, SCORING_MODES, Article, Question, Quiz, QuizItem, Teacher
from .questions import visible_to

TIME_LIMIT_MIN = 5
TIME_LIMIT_MAX = 600
#: More than a class can answer in one lesson; keeps forms and sessions a sensible size.
MAX_QUIZ_QUESTIONS = 100
TITLE_MAX = 200


class QuizError(ValueError):
    """A quiz cannot be built or changed as asked; the message says why, for the teacher."""


@dataclass(frozen=True)
class QuizSettings:
    """The settings a session copies from its quiz. ``validate`` raises ``QuizError``."""

    time_limit: int | None = 30
    shuffle_questions: bool = False
    shuffle_options: bool = True
    scoring_mode: str = "speed"
    streak_bonus: bool = False
    feedback: str = "each"

    def validate(self) -> QuizSettings:
        if self.time_limit is not None and not (
            TIME_LIMIT_MIN <= self.time_limit <= TIME_LIMIT_MAX
        ):
            raise QuizError(
                f"Time per question must be between {TIME_LIMIT_MIN} and {TIME_LIMIT_MAX} "
                "seconds, or empty for no limit."
            )
        if self.scoring_mode not in SCORING_MODES:
            raise QuizError(f"Scoring must be one of {', '.join(SCORING_MODES)}.")
        if self.feedback not in FEEDBACK_MODES:
            raise QuizError(f"Feedback must be one of {', '.join(FEEDBACK_MODES)}.")
        return self

    @classmethod
    def of(cls, quiz: Quiz) -> QuizSettings:
        return cls(
            time_limit=quiz.time_limit,
            shuffle_questions=quiz.shuffle_questions,
            shuffle_options=quiz.shuffle_options,
            scoring_mode=quiz.scoring_mode,
            streak_bonus=quiz.streak_bonus,
            feedback=quiz.feedback,
        )


def clean_title(title: str | None) -> str:
    text = " ".join((title or "").split())
    if not text:
        raise QuizError("Give the quiz a title.")
    if len(text) > TITLE_MAX:
        raise QuizError(f"Titles have at most {TITLE_MAX} characters.")
    return text


def create_quiz(owner: Teacher, title: str, settings: QuizSettings) -> Quiz:
    """A new, empty quiz of ``owner``'s."""
    quiz = Quiz(owner_id=owner.id, title=clean_title(title))
    apply_settings(quiz, settings)
    db.session.add(quiz)
    db.session.flush()
    return quiz


def update_quiz(quiz: Quiz, title: str, settings: QuizSettings) -> None:
    """Change the title and settings; sessions already opened keep their own copy."""
    quiz.title = clean_title(title)
    apply_settings(quiz, settings)
    db.session.flush()


def apply_settings(quiz: Quiz, settings: QuizSettings) -> None:
    settings.validate()
    quiz.time_limit = settings.time_limit
    quiz.shuffle_questions = settings.shuffle_questions
    quiz.shuffle_options = settings.shuffle_options
    quiz.scoring_mode = settings.scoring_mode
    quiz.streak_bonus = settings.streak_bonus
    quiz.feedback = settings.feedback


def readable_by(owner_id: int):
    """The SQL condition for articles ``owner_id`` may read: their own and ownerless ones."""
    return or_(Article.owner_id == owner_id, Article.owner_id.is_(None))


def usable_questions_query(owner_id: int) -> Select[tuple[Question]]:
    """Approved questions of the articles the teacher may read, by article then bank order.

    In a shared article, the teacher's own copy of a question stands in for the original, and
    other teachers' own questions are never offered (``visible_to``).
    """
    return (
        select(Question)
        .join(Article, Question.article_id == Article.id)
        .where(Question.status == "approved", readable_by(owner_id), visible_to(owner_id))
        .order_by(Article.is_builtin.desc(), Article.title, Article.id, Question.position)
    )


def checked_questions(owner_id: int, question_ids: Sequence[int]) -> list[Question]:
    """The questions for ``question_ids``, in that order, or ``QuizError`` saying what is wrong."""
    wanted = list(dict.fromkeys(question_ids))
    if not wanted:
        raise QuizError("Choose at least one question.")
    if len(wanted) > MAX_QUIZ_QUESTIONS:
        raise QuizError(f"A quiz has at most {MAX_QUIZ_QUESTIONS} questions.")
    found = {
        question.id: question
        for question in db.session.scalars(
            select(Question)
            .join(Article, Question.article_id == Article.id)
            .where(
                Question.id.in_(wanted),
                readable_by(owner_id),
                or_(Question.owner_id.is_(None), Question.owner_id == owner_id),
            )
        )
    }
    missing = [qid for qid in wanted if qid not in found]
    if missing:
        raise QuizError("Some of the chosen questions do not exist or are not yours to use.")
    unapproved = [found[qid] for qid in wanted if found[qid].status != "approved"]
    if unapproved:
        count = len(unapproved)
        noun = "question is" if count == 1 else "questions are"
        raise QuizError(
            f"Only approved questions can go in a quiz: {count} of the chosen {noun} not "
            "approved yet. Review them first, or leave them out."
        )
    return [found[qid] for qid in wanted]


def set_questions(quiz: Quiz, question_ids: Sequence[int]) -> None:
    """Make the quiz hold exactly these questions, in this order."""
    questions = checked_questions(quiz.owner_id, question_ids)
    quiz.items.clear()
    db.session.flush()
    quiz.items.extend(
        QuizItem(question=question, position=position)
        for position, question in enumerate(questions)
    )
    db.session.flush()


def add_questions(quiz: Quiz, question_ids: Sequence[int]) -> int:
    """Append the questions not in the quiz yet; returns how many were added."""
    present = {item.question_id for item in quiz.items}
    new_ids = [qid for qid in dict.fromkeys(question_ids) if qid not in present]
    if not new_ids:
        raise QuizError("Choose at least one question that is not in the quiz yet.")
    if len(present) + len(new_ids) > MAX_QUIZ_QUESTIONS:
        raise QuizError(f"A quiz has at most {MAX_QUIZ_QUESTIONS} questions.")
    questions = checked_questions(quiz.owner_id, new_ids)
    start = len(quiz.items)
    quiz.items.extend(
        QuizItem(question=question, position=start + offset)
        for offset, question in enumerate(questions)
    )
    db.session.flush()
    return len(questions)


def find_item(quiz: Quiz, item_id: int) -> QuizItem:
    for item in quiz.items:
        if item.id == item_id:
            return item
    raise QuizError("That question is not in this quiz.")


def move_item(quiz: Quiz, item_id: int, delta: int) -> int:
    """Move an item ``delta`` places (negative: earlier), clamped to the quiz; returns its index.

    Moving the first question up or the last one down changes nothing.
    """
    items = sorted(quiz.items, key=lambda item: item.position)
    item = find_item(quiz, item_id)
    old = items.index(item)
    new = min(max(old + delta, 0), len(items) - 1)
    if new != old:
        items.insert(new, items.pop(old))
        renumber(quiz, items)
    return new


def remove_item(quiz: Quiz, item_id: int) -> None:
    """Take a question out of the quiz and close the gap it leaves."""
    item = find_item(quiz, item_id)
    quiz.items.remove(item)
    db.session.flush()
    renumber(quiz, sorted(quiz.items, key=lambda kept: kept.position))


def renumber(quiz: Quiz, ordered: list[QuizItem]) -> None:
    """Give ``ordered`` the positions 0..n-1 without ever breaking (quiz_id, position) unique.

    Two flushes: first every item to a temporary negative position no real one uses, then to its
    final place; a plain swap in one flush would collide whatever order the UPDATEs run in.
    """
    for index, item in enumerate(ordered):
        item.position = -(index + 1)
    db.session.flush()
    for index, item in enumerate(ordered):
        item.position = index
    db.session.flush()
    quiz.items.sort(key=lambda item: item.position)


def delete_quiz(quiz: Quiz) -> None:
    """Delete the quiz; sessions opened from it keep their questions and results."""
    db.session.delete(quiz)
    db.session.flush()


def pick_random(articles: Iterable[Article], n: int, rng: random.Random) -> list[Question]:
    """Up to ``n`` approved questions of ``articles``, taken round-robin across kinds.

    Each kind's questions are shuffled with ``rng``, then one is taken from every kind in turn (in
    the generator's kind order), so any ``n`` at least the number of kinds present holds every
    kind. Given the same ``rng`` seed and bank, the pick is the same. Pure: reads, never writes.
    """
    return pick_random_questions(
        [question for article in articles for question in article.questions], n, rng
    )


def pick_random_questions(
    questions: Iterable[Question], n: int, rng: random.Random
) -> list[Question]:
    """``pick_random`` over a list of questions (the approved ones count)."""
    if n < 1:
        return []
    by_kind: dict[str, list[Question]] = {}
    for question in questions:
        if question.status == "approved":
            by_kind.setdefault(question.kind, []).append(question)
    known = kind_names()
    order = [kind for kind in known if kind in by_kind] + sorted(set(by_kind) - set(known))
    pools = []
    for kind in order:
        pool = sorted(by_kind[kind], key=lambda question: question.id)
        rng.shuffle(pool)
        pools.append(pool)
    picked: list[Question] = []
    while len(picked) < n and any(pools):
        for pool in pools:
            if pool and len(picked) < n:
                picked.append(pool.pop())
    return picked
