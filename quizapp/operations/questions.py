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
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, update
from sqlalchemy.orm import aliased, selectinload

from ..extensions import db
from ..kinds import KINDS, InvalidResponse, get_kind
from ..models import QUESTION_STATUSES, Article, Question, QuestionOption, Quiz, QuizItem
from .articles import set_options

MAX_STEM_CHARS = 500
MAX_OPTION_CHARS = 200
MAX_OPTIONS = 8
MIN_OPTIONS = 2
MAX_ACCEPTED = 20

#: The kinds whose questions show options.
OPTION_KINDS = ("multiple_choice", "multiple_select", "matching", "ordering")


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
    if kind not in KINDS:
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
    """The stem, options, key and accepted answers, checked; ``InvalidQuestion`` otherwise."""
    stem = str(fields.get("stem") or "").strip()
    if not stem:
        raise InvalidQuestion("Write the question.", "stem")
    if len(stem) > MAX_STEM_CHARS:
        raise InvalidQuestion(
            f"The question is too long: {len(stem)} characters, at most {MAX_STEM_CHARS}.", "stem"
        )
    options = fields.get("options")
    answer = fields.get("answer")
    accepted: list[str] = []
    try:
        if kind in ("multiple_choice", "fill_blank") and not str(answer or "").strip():
            raise InvalidResponse("Write the right answer.")
        if kind == "matching":
            answer = checked_pairs(answer)
        options = checked_options(options) if kind in OPTION_KINDS else None
        answer = checked_answer(kind, answer, options)
    except InvalidResponse as error:
        raise InvalidQuestion(str(error), "answer") from None
    if kind == "fill_blank":
        accepted = checked_accepted(answer, fields.get("accepted") or [])
    return {"stem": stem, "answer": answer, "options": options, "accepted": accepted}


def checked_options(options: Any) -> list[str]:
    """Options: 2 to 8 distinct, non-empty texts of at most 200 characters."""
    if not isinstance(options, list | tuple) or not all(isinstance(o, str) for o in options):
        raise InvalidQuestion("Give the options as a list of texts.", "options")
    texts = [option.strip() for option in options]
    if any(not text for text in texts):
        raise InvalidQuestion("An option is empty.", "options")
    for text in texts:
        if len(text) > MAX_OPTION_CHARS:
            raise InvalidQuestion(
                f"The option “{text[:40]}…” is too long: at most {MAX_OPTION_CHARS} characters.",
                "options",
            )
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            raise InvalidQuestion(f"“{text}” is there twice; every option must differ.", "options")
        seen.add(text.casefold())
    if len(texts) < MIN_OPTIONS:
        raise InvalidQuestion(f"Give at least {MIN_OPTIONS} options.", "options")
    if len(texts) > MAX_OPTIONS:
        raise InvalidQuestion(
            f"Give at most {MAX_OPTIONS} options; there are {len(texts)}.", "options"
        )
    return texts


def checked_answer(kind: str, answer: Any, options: Sequence[str] | None) -> Any:
    """The key, checked by the kind itself (it must be a response that earns full marks)."""
    handler = get_kind(kind)
    if kind == "multiple_choice":
        key = handler.normalise_response(_stripped(answer), options)
    elif kind == "multiple_select":
        key = handler.normalise_response([_stripped(a) for a in _listed(answer)], options)
        if not key:
            raise InvalidResponse("Write at least one right answer.")
        if len(key) == len(options or ()):
            raise InvalidResponse("Leave at least one wrong option, or every pick would be right.")
    elif kind == "true_false":
        key = handler.normalise_response(answer, None)
    elif kind == "fill_blank":
        key = handler.normalise_response(_stripped(answer), None)
        if len(key) > MAX_OPTION_CHARS:
            raise InvalidResponse(f"The answer is too long: at most {MAX_OPTION_CHARS} characters.")
    elif kind == "matching":
        pairs = checked_pairs(answer)
        key = handler.normalise_response(pairs, options, key=pairs)
    elif kind == "ordering":
        key = handler.normalise_response([_stripped(a) for a in _listed(answer)], options)
    else:  # pragma: no cover - KINDS and the registry agree (checked at start-up)
        raise InvalidResponse(f"Unknown kind {kind!r}.")
    return key


def checked_pairs(answer: Any) -> list[list[str]]:
    """A matching key: 2 to 8 [item, match] pairs of non-empty texts."""
    pairs = [[_stripped(left), _stripped(right)] for left, right in _pairs(answer)]
    for left, right in pairs:
        if not isinstance(left, str) or not isinstance(right, str) or not left or not right:
            raise InvalidResponse("Each pair needs an item and its match, as “item => match”.")
        if len(left) > MAX_OPTION_CHARS:
            raise InvalidResponse(f"An item is too long: at most {MAX_OPTION_CHARS} characters.")
    if len(pairs) < MIN_OPTIONS:
        raise InvalidResponse(f"Give at least {MIN_OPTIONS} pairs to match.")
    if len(pairs) > MAX_OPTIONS:
        raise InvalidResponse(f"Give at most {MAX_OPTIONS} pairs to match.")
    return pairs


def checked_accepted(answer: str, accepted: Any) -> list[str]:
    """Other answers that count as right; the canonical answer comes first, as generated ones do."""
    variants = [str(v).strip() for v in _listed(accepted) if str(v).strip()]
    if len(variants) > MAX_ACCEPTED:
        raise InvalidQuestion(f"Give at most {MAX_ACCEPTED} other accepted answers.", "accepted")
    for variant in variants:
        if len(variant) > MAX_OPTION_CHARS:
            raise InvalidQuestion(
                f"An accepted answer is too long: at most {MAX_OPTION_CHARS} characters.",
                "accepted",
            )
    return list(dict.fromkeys([answer, *variants]))


def apply_content(question: Question, content: dict[str, Any]) -> None:
    """Write checked content into the question, changing option rows in place."""
    question.stem = content["stem"]
    question.answer = content["answer"]
    question.accepted = content["accepted"]
    keys = set(key_texts(question.kind, content["answer"]))
    previous = {option.text: option.origin for option in question.options}
    rows = [
        (text, "key" if text in keys else previous.get(text, "teacher"))
        for text in content["options"] or ()
    ]
    set_options(question, rows)


def key_texts(kind: str, answer: Any) -> list[str]:
    """The option texts that are right answers (multiple_choice and multiple_select)."""
    if kind == "multiple_choice":
        return [answer]
    if kind == "multiple_select":
        return list(answer)
    return []


def arrange_options(previous: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """``wanted`` in an order that changes as little as possible from ``previous``.

    Options that stay keep their place, a new option takes the place of one that went, and the
    rest follow. With no previous order (a new question) the options are sorted, so the key is not
    always first.
    """
    if len(set(wanted)) != len(wanted):
        return list(wanted)  # duplicates: left for ``checked_options`` to refuse
    if not previous:
        arranged = sorted(wanted, key=str.casefold)
        return arranged
    slots: list[str | None] = [text if text in wanted else None for text in previous]
    fresh = [text for text in wanted if text not in slots]
    for index, slot in enumerate(slots):
        if slot is None and fresh:
            slots[index] = fresh.pop(0)
    return [text for text in slots if text is not None] + fresh


def shuffled_order(items: Sequence[str]) -> list[str]:
    """A display order for an ordering question that is not its answer (sorted, else reversed)."""
    arranged = sorted(items, key=str.casefold)
    if arranged == list(items):
        arranged.reverse()
    return arranged


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _listed(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    raise InvalidResponse(f"Expected a list, not {type(value).__name__}.")


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    pairs = []
    for pair in _listed(value):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise InvalidResponse("Each pair needs an item and its match.")
        pairs.append((pair[0], pair[1]))
    return pairs
