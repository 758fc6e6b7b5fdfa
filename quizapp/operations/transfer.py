"""The one adapter between stored questions and interchange formats' ``Item``s, both ways.

Formats know questions only by their answer shape; this module maps a stored ``Question`` to an
``Item`` through the kind registry (``get_kind(kind).shape``) and an imported ``Item`` back to the
kind that owns its shape (``kind_for_shape``), checked by the same rules as a teacher's own edit.
Imported questions go into a bank (an ``Article``) of the teacher's own; its body is made of the
imported source sentences, so the review page shows each one where a question has it. Add and
flush only: the caller commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..formats import SHAPE_LABELS, FormatError, ImportResult, Item, Problem
from ..formats.items import display_order
from ..kinds import AnswerShape, get_kind, kind_for_shape
from ..models import Article, Question, Quiz, Teacher
from .articles import set_options
from .questions import InvalidQuestion, checked_content

#: Imported banks are titled after the file; a title longer than this is cut.
MAX_TITLE_CHARS = 200


# --- stored questions → items --------------------------------------------------------------------


def item_from_question(question: Question) -> Item:
    """A stored question as a format-neutral item; the source sentence travels as feedback."""
    shape = get_kind(question.kind).shape
    answer = question.answer
    accepted = [text for text in question.accepted or [] if text != answer]
    item = Item(
        shape=shape,
        stem=question.stem,
        answer=answer,
        options=question.option_texts,
        accepted=accepted if shape == AnswerShape.TEXT else [],
        feedback=question.source_sentence or None,
    )
    if shape == AnswerShape.NUMBER:
        settings = getattr(question, "settings", None) or {}
        item.tolerance = settings.get("tolerance") or 0
        item.tolerance_percent = bool(settings.get("percent"))
    return item


def bank_questions(bank: Sequence[Question]) -> tuple[list[Question], str | None]:
    """The questions of a bank to export: the approved ones, else every one not rejected.

    ``bank`` is the bank as its reader sees it (``operations.questions.bank_for`` for a
    teacher: their own copies of shared questions in place of the originals). The second value
    says which questions, when it is not the approved ones.
    """
    approved = [q for q in bank if q.status == "approved"]
    if approved:
        return approved, None
    usable = [q for q in bank if q.status != "rejected"]
    return usable, "No question of this bank is approved yet: every question not rejected is used."


def quiz_questions(quiz: Quiz) -> list[Question]:
    return [item.question for item in quiz.items]


# --- items → stored questions --------------------------------------------------------------------


@dataclass
class Candidate:
    """One imported question as the app would store it, or why it cannot be."""

    item: Item
    where: str
    kind: str | None = None
    content: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_json(self) -> dict[str, Any]:
        """The question in the shape of ``quizapp generate --json`` (``source`` may be null)."""
        content = self.content
        digest = hashlib.sha256(repr((self.kind, content)).encode()).hexdigest()[:16]
        feedback = self.item.feedback
        return {
            "id": f"import-{digest}",
            "kind": self.kind,
            "stem": content["stem"],
            "options": content["options"],
            "answer": content["answer"],
            "accepted": content["accepted"],
            "answer_type": "term",
            "source": {"sentence": feedback, "start": None, "end": None} if feedback else None,
            "difficulty": 0.5,
            **(content.get("settings") or {}),
        }


def candidates(result: ImportResult) -> list[Candidate]:
    """Each imported item checked as the app's own kind; a problem says why one cannot be kept."""
    found = []
    for item, where in zip(result.items, result.places, strict=True):
        found.append(candidate(item, where))
    return found


def candidate(item: Item, where: str) -> Candidate:
    try:
        kind = kind_for_shape(item.shape)
    except KeyError:
        return Candidate(item, where, problem=f"quizapp has no {SHAPE_LABELS[item.shape]} kind.")
    fields = fields_of(item)
    try:
        content = checked_content(kind.name, fields)
    except InvalidQuestion as error:
        return Candidate(item, where, kind=kind.name, problem=str(error))
    return Candidate(item, where, kind=kind.name, content=content)


def fields_of(item: Item) -> dict[str, Any]:
    """The item in the terms of ``operations.questions.checked_content``."""
    options = item.options
    if item.shape == AnswerShape.PAIRS:
        options = item.rights()
    elif item.shape == AnswerShape.SEQUENCE and not options:
        options = display_order(list(item.answer))
    elif item.shape in (AnswerShape.TRUTH, AnswerShape.TEXT, AnswerShape.NUMBER):
        options = None
    settings = {}
    if item.shape == AnswerShape.NUMBER:
        settings = {"tolerance": item.tolerance, "percent": item.tolerance_percent, "unit": ""}
    return {
        "stem": item.stem,
        "answer": item.answer,
        "options": options,
        "accepted": item.accepted,
        "settings": settings,
    }


def problems(result: ImportResult, found: Sequence[Candidate]) -> list[Problem]:
    """Everything not imported: what the format reader skipped and what our checks refused."""
    return [*result.skipped, *(Problem(c.where, c.problem) for c in found if not c.ok)]


def import_bank(owner: Teacher | None, title: str, found: Sequence[Candidate]) -> Article:
    """A new bank of ``owner``'s holding the good candidates, approved and marked as edited.

    Raises ``FormatError`` when there is nothing to import.
    """
    good = [c for c in found if c.ok]
    if not good:
        raise FormatError("No question in the file can be imported.")
    sentences = list(dict.fromkeys(c.item.feedback for c in good if c.item.feedback))
    body = "\n\n".join(sentences)
    offsets, cursor = {}, 0
    for sentence in sentences:
        offsets[sentence] = cursor
        cursor += len(sentence) + 2
    article = Article(
        owner=owner,
        title=(title.strip() or "Imported questions")[:MAX_TITLE_CHARS],
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        words=len(body.split()),
        is_builtin=False,
        is_public=False,
        generator=None,
        sections=[],
    )
    db.session.add(article)
    for position, found_one in enumerate(good):
        sentence = found_one.item.feedback or ""
        start = offsets.get(sentence, 0)
        question = Question(
            kind=found_one.kind,
            generated_id=None,
            answer_type="term",
            source_sentence=sentence,
            source_start=start,
            source_end=start + len(sentence),
            section=None,
            difficulty=0.5,
            rule="import",
            generator=None,
            status="approved",
            edited=True,
            position=position,
        )
        content = found_one.content
        question.stem, question.answer = content["stem"], content["answer"]
        question.accepted = content["accepted"]
        question.settings = content.get("settings")
        article.questions.append(question)
        keys = key_options(found_one.kind, content)
        rows = [(text, "key" if text in keys else "import") for text in content["options"] or ()]
        set_options(question, rows)
    db.session.flush()
    return article


def key_options(kind: str, content: dict[str, Any]) -> set[str]:
    """The options that are right answers, for the options' ``origin``: asked of the shape."""
    shape = get_kind(kind).shape
    if shape == AnswerShape.ONE_CHOICE:
        return {content["answer"]}
    if shape == AnswerShape.MANY_CHOICES:
        return set(content["answer"])
    return set()


def teacher_by_email(email: str) -> Teacher | None:
    return db.session.scalar(select(Teacher).where(Teacher.email == email.strip().lower()))
