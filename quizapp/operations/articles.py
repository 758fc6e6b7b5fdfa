"""Storing articles and their generated questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from ..extensions import db
from ..generation import GeneratedBank, GeneratedQuestion, generate
from ..kinds import QuestionData, get_kind
from ..models import Article, Question, QuestionOption, Teacher
from ..paths import BUILTIN_ARTICLE


@dataclass(frozen=True)
class RegenerationSummary:
    """What one regeneration did to an article's question bank."""

    generated: int
    added: int
    updated: int
    unchanged: int
    kept_edited: int
    removed: int


def builtin_article_text() -> str:
    """The article that ships inside the package."""
    return BUILTIN_ARTICLE.read_text(encoding="utf-8")


def find_builtin_article() -> Article | None:
    """The built-in article, if it has been loaded."""
    return db.session.scalar(select(Article).where(Article.is_builtin).limit(1))


def ensure_builtin_article() -> Article:
    """Load the built-in article and its questions unless the database has it already."""
    article = find_builtin_article()
    if article is None:
        article, _ = store_article(builtin_article_text(), builtin=True)
    return article


def store_article(
    text: str,
    *,
    title: str | None = None,
    owner: Teacher | None = None,
    builtin: bool = False,
    bank: GeneratedBank | None = None,
) -> tuple[Article, RegenerationSummary]:
    """Store a text and its questions, or regenerate the same owner's copy of the same text.

    ``bank`` is the text's generated questions when the caller generated them already (outside
    any transaction: see ``teacher/articles.py``); otherwise they are generated here. Raises
    ``UnusableText`` (before anything is written) when the text cannot give questions.
    """
    if bank is None:
        bank = generate(text, title)
    article = db.session.scalar(
        select(Article).where(
            Article.sha256 == bank.sha256,
            Article.owner_id == (owner.id if owner else None),
            Article.is_builtin == builtin,
        )
    )
    if article is None:
        article = Article(
            owner=owner,
            title=bank.title,
            body=text,
            sha256=bank.sha256,
            words=bank.words,
            is_builtin=builtin,
            is_public=builtin,
        )
        db.session.add(article)
    return article, apply_bank(article, bank)


def regenerate(article: Article, bank: GeneratedBank | None = None) -> RegenerationSummary:
    """Run the generator on the article again (unless ``bank`` is its result) and merge it."""
    return apply_bank(article, bank if bank is not None else generate(article.body, article.title))


def apply_bank(article: Article, bank: GeneratedBank) -> RegenerationSummary:
    """Merge generated questions into the article's bank.

    Idempotent: a question the generator makes again keeps its row (same stable id). A question a
    teacher edited is never touched; an unedited, unapproved question that the generator no longer
    makes is removed; questions written by hand stay.
    """
    existing = {q.generated_id: q for q in article.questions if q.generated_id}
    added = updated = unchanged = kept_edited = 0
    for position, generated in enumerate(bank.questions):
        question = existing.get(generated.id)
        if question is None:
            article.questions.append(question_from_generated(generated, position, bank.generator))
            added += 1
        elif question.edited:
            kept_edited += 1
        elif refresh_question(question, generated, position, bank.generator):
            updated += 1
        else:
            unchanged += 1
    fresh_ids = {generated.id for generated in bank.questions}
    stale = [
        q
        for q in existing.values()
        if q.generated_id not in fresh_ids and not q.edited and q.status != "approved"
    ]
    for question in stale:
        article.questions.remove(question)
    article.generator = bank.generator
    article.sections = [
        {"heading": section.heading, "start": section.start, "end": section.end}
        for section in bank.sections
    ]
    article.generated_at = datetime.now(UTC)
    db.session.flush()
    return RegenerationSummary(
        generated=len(bank.questions),
        added=added,
        updated=updated,
        unchanged=unchanged,
        kept_edited=kept_edited,
        removed=len(stale),
    )


def generated_fields(generated: GeneratedQuestion, position: int, generator: str) -> dict:
    """The question columns a generated question sets."""
    data = generated.to_json()
    return {
        "kind": generated.kind,
        "stem": generated.stem,
        "answer": data["answer"],
        "accepted": data["accepted"],
        "settings": dict(generated.settings) or None,
        "answer_type": generated.answer_type,
        "source_sentence": generated.source.sentence,
        "source_start": generated.source.start,
        "source_end": generated.source.end,
        "section": generated.section,
        "difficulty": generated.difficulty,
        "quality": generated.quality,
        "rule": generated.rule,
        "generator": generator,
        "position": position,
    }


def option_rows(generated: GeneratedQuestion) -> list[tuple[str, str | None]]:
    """(text, origin) for each option, in order; keys are marked with the origin "key"."""
    keys = set(key_texts(generated))
    return [
        (text, "key" if text in keys else generated.distractor_origins.get(text))
        for text in generated.options or ()
    ]


def key_texts(generated: GeneratedQuestion) -> list[str]:
    """The option texts that are right answers (the kind knows which)."""
    return get_kind(generated.kind).right_options(QuestionData.of(generated))


def question_from_generated(
    generated: GeneratedQuestion, position: int, generator: str
) -> Question:
    """A new row for a generated question."""
    question = Question(
        generated_id=generated.id, **generated_fields(generated, position, generator)
    )
    set_options(question, option_rows(generated))
    return question


def refresh_question(
    question: Question, generated: GeneratedQuestion, position: int, generator: str
) -> bool:
    """Bring an unedited question up to date; return whether anything changed."""
    changed = False
    for name, value in generated_fields(generated, position, generator).items():
        if getattr(question, name) != value:
            setattr(question, name, value)
            changed = True
    rows = option_rows(generated)
    if [(o.text, o.origin) for o in question.options] != rows:
        set_options(question, rows)
        changed = True
    return changed


def set_options(question: Question, rows: list[tuple[str, str | None]]) -> None:
    """Make the question's options these (text, origin) rows, in order.

    Rows are changed in place rather than replaced: a replacement would insert the new row before
    deleting the old one and trip the unique (question, position) constraint.
    """
    options = list(question.options)
    for index, (text, origin) in enumerate(rows):
        if index < len(options):
            options[index].text, options[index].origin = text, origin
        else:
            question.options.append(QuestionOption(position=index, text=text, origin=origin))
    for option in options[len(rows) :]:
        question.options.remove(option)
