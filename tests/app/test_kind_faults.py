"""Kind-related faults found while trying the app as a teacher and a student, and the numeric kind
over HTTP: writing one, playing it, the live reveal and the report."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.live_phone import facts_for
from quizapp.models import ClassSession, Question
from quizapp.operations.play import utc_now
from tests.app.test_teacher_articles import owned_article
from tests.factories import make_session, one_question_per_kind


def write(client: FlaskClient, article_id: int, kind: str, **data: str):
    url = f"/teacher/articles/{article_id}/questions/new?kind={kind}"
    return client.post(url, data={"source": "0", **data})


def written(app: Flask, kind: str) -> Question:
    with app.app_context():
        question = db.session.scalar(
            select(Question).where(Question.kind == kind, Question.rule == "teacher")
        )
        _ = question.options
        db.session.expunge(question)
        return question


def joined(app: Flask, session_id: int, nickname: str) -> FlaskClient:
    client = app.test_client()
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    assert client.post(f"/join/{code}", data={"nickname": nickname}).status_code == 302
    return client


def live_game(app: Flask, teacher_client: FlaskClient, questions: list[Any]) -> tuple[int, int]:
    """A live game of ``questions`` with its first question open: (game id, its question id)."""
    with app.app_context():
        merged = [db.session.merge(q) for q in questions]
        game = make_session(teacher_client.teacher_id, mode="live", questions=merged)
        game_id, first = game.id, game.questions[0].id
    return game_id, first


def test_an_ordering_question_written_by_hand_is_saved(
    app: Flask, teacher_client: FlaskClient
) -> None:
    # It failed with "Give at least 2 options": a new question's stored order started empty.
    article_id = owned_article(app, teacher_client)
    items = "Sputnik 1\nApollo 11\nApollo-Soyuz"
    response = write(teacher_client, article_id, "ordering", stem="Put in order.", order=items)
    assert response.status_code == 302, response.get_data(as_text=True)
    question = written(app, "ordering")
    assert question.answer == items.split("\n")
    assert sorted(question.option_texts) == sorted(question.answer)
    assert question.option_texts != question.answer  # never stored in the right order


def test_a_live_typed_answer_stays_in_its_field_once_locked(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        blank = next(q for q in one_question_per_kind() if q.kind == "fill_blank")
        db.session.commit()
        blank = db.session.merge(blank)
        other = next(q for q in one_question_per_kind() if q.kind == "true_false")
        game = make_session(teacher_client.teacher_id, mode="live", questions=[blank, other])
        game_id, question_id = game.id, game.questions[0].id
    ana, ben = joined(app, game_id, "Ana"), joined(app, game_id, "Ben")
    teacher_client.post(f"/host/{game_id}/next")
    sent = ana.post(f"/live/{game_id}/answer", data={"question_id": question_id, "text": "Hubble"})
    assert sent.status_code == 302
    stage = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)  # a reload, or the poll
    assert "Answer sent" in stage
    assert re.search(r'<input[^>]*name="text"[^>]*value="Hubble"', stage), stage
    assert 'value="Hubble"' not in ben.get(f"/live/{game_id}/stage").get_data(as_text=True)
    # The shared (pushed) stage holds nobody's answer: the phone's facts carry it to its field.
    changed = ana.post(
        f"/live/{game_id}/answer",
        data={"question_id": question_id, "text": "Webb"},
        headers={"Accept": "application/json"},
    )
    assert changed.status_code == 200
    assert changed.get_json()["me"]["fields"] == {"text": "Webb"}
    with app.app_context():
        game = db.session.get(ClassSession, game_id)
        facts = facts_for(game, [p.id for p in game.participants], utc_now())
    assert sorted(f["fields"].get("text", "") for f in facts.values()) == ["", "Webb"]


def test_projector_and_phones_show_matching_the_same_way(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        matching = next(q for q in one_question_per_kind() if q.kind == "matching")
        lefts = [left for left, _ in matching.answer]
        db.session.commit()
    game_id, _ = live_game(app, teacher_client, [matching])
    ana = joined(app, game_id, "Ana")
    teacher_client.post(f"/host/{game_id}/next")
    host = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    phone = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)
    # The projector shows the items to match (it showed only the right-hand items), in the order
    # the phones list them, and that order is not the key's.
    on_host = re.findall(r'<li class="pairs__item">([^<]*)</li>', host)
    on_phone = re.findall(r'<label class="field__label" for="match_\d+">([^<]*)</label>', phone)
    assert sorted(on_host) == sorted(lefts) and on_host == on_phone
    assert on_host != lefts


def test_projector_and_phones_show_select_all_options_with_the_same_shapes(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        select_all = next(q for q in one_question_per_kind() if q.kind == "multiple_select")
        options = select_all.option_texts
        db.session.commit()
    game_id, _ = live_game(app, teacher_client, [select_all])
    ana = joined(app, game_id, "Ana")
    teacher_client.post(f"/host/{game_id}/next")
    host = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    phone = ana.get(f"/live/{game_id}/stage").get_data(as_text=True)
    for letter, text in zip("abcd", options, strict=False):
        assert re.search(
            rf'answer--{letter}[^"]*">\s*<span class="shape"[^>]*></span>\s*'
            rf'<span class="answer__text">{re.escape(text)}<',
            host,
        )
        assert re.search(
            rf'shape--{letter}" aria-hidden="true"></span>\s*<label[^>]*>'
            rf"{re.escape(text)}<",
            phone,
        ), phone


def test_a_numeric_question_from_writing_to_the_report(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id = owned_article(app, teacher_client)
    refused = write(
        teacher_client, article_id, "numeric", stem="In what year?", number="soon", tolerance="0"
    )
    assert refused.status_code == 400 and "as a number in digits" in refused.get_data(as_text=True)
    response = write(
        teacher_client,
        article_id,
        "numeric",
        stem="How many member states does ESA have?",
        number="22",
        unit="member states",
        tolerance="0",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    question = written(app, "numeric")
    assert question.answer == 22 and question.settings["unit"] == "member states"
    edit = teacher_client.post(
        f"/teacher/questions/{question.id}/edit",
        data={
            "stem": question.stem,
            "number": "22",
            "unit": "member states",
            "tolerance": "10",
            "percent": "y",
        },
    )
    assert edit.status_code == 302
    with app.app_context():
        question = db.session.get(Question, question.id)
        assert question.settings == {"tolerance": 10, "percent": True, "unit": "member states"}
        session = make_session(teacher_client.teacher_id, questions=[question])
        session_id, sq_id = session.id, session.questions[0].id
    ana = joined(app, session_id, "Ana")
    page = ana.get(f"/play/{session_id}").get_data(as_text=True)
    assert 'inputmode="decimal"' in page and "member states</span>" in page
    words = ana.post(f"/play/{session_id}/answer", data={"question_id": sq_id, "number": "twenty"})
    assert words.status_code == 400 and "in digits" in words.get_data(as_text=True)
    sent = ana.post(f"/play/{session_id}/answer", data={"question_id": sq_id, "number": "about 24"})
    assert sent.status_code == 302
    assert "Right!" in ana.get(sent.headers["Location"]).get_data(as_text=True)
    report = teacher_client.get(f"/teacher/sessions/{session_id}/report").get_data(as_text=True)
    assert "22 member states ± 10%" in report
    csv = teacher_client.get(f"/teacher/sessions/{session_id}/responses.csv").get_data(as_text=True)
    assert "24 member states,22 member states,yes" in csv
    xlsx = teacher_client.get(f"/teacher/sessions/{session_id}/report.xlsx")
    assert xlsx.status_code == 200


def test_the_live_reveal_shows_how_guesses_spread_around_a_number(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        year = next(
            q
            for q in db.session.scalars(select(Question).where(Question.kind == "numeric"))
            if q.answer == 1969
        )
        db.session.expunge(year)
    game_id, question_id = live_game(app, teacher_client, [year])
    phones = [joined(app, game_id, name) for name in ("Ana", "Ben", "Cleo")]
    teacher_client.post(f"/host/{game_id}/next")
    for phone, guess in zip(phones, ("1969", "1,970", "about 1950"), strict=True):
        stage = phone.get(f"/live/{game_id}/stage").get_data(as_text=True)
        assert 'inputmode="decimal"' in stage
        sent = phone.post(
            f"/live/{game_id}/answer", data={"question_id": question_id, "number": guess}
        )
        assert sent.status_code == 302
    host = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    assert "bar-chart--spread" in host
    table = host[host.index("<caption>How far the guesses were") :]
    rows = re.findall(r'<th scope="row">([^<]*)</th><td>(\d+)</td>', table)
    assert ("1969 (the answer)", "1") in rows
    assert sum(int(count) for _, count in rows) == 3
