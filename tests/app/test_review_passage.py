"""A student's review folds a long cited passage, so on a phone the verdict comes first."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Question
from quizapp.play.review import review_of
from tests.app.test_public_practice import builtin_id


def _review_html(app: Flask, kind: str) -> tuple[str, Question]:
    with app.test_request_context():
        question = db.session.scalars(
            select(Question).where(Question.article_id == builtin_id(app), Question.kind == kind)
        ).first()
        assert question is not None, kind
        macros = app.jinja_env.get_template("play/_review.html").module
        return str(macros.details(review_of(1, question, None))), question


def test_a_matching_review_folds_its_passage_behind_the_label(app: Flask) -> None:
    html, question = _review_html(app, "matching")
    assert len(question.source_sentence) > 480  # it cites every fact it asks
    assert '<details class="source-quote__fold">' in html
    label = r"From the article <span class=\"source-quote__size\">\((\d+) words\)</span>"
    size = re.search(label, html)
    assert size is not None, html[:300]
    assert abs(int(size.group(1)) - len(question.source_sentence.split())) <= 5


def test_a_one_sentence_review_shows_its_sentence_unfolded(app: Flask) -> None:
    html, question = _review_html(app, "fill_blank")
    assert len(question.source_sentence) <= 480
    assert "<details" not in html
    assert '<span class="source-quote__label">From the article</span>' in html
