"""The question bank can be ordered by the generator's quality estimate, weakest first."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Question
from tests.app.test_question_review import own_copy


def _fill_blank_ids(app: Flask, article_id: int) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Question.id)
                .where(Question.article_id == article_id, Question.kind == "fill_blank")
                .order_by(Question.position)
            )
        )


def _shown(page: str, ids: list[int]) -> list[int]:
    """The ids among ``ids`` in the order the page shows their cards."""
    found = [
        int(m) for m in re.findall(r'<li class="question-card review-card[^"]*" id="q-(\d+)"', page)
    ]
    return [i for i in found if i in set(ids)]


def test_weakest_first_orders_each_kind_by_quality(app: Flask, teacher_client: FlaskClient) -> None:
    article_id = own_copy(app, teacher_client)
    ids = _fill_blank_ids(app, article_id)[:4]
    with app.app_context():
        for rank, question_id in enumerate(ids):
            db.session.get(Question, question_id).quality = 0.9 - 0.2 * rank  # last is weakest
        db.session.commit()
    plain = teacher_client.get(f"/teacher/articles/{article_id}/questions").text
    assert _shown(plain, ids) == ids
    weakest = teacher_client.get(f"/teacher/articles/{article_id}/questions?order=weakest")
    assert weakest.status_code == 200
    assert _shown(weakest.text, ids) == list(reversed(ids))
    assert "Quality estimate 0.30" in weakest.text
    assert 'aria-current="true">Weakest first' in weakest.text
    odd = teacher_client.get(f"/teacher/articles/{article_id}/questions?order=bogus")
    assert odd.status_code == 200 and _shown(odd.text, ids) == ids


def test_reviewing_weakest_first_keeps_the_order(app: Flask, teacher_client: FlaskClient) -> None:
    article_id = own_copy(app, teacher_client)
    question_id = _fill_blank_ids(app, article_id)[0]
    response = teacher_client.post(
        f"/teacher/questions/{question_id}/status",
        data={"status": "approved", "show": "pending", "order": "weakest"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?status=pending&order=weakest#q-{question_id}")
    bad = teacher_client.post(
        f"/teacher/questions/{question_id}/status", data={"status": "rejected", "order": "x"}
    )
    assert bad.status_code == 400
