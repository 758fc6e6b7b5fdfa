"""Teachers add articles (pasted or uploaded), regenerate and delete them; nobody sees another's."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Article, Question
from quizapp.operations.articles import builtin_article_text, find_builtin_article
from tests.conftest import login


def sample_text(title: str = "Partners in orbit") -> str:
    """A few paragraphs of the built-in article under a new title."""
    paragraphs = builtin_article_text().split("\n\n")
    return title + "\n\n" + "\n\n".join(paragraphs[3:9])


def article_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Article.id)))


def owned_article(app: Flask, client: FlaskClient, title: str = "Partners in orbit") -> int:
    """Add an article as the client's teacher; return its id."""
    response = client.post("/teacher/articles/new", data={"text": sample_text(title)})
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code == 200  # shows the flash
    return int(response.headers["Location"].split("/")[-2])


def builtin_id(app: Flask) -> int:
    with app.app_context():
        return find_builtin_article().id


def test_pasted_article_is_stored_with_questions_and_redirects_to_its_bank(
    app: Flask, teacher_client: FlaskClient
) -> None:
    response = teacher_client.post(
        "/teacher/articles/new", data={"text": sample_text().replace("\n", "\r\n")}
    )
    assert response.status_code == 302
    article_id = int(response.headers["Location"].split("/")[-2])
    assert response.headers["Location"].endswith(f"/teacher/articles/{article_id}/questions")
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article.owner_id == teacher_client.teacher_id
        assert article.title == "Partners in orbit"
        assert "\r" not in article.body
        assert article.questions
        assert all(q.status == "pending" for q in article.questions)
        for q in article.questions:
            assert article.body[q.source_start : q.source_end] == q.source_sentence
    page = teacher_client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Partners in orbit" in page.text
    assert "questions to review" in page.text  # the flash


def test_an_explicit_title_wins(app: Flask, teacher_client: FlaskClient) -> None:
    text = "\n\n".join(builtin_article_text().split("\n\n")[4:9])
    response = teacher_client.post(
        "/teacher/articles/new", data={"text": text, "title": "My own title"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Article.title).order_by(Article.id.desc()).limit(1)) == (
            "My own title"
        )


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("orbit.txt", sample_text().encode("utf-8")),
        ("orbit.md", ("# Partners in orbit\n\n" + sample_text().split("\n\n", 1)[1]).encode()),
        (
            "orbit.HTML",
            (
                "<!doctype html><html><head><title>x</title><script>var a = 1;</script></head>"
                "<body><nav>Home | About</nav><h1>Partners in orbit</h1>"
                + "".join(f"<p>{p}</p>" for p in sample_text().split("\n\n")[1:])
                + "</body></html>"
            ).encode("utf-8"),
        ),
    ],
)
def test_uploaded_files_become_articles(
    app: Flask, teacher_client: FlaskClient, filename: str, content: bytes
) -> None:
    response = teacher_client.post(
        "/teacher/articles/new",
        data={"upload": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.text
    with app.app_context():
        article = db.session.scalar(select(Article).order_by(Article.id.desc()).limit(1))
        assert article.title == "Partners in orbit"
        assert article.questions
        assert "var a" not in article.body and "Home | About" not in article.body


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("orbit.pdf", b"%PDF-1.4", "Upload a .txt, .md or .html file."),
        ("orbit.txt", "Caf\u00e9 ".encode("latin-1") * 200, "not in UTF-8"),
        ("orbit.txt", b"\x00\x01binary", "not plain text"),
        ("orbit.html", b"<script>only()</script>", "no text in it"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(
    app: Flask, teacher_client: FlaskClient, filename: str, content: bytes, message: str
) -> None:
    before = article_count(app)
    response = teacher_client.post(
        "/teacher/articles/new",
        data={"upload": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in response.text
    assert article_count(app) == before


def test_too_big_text_is_refused_with_a_message(app: Flask, teacher_client: FlaskClient) -> None:
    app.config["MAX_ARTICLE_BYTES"] = 5_000
    before = article_count(app)
    response = teacher_client.post(
        "/teacher/articles/new", data={"text": sample_text() + "\n\n" + sample_text()}
    )
    assert response.status_code == 400
    assert "too long" in response.text and "the limit is 5 KB" in response.text
    big_file = (io.BytesIO(b"word " * 2_000), "big.txt")
    response = teacher_client.post(
        "/teacher/articles/new", data={"upload": big_file}, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "too long" in response.text
    assert article_count(app) == before


def test_a_request_over_max_content_length_gets_a_friendly_413(
    app: Flask, teacher_client: FlaskClient
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = teacher_client.post(
        "/teacher/articles/new",
        data={"upload": (io.BytesIO(b"x" * 20_000), "huge.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "too large" in response.text and "500 KB" in response.text
    assert "<h1>" in response.text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Paste the article"),
        ("Just a few words here.", "too short"),
        ("Der Hund ist sehr groß und die Katze ist klein. " * 30, "does not look like English"),
    ],
)
def test_unusable_text_shows_the_generators_message_and_stores_nothing(
    app: Flask, teacher_client: FlaskClient, text: str, message: str
) -> None:
    before = article_count(app)
    response = teacher_client.post("/teacher/articles/new", data={"text": text})
    assert response.status_code == 400
    assert message in response.text
    assert article_count(app) == before


def test_pasting_and_uploading_at_once_is_refused(app: Flask, teacher_client: FlaskClient) -> None:
    response = teacher_client.post(
        "/teacher/articles/new",
        data={"text": sample_text(), "upload": (io.BytesIO(b"text"), "a.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not both" in response.text


def test_the_form_page_loads_the_progress_script_and_no_inline_script(
    teacher_client: FlaskClient,
) -> None:
    page = teacher_client.get("/teacher/articles/new")
    assert page.status_code == 200
    assert 'js/generate-progress.js" defer' in page.text
    assert "<script>" not in page.text and "style=" not in page.text
    assert 'enctype="multipart/form-data"' in page.text


def test_the_list_shows_own_and_shared_articles_with_counts(
    app: Flask, client: FlaskClient, make_teacher
) -> None:
    _, first = make_teacher()
    _, second = make_teacher()
    login(client, first)
    owned_article(app, client, "First teacher's article")
    client.post("/teacher/logout")
    login(client, second)
    page = client.get("/teacher/articles")
    assert page.status_code == 200
    assert "Advancing together" in page.text
    assert "First teacher&#39;s article" not in page.text
    assert "pending" in page.text and "approved" in page.text


def test_anonymous_visitors_are_sent_to_sign_in(app: Flask, client: FlaskClient) -> None:
    article_id = builtin_id(app)
    for method, url in [
        ("get", "/teacher/articles"),
        ("get", "/teacher/articles/new"),
        ("post", "/teacher/articles/new"),
        ("get", f"/teacher/articles/{article_id}/questions"),
        ("post", f"/teacher/articles/{article_id}/regenerate"),
        ("get", f"/teacher/articles/{article_id}/delete"),
        ("post", f"/teacher/articles/{article_id}/delete"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/teacher/login" in response.headers["Location"]


def test_another_teacher_gets_404_on_the_article_and_cannot_delete_it(
    app: Flask, client: FlaskClient, make_teacher
) -> None:
    _, owner = make_teacher()
    _, other = make_teacher()
    login(client, owner)
    article_id = owned_article(app, client)
    client.post("/teacher/logout")
    login(client, other)
    for method, url in [
        ("get", f"/teacher/articles/{article_id}/questions"),
        ("post", f"/teacher/articles/{article_id}/regenerate"),
        ("get", f"/teacher/articles/{article_id}/delete"),
        ("post", f"/teacher/articles/{article_id}/delete"),
        ("get", f"/teacher/articles/{article_id}/questions/new"),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    with app.app_context():
        assert db.session.get(Article, article_id) is not None


def test_a_teacher_deletes_their_own_article_after_confirming(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id = owned_article(app, teacher_client)
    confirm = teacher_client.get(f"/teacher/articles/{article_id}/delete")
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.text
    response = teacher_client.post(f"/teacher/articles/{article_id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/teacher/articles")
    with app.app_context():
        assert db.session.get(Article, article_id) is None
        left = db.session.scalar(
            select(func.count(Question.id)).where(Question.article_id == article_id)
        )
        assert left == 0


def test_the_builtin_article_can_be_reviewed_but_not_deleted(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id = builtin_id(app)
    assert teacher_client.get(f"/teacher/articles/{article_id}/questions").status_code == 200
    for method in ("get", "post"):
        response = getattr(teacher_client, method)(f"/teacher/articles/{article_id}/delete")
        assert response.status_code == 403
        assert "cannot be deleted" in response.text
    with app.app_context():
        assert db.session.get(Article, article_id) is not None


def test_regenerate_flashes_a_summary_and_keeps_edited_questions(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id = owned_article(app, teacher_client)
    with app.app_context():
        question = db.session.scalar(
            select(Question).where(Question.article_id == article_id, Question.kind == "true_false")
        )
        question_id = question.id
    edit = teacher_client.post(
        f"/teacher/questions/{question_id}/edit",
        data={"stem": "Is it true that the ISS was built by many nations?", "truth": "true"},
    )
    assert edit.status_code == 302
    response = teacher_client.post(
        f"/teacher/articles/{article_id}/regenerate", follow_redirects=True
    )
    assert response.status_code == 200
    assert "Questions regenerated: 0 new, 1 edited by a teacher kept as they were" in response.text
    with app.app_context():
        kept = db.session.get(Question, question_id)
        assert kept.stem == "Is it true that the ISS was built by many nations?"
        assert kept.answer is True
