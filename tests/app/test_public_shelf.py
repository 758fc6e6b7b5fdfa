"""The public shelf and reading page; teachers publish and unpublish their own articles."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.operations.articles import builtin_article_text, find_builtin_article
from tests.conftest import login


def builtin(app: Flask) -> tuple[int, str, list[dict]]:
    with app.app_context():
        article = find_builtin_article()
        return article.id, article.title, list(article.sections)


def own_article(client: FlaskClient, title: str = "Partners in orbit") -> int:
    paragraphs = builtin_article_text().split("\n\n")
    text = title + "\n\n" + "\n\n".join(paragraphs[3:12])
    response = client.post("/teacher/articles/new", data={"text": text})
    assert response.status_code == 302
    return int(response.headers["Location"].split("/")[-2])


def test_home_features_the_builtin_article_with_test_yourself(app, client) -> None:
    article_id, title, sections = builtin(app)
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert title in page
    assert "Test yourself" in page and f'action="/articles/{article_id}/practice"' in page
    assert "Read the article" in page and f'href="/articles/{article_id}"' in page
    for section in sections:
        if section["heading"]:
            assert section["heading"] in page
    assert "/static/css/public.css" in page and "/static/css/app.css" not in page
    assert "Set-Cookie" not in response.headers


def test_the_reading_page_has_headings_addressable_sentences_and_no_answers(app, client) -> None:
    article_id, _, sections = builtin(app)
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "container--reading" in page
    headings = re.findall(r"<h2 id=\"section-\d+\">([^<]+)</h2>", page)
    assert headings == [s["heading"] for s in sections if s["heading"]]
    with app.app_context():
        questions = [q for q in find_builtin_article().questions if q.status != "rejected"]
        for question in questions:
            assert f'id="s-{question.source_start}"' in page
        keys = [q for q in questions if q.kind == "ordering"]
    # The old list of every question with its key is gone: practice replaces it.
    assert "question-card" not in page and "Show the answer" not in page
    assert "→".join(keys[0].answer) not in page
    assert "Test yourself" in page


def test_an_unpublished_teacher_article_is_a_404_in_public(app, teacher_client) -> None:
    article_id = own_article(teacher_client)
    anonymous = app.test_client()
    assert anonymous.get(f"/articles/{article_id}").status_code == 404
    assert anonymous.post(f"/articles/{article_id}/practice").status_code == 404
    assert "Partners in orbit" not in anonymous.get("/").get_data(as_text=True)


def test_publishing_and_unpublishing_an_own_article(app, teacher_client) -> None:
    article_id = own_article(teacher_client)
    listing = teacher_client.get("/teacher/articles").get_data(as_text=True)
    assert f'action="/teacher/articles/{article_id}/publish"' in listing
    response = teacher_client.post(f"/teacher/articles/{article_id}/publish")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/teacher/articles/{article_id}/practice"
    anonymous = app.test_client()
    assert anonymous.get(f"/articles/{article_id}").status_code == 200
    home = anonymous.get("/").get_data(as_text=True)
    assert "Partners in orbit" in home and "More articles from teachers" in home
    # The built-in article stays the featured one.
    assert home.index(builtin(app)[1]) < home.index("Partners in orbit")
    assert anonymous.post(f"/articles/{article_id}/practice").status_code == 303

    page = teacher_client.get(f"/teacher/articles/{article_id}/practice").get_data(as_text=True)
    assert "Unpublish" in page and f"/articles/{article_id}" in page
    back = teacher_client.post(f"/teacher/articles/{article_id}/unpublish", data={"back": "list"})
    assert back.headers["Location"] == "/teacher/articles"
    assert anonymous.get(f"/articles/{article_id}").status_code == 404
    with app.app_context():
        assert not db.session.get(Article, article_id).is_public


def test_a_practice_stops_when_its_article_is_unpublished(app, teacher_client) -> None:
    article_id = own_article(teacher_client)
    teacher_client.post(f"/teacher/articles/{article_id}/publish")
    anonymous = app.test_client()
    location = anonymous.post(f"/articles/{article_id}/practice").headers["Location"]
    assert anonymous.get(location).status_code == 200
    teacher_client.post(f"/teacher/articles/{article_id}/unpublish")
    assert anonymous.get(location).status_code == 404


def test_another_teacher_cannot_publish_or_see_the_stats(app, client, make_teacher) -> None:
    _, owner = make_teacher()
    login(client, owner)
    article_id = own_article(client)
    client.post("/teacher/logout")
    _, other = make_teacher()
    login(client, other)
    assert client.post(f"/teacher/articles/{article_id}/publish").status_code == 404
    assert client.post(f"/teacher/articles/{article_id}/unpublish").status_code == 404
    assert client.get(f"/teacher/articles/{article_id}/practice").status_code == 404
    with app.app_context():
        assert not db.session.get(Article, article_id).is_public


def test_the_builtin_article_stays_public(app, teacher_client) -> None:
    article_id, _, _ = builtin(app)
    assert teacher_client.post(f"/teacher/articles/{article_id}/unpublish").status_code == 404
    page = teacher_client.get(f"/teacher/articles/{article_id}/practice")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "always public" in text and "Unpublish" not in text
    assert app.test_client().get(f"/articles/{article_id}").status_code == 200


def test_publishing_needs_a_signed_in_teacher(app, client, make_teacher) -> None:
    article_id, _, _ = builtin(app)
    response = client.post(f"/teacher/articles/{article_id}/publish")
    assert response.status_code == 302 and "/teacher/login" in response.headers["Location"]
