"""Teachers review an article's questions: filter, approve, reject, edit, write by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Article, Question
from quizapp.operations.articles import find_builtin_article, regenerate
from quizapp.operations.questions import (
    InvalidQuestion,
    add_question,
    arrange_options,
    set_status,
    update_question,
)
from quizapp.teacher.questions import source_in_context
from tests.app.test_teacher_articles import owned_article
from tests.conftest import login


def builtin(app: Flask) -> Article:
    return find_builtin_article()


def own_copy(app: Flask, client: FlaskClient) -> int:
    """The built-in article's text added as the teacher's own article: a bank of every kind
    that they may change (the shared built-in bank is read-only: test_shared_questions.py)."""
    with app.app_context():
        text = builtin(app).body
    response = client.post("/teacher/articles/new", data={"text": text})
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].split("/")[-2])


def first_of(app: Flask, kind: str, article_id: int | None = None) -> int:
    with app.app_context():
        article_id = article_id or builtin(app).id
        return db.session.scalar(
            select(Question.id)
            .where(Question.article_id == article_id, Question.kind == kind)
            .order_by(Question.position)
            .limit(1)
        )


def snapshot(app: Flask, question_id: int) -> tuple:
    with app.app_context():
        q = db.session.get(Question, question_id)
        return (q.stem, q.answer, q.accepted, q.option_texts, q.status, q.edited)


def test_the_bank_groups_by_kind_and_marks_keys_and_sources(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        article = builtin(app)
        article_id, count = article.id, len(article.questions)
        mc = next(q for q in article.questions if q.kind == "multiple_choice")
        sentence = mc.source_sentence
    page = teacher_client.get(f"/teacher/articles/{article_id}/questions")
    assert page.status_code == 200
    text = page.text
    for label in ("Multiple choice", "Select all that apply", "True or false", "Fill in the blank"):
        assert label in text
    assert text.count('class="question-card review-card') == count
    assert "(correct answer)" in text and "✓" in text
    assert f"<mark>{sentence}</mark>".replace("'", "&#39;").replace('"', "&#34;") in text
    assert "Approve all" in text and 'Approve<span class="visually-hidden"> selected' in text
    assert "<script>" not in text and "style=" not in text


def test_the_status_filter(app: Flask, teacher_client: FlaskClient) -> None:
    article_id = own_copy(app, teacher_client)
    question_id = first_of(app, "true_false", article_id)
    teacher_client.post(f"/teacher/questions/{question_id}/status", data={"status": "approved"})
    approved = teacher_client.get(f"/teacher/articles/{article_id}/questions?status=approved")
    assert approved.text.count('class="question-card review-card') == 1
    assert f'id="q-{question_id}"' in approved.text
    pending = teacher_client.get(f"/teacher/articles/{article_id}/questions?status=pending")
    assert f'id="q-{question_id}"' not in pending.text
    rejected = teacher_client.get(f"/teacher/articles/{article_id}/questions?status=rejected")
    assert "No rejected questions" in rejected.text
    odd = teacher_client.get(f"/teacher/articles/{article_id}/questions?status=bogus")
    assert odd.status_code == 200


def test_approve_and_reject_one_question(app: Flask, teacher_client: FlaskClient) -> None:
    question_id = first_of(app, "multiple_choice", own_copy(app, teacher_client))
    response = teacher_client.post(
        f"/teacher/questions/{question_id}/status", data={"status": "approved", "show": "pending"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?status=pending#q-{question_id}")
    assert snapshot(app, question_id)[4] == "approved"
    teacher_client.post(f"/teacher/questions/{question_id}/status", data={"status": "rejected"})
    assert snapshot(app, question_id)[4] == "rejected"
    bad = teacher_client.post(f"/teacher/questions/{question_id}/status", data={"status": "gone"})
    assert bad.status_code == 400
    assert "not a status" in bad.text
    assert snapshot(app, question_id)[4] == "rejected"


def test_bulk_approve_selected_and_all_pending_of_a_kind(
    app: Flask, teacher_client: FlaskClient
) -> None:
    article_id = own_copy(app, teacher_client)
    with app.app_context():
        article = db.session.get(Article, article_id)
        picked = [q.id for q in article.questions if q.kind == "multiple_choice"][:3]
        tf_ids = [q.id for q in article.questions if q.kind == "true_false"]
    response = teacher_client.post(
        f"/teacher/articles/{article_id}/questions/bulk",
        data={"question": [str(i) for i in picked], "action": "approved"},
    )
    assert response.status_code == 302
    assert [snapshot(app, i)[4] for i in picked] == ["approved"] * 3
    teacher_client.post(f"/teacher/questions/{tf_ids[0]}/status", data={"status": "rejected"})
    response = teacher_client.post(
        f"/teacher/articles/{article_id}/questions/approve-pending",
        data={"kind": "true_false"},
        follow_redirects=True,
    )
    pending = len(tf_ids) - 1
    noun = "question" if pending == 1 else "questions"
    assert f"{pending} pending true or false {noun} approved." in response.text
    statuses = [snapshot(app, i)[4] for i in tf_ids]
    assert statuses[0] == "rejected" and set(statuses[1:]) == {"approved"}
    nothing = teacher_client.post(
        f"/teacher/articles/{article_id}/questions/bulk",
        data={"action": "approved"},
        follow_redirects=True,
    )
    assert "Tick the questions first" in nothing.text
    bad_kind = teacher_client.post(
        f"/teacher/articles/{article_id}/questions/approve-pending", data={"kind": "essay"}
    )
    assert bad_kind.status_code == 400


def test_bulk_refuses_questions_of_another_article(app: Flask, teacher_client: FlaskClient) -> None:
    own = owned_article(app, teacher_client)
    foreign = first_of(app, "multiple_choice")
    response = teacher_client.post(
        f"/teacher/articles/{own}/questions/bulk",
        data={"question": [str(foreign)], "action": "approved"},
    )
    assert response.status_code == 404
    assert snapshot(app, foreign)[4] == "pending"


def test_another_teacher_gets_404_on_questions_edit_and_approve(
    app: Flask, client: FlaskClient, make_teacher
) -> None:
    _, owner = make_teacher()
    _, other = make_teacher()
    login(client, owner)
    article_id = owned_article(app, client)
    question_id = first_of(app, "multiple_choice", article_id)
    client.post("/teacher/logout")
    login(client, other)
    for method, url, data in [
        ("get", f"/teacher/articles/{article_id}/questions", None),
        ("get", f"/teacher/questions/{question_id}/edit", None),
        ("post", f"/teacher/questions/{question_id}/edit", {"stem": "Hijacked?", "key": "x"}),
        ("post", f"/teacher/questions/{question_id}/status", {"status": "approved"}),
        (
            "post",
            f"/teacher/articles/{article_id}/questions/bulk",
            {"question": [str(question_id)], "action": "approved"},
        ),
        ("post", f"/teacher/articles/{article_id}/questions/approve-pending", {"kind": "ordering"}),
        ("get", f"/teacher/articles/{article_id}/questions/new?kind=true_false", None),
        ("post", f"/teacher/articles/{article_id}/questions/new?kind=true_false", {"stem": "x"}),
    ]:
        assert getattr(client, method)(url, data=data).status_code == 404, url
    assert snapshot(app, question_id)[4] == "pending"
    assert not snapshot(app, question_id)[5]


def test_anonymous_visitors_are_sent_to_sign_in(app: Flask, client: FlaskClient) -> None:
    question_id = first_of(app, "multiple_choice")
    for method, url in [
        ("get", f"/teacher/questions/{question_id}/edit"),
        ("post", f"/teacher/questions/{question_id}/status"),
        ("get", "/teacher/articles/1/questions/new"),
        ("post", "/teacher/articles/1/questions/bulk"),
        ("post", "/teacher/articles/1/questions/approve-pending"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/teacher/login" in response.headers["Location"]


def test_missing_things_are_404(teacher_client: FlaskClient) -> None:
    assert teacher_client.get("/teacher/articles/9999/questions").status_code == 404
    assert teacher_client.get("/teacher/questions/9999/edit").status_code == 404


def test_edit_page_prefills_every_kind(app: Flask, teacher_client: FlaskClient) -> None:
    for kind, marker in [
        ("multiple_choice", "Wrong answers, one per line"),
        ("multiple_select", "Right answers, one per line"),
        ("true_false", "The statement is"),
        ("fill_blank", "Other accepted answers"),
        ("matching", "=&gt;"),
        ("ordering", "Items in the right order"),
    ]:
        page = teacher_client.get(f"/teacher/questions/{first_of(app, kind)}/edit")
        assert page.status_code == 200, kind
        assert marker in page.text, kind
        assert "<mark>" in page.text


def test_editing_a_multiple_choice_question(app: Flask, teacher_client: FlaskClient) -> None:
    question_id = first_of(app, "multiple_choice", own_copy(app, teacher_client))
    stem, answer, _, options, _, _ = snapshot(app, question_id)
    wrong = [o for o in options if o != answer]
    response = teacher_client.post(
        f"/teacher/questions/{question_id}/edit",
        data={
            "stem": "Edited: " + stem,
            "key": answer,
            "wrong": "\r\n".join([wrong[0], "A brand new distractor", ""]),
            "approve": "y",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#q-{question_id}")
    with app.app_context():
        q = db.session.get(Question, question_id)
        assert q.stem == "Edited: " + stem
        assert q.edited and q.status == "approved"
        assert sorted(q.option_texts) == sorted([answer, wrong[0], "A brand new distractor"])
        origins = {o.text: o.origin for o in q.options}
        assert origins[answer] == "key"
        assert origins["A brand new distractor"] == "teacher"
        assert [o.position for o in q.options] == [0, 1, 2]


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("multiple_choice", {"stem": "Q?", "key": "", "wrong": "a\nb"}, "Write the right answer"),
        ("multiple_choice", {"stem": "Q?", "key": "a", "wrong": "a\nb"}, "twice"),
        ("multiple_choice", {"stem": "Q?", "key": "a", "wrong": ""}, "at least 2 options"),
        (
            "multiple_choice",
            {"stem": "Q?", "key": "a", "wrong": "\n".join("bcdefghij")},
            "at most 8 options",
        ),
        ("multiple_choice", {"stem": "Q?", "key": "a", "wrong": "b" * 201}, "too long"),
        ("multiple_choice", {"stem": "x" * 501, "key": "a", "wrong": "b"}, "500 characters"),
        ("multiple_choice", {"stem": "   ", "key": "a", "wrong": "b"}, "Write the question"),
        (
            "multiple_select",
            {"stem": "Q?", "keys": "", "wrong": "a\nb"},
            "at least one right answer",
        ),
        ("multiple_select", {"stem": "Q?", "keys": "a\nb", "wrong": ""}, "at least one wrong"),
        ("true_false", {"stem": "Q?", "truth": "maybe"}, "true or false"),
        ("fill_blank", {"stem": "The _____.", "key": "  "}, "Write the right answer"),
        ("matching", {"stem": "Match", "pairs": "a => 1\nb"}, "needs an item and its match"),
        ("matching", {"stem": "Match", "pairs": "a => 1\na => 2"}, "more than once"),
        ("ordering", {"stem": "Order", "order": "one\none"}, "twice"),
        ("ordering", {"stem": "Order", "order": "only one"}, "at least 2 options"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(
    app: Flask, teacher_client: FlaskClient, kind: str, data: dict, message: str
) -> None:
    question_id = first_of(app, kind)
    before = snapshot(app, question_id)
    response = teacher_client.post(f"/teacher/questions/{question_id}/edit", data=data)
    assert response.status_code == 400
    assert message in response.text
    assert snapshot(app, question_id) == before


@pytest.mark.parametrize(
    ("kind", "data", "check"),
    [
        (
            "multiple_select",
            {"stem": "Which are agencies?", "keys": "NASA\nESA", "wrong": "Boeing\nIBM"},
            lambda q: sorted(q.answer) == ["ESA", "NASA"] and len(q.options) == 4,
        ),
        (
            "true_false",
            {"stem": "The ISS orbits the Moon.", "truth": "false"},
            lambda q: q.answer is False and q.options == [],
        ),
        (
            "fill_blank",
            {"stem": "The _____ flew in 1969.", "key": "Apollo 11", "accepted": "Apollo XI\n"},
            lambda q: q.answer == "Apollo 11" and q.accepted == ["Apollo 11", "Apollo XI"],
        ),
        (
            "matching",
            {"stem": "Match them", "pairs": "Apollo 11 => 1969\nISS => 1998\nSoyuz => 1975"},
            lambda q: (
                q.answer == [["Apollo 11", "1969"], ["ISS", "1998"], ["Soyuz", "1975"]]
                and sorted(q.option_texts) == ["1969", "1975", "1998"]
            ),
        ),
        (
            "ordering",
            {"stem": "Earliest first", "order": "Apollo 11\nApollo-Soyuz\nISS\nArtemis"},
            lambda q: (
                q.answer == ["Apollo 11", "Apollo-Soyuz", "ISS", "Artemis"]
                and sorted(q.option_texts) == sorted(q.answer)
                and q.option_texts != q.answer
            ),
        ),
    ],
)
def test_valid_edits_of_each_kind_survive_regeneration(
    app: Flask,
    teacher_client: FlaskClient,
    kind: str,
    data: dict,
    check: Callable[[Question], bool],
) -> None:
    question_id = first_of(app, kind, own_copy(app, teacher_client))
    response = teacher_client.post(f"/teacher/questions/{question_id}/edit", data=data)
    assert response.status_code == 302, response.text
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert check(question) and question.edited and question.status == "pending"
        summary = regenerate(question.article)
        db.session.commit()
        assert summary.kept_edited >= 1
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question.stem == data["stem"]
        assert check(question)


def test_choose_a_kind_then_write_a_question(app: Flask, teacher_client: FlaskClient) -> None:
    with app.app_context():
        article = builtin(app)
        article_id, body = article.id, article.body
    chooser = teacher_client.get(f"/teacher/articles/{article_id}/questions/new")
    assert chooser.status_code == 200
    assert "?kind=true_false" in chooser.text
    form = teacher_client.get(f"/teacher/articles/{article_id}/questions/new?kind=multiple_choice")
    assert form.status_code == 200
    assert "<optgroup" in form.text
    response = teacher_client.post(
        f"/teacher/articles/{article_id}/questions/new?kind=multiple_choice",
        data={
            "source": "5",
            "stem": "Which agency leads the ISS programme?",
            "key": "NASA",
            "wrong": "Boeing\nSpaceX",
        },
    )
    assert response.status_code == 302, response.text
    question_id = int(response.headers["Location"].rsplit("#q-", 1)[1])
    with app.app_context():
        q = db.session.get(Question, question_id)
        assert (q.rule, q.generated_id, q.edited, q.status) == ("teacher", None, True, "approved")
        assert q.answer == "NASA" and q.option_texts == ["Boeing", "NASA", "SpaceX"]
        assert body[q.source_start : q.source_end] == q.source_sentence
        assert q.article_id == article_id
        regenerate(q.article)
        db.session.commit()
    assert snapshot(app, question_id)[0] == "Which agency leads the ISS programme?"


def test_writing_a_question_refuses_bad_input(app: Flask, teacher_client: FlaskClient) -> None:
    with app.app_context():
        article_id = builtin(app).id
        count = len(builtin(app).questions)
    base = f"/teacher/articles/{article_id}/questions/new"
    no_source = teacher_client.post(
        base + "?kind=true_false", data={"stem": "The sky is green.", "truth": "false"}
    )
    assert no_source.status_code == 400
    assert "Choose the sentence" in no_source.text
    bad_source = teacher_client.post(
        base + "?kind=true_false",
        data={"stem": "The sky is green.", "truth": "false", "source": "99999"},
    )
    assert bad_source.status_code == 400
    bad_kind = teacher_client.post(base + "?kind=essay", data={"stem": "Why?"})
    assert bad_kind.status_code == 400
    assert "not a kind of question" in bad_kind.text
    with app.app_context():
        assert len(builtin(app).questions) == count


def test_operations_directly(app: Flask) -> None:
    with app.app_context():
        article = builtin(app)
        questions = [q for q in article.questions if q.kind == "ordering"]
        assert set_status(questions, "approved") == len(questions)
        assert set_status(questions, "approved") == 0
        with pytest.raises(InvalidQuestion):
            set_status(questions, "archived")
        mc = next(q for q in article.questions if q.kind == "multiple_choice")
        with pytest.raises(InvalidQuestion) as caught:
            update_question(mc, {"stem": "Q?", "answer": "Nope", "options": ["A", "B"]})
        assert caught.value.field == "answer"
        assert not mc.edited
        with pytest.raises(InvalidQuestion) as caught:
            add_question(article, {"kind": "true_false", "stem": "x", "answer": True})
        assert caught.value.field == "source"
        question = add_question(
            article,
            {
                "kind": "fill_blank",
                "stem": "_____ landed in 1969.",
                "answer": "Apollo 11",
                "accepted": ["Apollo XI", "Apollo 11"],
                "source_start": 0,
                "source_end": 20,
            },
        )
        assert question.accepted == ["Apollo 11", "Apollo XI"]
        assert question.position == max(q.position for q in article.questions)
        db.session.rollback()


def test_arrange_options_keeps_places() -> None:
    assert arrange_options(["a", "b", "c", "d"], ["d", "a", "x", "c"]) == ["a", "x", "c", "d"]
    assert arrange_options(["a", "b"], ["a", "b", "new"]) == ["a", "b", "new"]
    assert arrange_options([], ["b", "C", "a"]) == ["a", "b", "C"]


def test_source_in_context_marks_the_sentence_in_its_paragraph() -> None:
    body = "Title\n\nFirst para. Second <b> sentence. Third.\n\nNext para."
    start = body.index("Second")
    end = body.index("Third") - 1
    html = str(source_in_context(body, start, end, "Second <b> sentence."))
    assert html == "First para. <mark>Second &lt;b&gt; sentence.</mark> Third."
    assert str(source_in_context(body, 500, 600, "Lost.")) == "<mark>Lost.</mark>"


def test_a_cited_passage_keeps_its_paragraphs_each_marked() -> None:
    body = "Title\n\nFirst para. Apollo flew in 1969.\n\nThe ISS opened in 1998. Last.\n\nEnd."
    start = body.index("Apollo")
    end = body.index(" Last")
    html = str(source_in_context(body, start, end, body[start:end]))
    assert html == (
        "First para. <mark>Apollo flew in 1969.</mark>\n\n"
        "<mark>The ISS opened in 1998.</mark> Last."
    )
