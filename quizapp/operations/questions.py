"""Reviewing an article's question bank: statuses, teachers' edits and hand-written questions.

Pure database logic: these functions add and flush, the view commits. Invalid content raises
``InvalidQuestion`` (before anything changes) with a message fit to show the teacher and, when it
is about one part of the form, the name of that part in ``field``.

``fields`` is the question's content in the kind's terms:

- ``stem``: the question's text;
- ``answer``: the key in the kind's JSON form (see ``quizapp.kinds``);
- ``options``: the options in the order shown (multiple_choice, multiple_select: every option;
  matching: the right-hand texts; ordering: the items), None for true_false and fill_blank;
- ``accepted``: other typed answers that count as right (fill_blank);
- ``approve`` (optional): set the status to approved;
- for ``add_question`` also ``kind``, ``source_start`` and ``source_end`` (offsets into the body).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, update
from sqlalchemy.orm import aliased, selectinload

from ..extensions import db
from ..kinds import REGISTRY, InvalidKey, InvalidResponse, QuestionData, get_kind
from ..kinds.keys import (  # noqa: F401  (re-exported: the editor and tests use them here)
    MAX_ACCEPTED,
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    arrange_options,
    shuffled_order,
)
from ..models import QUESTION_STATUSES, Article, Question, QuestionOption, Quiz, QuizItem
from .articles import set_options

MAX_STEM_CHARS = 500


class InvalidQuestion(ValueError):
    """The question cannot be saved as it is; the message says why, for the teacher."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- Shared banks: read-only, each teacher's changes go to their own copies ---------------------


def is_shared(question: Question) -> bool:
    """A question of a shared article's own bank (built-in, CLI-loaded): nobody may change it.

    Every teacher builds quizzes from it and the public practice asks it, so a change by one
    teacher would change them for everyone.
    """
    return question.owner_id is None and question.article.owner_id is None


def visible_to(teacher_id: int) -> ColumnElement[bool]:
    """SQL: the questions a teacher sees in the banks they may read.

    Their own questions (copies and questions written in a shared article), and the articles'
    own questions except those they have a copy of: the copy stands in for the original.
    """
    mine = aliased(Question)
    copied = exists().where(mine.owner_id == teacher_id, mine.copied_from_id == Question.id)
    return or_(Question.owner_id == teacher_id, and_(Question.owner_id.is_(None), ~copied))


def bank_for(article: Article, teacher_id: int) -> list[Question]:
    """The article's bank as this teacher sees it (see ``visible_to``), in bank order."""
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.article_id == article.id, visible_to(teacher_id))
            .options(selectinload(Question.options))
            .order_by(Question.position, Question.id)
        )
    )


def own_question(question: Question, teacher_id: int) -> Question:
    """The question a teacher's change goes to.

    Their own question, or a question of their own article, is changed in place. A shared
    question is never changed: the teacher gets their own copy of it (made at the first change,
    with the same place in the bank), and their quizzes that hold the original hold the copy
    from then on. Sessions already opened keep their frozen questions either way.
    """
    if not is_shared(question):
        return question
    mine = db.session.scalar(
        select(Question).where(
            Question.owner_id == teacher_id, Question.copied_from_id == question.id
        )
    )
    if mine is None:
        mine = copy_of(question, teacher_id)
        db.session.add(mine)
        db.session.flush()
    quizzes = select(Quiz.id).where(Quiz.owner_id == teacher_id)
    holding_copy = select(QuizItem.quiz_id).where(QuizItem.question_id == mine.id)
    db.session.execute(
        update(QuizItem)
        .where(
            QuizItem.question_id == question.id,
            QuizItem.quiz_id.in_(quizzes),
            QuizItem.quiz_id.not_in(holding_copy),
        )
        .values(question_id=mine.id)
        .execution_options(synchronize_session=False)
    )
    for item in db.session.identity_map.values():
        if isinstance(item, QuizItem) and item.question_id == question.id:
            db.session.expire(item)
    return mine


def copy_of(question: Question, teacher_id: int) -> Question:
    """A teacher's own copy of a shared question: same content, place, status and options."""
    duplicate = Question(
        article_id=question.article_id,
        owner_id=teacher_id,
        copied_from_id=question.id,
        generated_id=None,
        kind=question.kind,
        stem=question.stem,
        answer=copy.deepcopy(question.answer),
        accepted=list(question.accepted or []),
        settings=copy.deepcopy(question.settings),
        answer_type=question.answer_type,
        source_sentence=question.source_sentence,
        source_start=question.source_start,
        source_end=question.source_end,
        section=question.section,
        difficulty=question.difficulty,
        rule=question.rule,
        generator=question.generator,
        status=question.status,
        edited=question.edited,
        position=question.position,
    )
    duplicate.options = [
        QuestionOption(position=option.position, text=option.text, origin=option.origin)
        for option in question.options
    ]
    return duplicate


def set_status_for(questions: Iterable[Question], status: str, teacher_id: int) -> int:
    """``set_status`` for a teacher: a shared question's change goes to the teacher's copy."""
    if status not in QUESTION_STATUSES:
        raise InvalidQuestion(f"Unknown status {status!r}.", "status")
    changing = [q for q in questions if q.status != status]
    return set_status([own_question(q, teacher_id) for q in changing], status)


def set_status(questions: Iterable[Question], status: str) -> int:
    """Give every question ``status``; returns how many changed."""
    if status not in QUESTION_STATUSES:
        raise InvalidQuestion(f"Unknown status {status!r}.", "status")
    changed = 0
    for question in questions:
        if question.status != status:
            question.status = status
            changed += 1
    db.session.flush()
    return changed


def update_question(question: Question, fields: dict[str, Any]) -> Question:
    """Save a teacher's changes; the question is marked edited, so regeneration leaves it alone."""
    content = checked_content(question.kind, fields)
    apply_content(question, content)
    question.edited = True
    if fields.get("approve"):
        question.status = "approved"
    db.session.flush()
    return question


def add_question(
    article: Article, fields: dict[str, Any], teacher_id: int | None = None
) -> Question:
    """Add a question the teacher wrote by hand; it is approved at once.

    In a shared article the question is the teacher's own (``owner_id``): the shared bank, which
    others and the public practice read, does not change.
    """
    kind = fields.get("kind")
    if kind not in REGISTRY:
        raise InvalidQuestion("Choose a kind of question.", "kind")
    content = checked_content(kind, fields)
    start, end = fields.get("source_start"), fields.get("source_end")
    if not (
        isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.body)
    ):
        raise InvalidQuestion("Choose the sentence of the article the question rests on.", "source")
    last = db.session.scalar(
        select(func.max(Question.position)).where(Question.article_id == article.id)
    )
    question = Question(
        kind=kind,
        generated_id=None,
        answer_type="term",
        source_sentence=article.body[start:end],
        source_start=start,
        source_end=end,
        section=section_at(article, start),
        difficulty=0.5,
        rule="teacher",
        generator=None,
        status="approved",
        edited=True,
        position=(last if last is not None else -1) + 1,
        accepted=[],
    )
    apply_content(question, content)
    if article.owner_id is None and teacher_id is not None:
        question.article_id, question.owner_id = article.id, teacher_id
        db.session.add(question)
    else:
        article.questions.append(question)
    db.session.flush()
    return question


def section_at(article: Article, offset: int) -> str | None:
    """The heading of the article's section that holds ``offset``."""
    for section in article.sections or ():
        if section["start"] <= offset < section["end"]:
            return section["heading"]
    return None


def checked_content(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The stem, options, key, accepted answers and settings, checked by the kind.

    ``InvalidQuestion`` (naming the part: ``stem``, ``answer``, ``options``, ...) otherwise.
    """
    stem = str(fields.get("stem") or "").strip()
    if not stem:
        raise InvalidQuestion("Write the question.", "stem")
    if len(stem) > MAX_STEM_CHARS:
        raise InvalidQuestion(
            f"The question is too long: {len(stem)} characters, at most {MAX_STEM_CHARS}.", "stem"
        )
    try:
        answer, options, accepted, settings = get_kind(kind).check_key(
            fields.get("answer"),
            fields.get("options"),
            fields.get("accepted") or [],
            fields.get("settings") or {},
        )
    except InvalidKey as error:
        raise InvalidQuestion(str(error), error.part) from None
    except InvalidResponse as error:
        raise InvalidQuestion(str(error), "answer") from None
    return {
        "stem": stem,
        "answer": answer,
        "options": options,
        "accepted": accepted,
        "settings": settings or None,
    }


def apply_content(question: Question, content: dict[str, Any]) -> None:
    """Write checked content into the question, changing option rows in place."""
    question.stem = content["stem"]
    question.answer = content["answer"]
    question.accepted = content["accepted"]
    question.settings = content.get("settings")
    keys = set(get_kind(question.kind).right_options(QuestionData.of(question)))
    previous = {option.text: option.origin for option in question.options}
    rows = [
        (text, "key" if text in keys else previous.get(text, "teacher"))
        for text in content["options"] or ()
    ]
    set_options(question, rows)
