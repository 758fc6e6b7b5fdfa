"""Storing generated questions: provenance, idempotent regeneration, teachers' edits kept."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.generation import generate
from quizapp.models import Question
from quizapp.operations.articles import (
    apply_bank,
    builtin_article_text,
    find_builtin_article,
    regenerate,
    store_article,
)


def test_builtin_questions_are_stored_with_their_provenance(app) -> None:
    with app.app_context():
        article = find_builtin_article()
        bank = generate(article.body, article.title)
        assert [q.generated_id for q in article.questions] == [q.id for q in bank.questions]
        for stored, generated in zip(article.questions, bank.questions, strict=True):
            assert stored.kind == generated.kind
            assert stored.stem == generated.stem
            assert stored.source_sentence == generated.source.sentence
            assert article.body[stored.source_start : stored.source_end] == stored.source_sentence
            assert stored.rule == generated.rule
            assert stored.generator == bank.generator
            assert stored.option_texts == (list(generated.options) if generated.options else None)
        mc = next(q for q in article.questions if q.kind == "multiple_choice")
        origins = {option.text: option.origin for option in mc.options}
        assert origins[mc.answer] == "key"
        assert all(origin for text, origin in origins.items() if text != mc.answer)


def test_regenerating_is_idempotent(app) -> None:
    with app.app_context():
        article = find_builtin_article()
        before = [(q.id, q.generated_id, q.stem) for q in article.questions]
        summary = regenerate(article)
        db.session.commit()
        assert summary.added == summary.updated == summary.removed == 0
        assert summary.unchanged == len(before)
        assert [(q.id, q.generated_id, q.stem) for q in article.questions] == before
        _, again = store_article(builtin_article_text(), builtin=True)
        db.session.commit()
        assert again.added == 0
        assert db.session.scalar(select(func.count(Question.id))) == len(before)


def test_an_edited_question_survives_regeneration(app) -> None:
    with app.app_context():
        article = find_builtin_article()
        question = article.questions[0]
        question.stem = "A teacher's own wording?"
        question.edited = True
        db.session.commit()
        summary = regenerate(article)
        db.session.commit()
        assert summary.kept_edited == 1
        db.session.expire_all()
        kept = db.session.get(Question, question.id)
        assert kept.stem == "A teacher's own wording?"
        same_id = select(func.count()).where(Question.generated_id == question.generated_id)
        assert db.session.scalar(same_id) == 1


def test_questions_the_generator_no_longer_makes(app) -> None:
    """Unedited pending ones go; edited, approved and hand-written ones stay."""
    with app.app_context():
        article = find_builtin_article()
        bank = generate(article.body, article.title)
        pending, edited, approved = article.questions[:3]
        edited.edited = True
        approved.status = "approved"
        article.questions.append(
            Question(
                kind="fill_blank",
                stem="The ISS was launched in the late _____.",
                answer="1990s",
                accepted=[],
                answer_type="year",
                source_sentence="x",
                source_start=0,
                source_end=1,
                rule="teacher",
                position=999,
            )
        )
        db.session.commit()
        summary = apply_bank(article, replace(bank, questions=bank.questions[3:]))
        db.session.commit()
        assert summary.removed == 1
        ids = {q.generated_id for q in article.questions}
        assert pending.generated_id not in ids
        assert {edited.generated_id, approved.generated_id, None} <= ids


def test_a_teachers_text_is_stored_once_per_owner(app) -> None:
    text = builtin_article_text().replace("Advancing together", "Working together", 1)
    with app.app_context():
        first, summary = store_article(text)
        db.session.commit()
        second, again = store_article(text)
        db.session.commit()
        assert first.id == second.id
        assert summary.added == again.unchanged > 0
        assert first.title.startswith("Working together")
        assert not first.is_builtin and not first.is_public
