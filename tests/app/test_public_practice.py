"""Public practice: start, answer one at a time, feedback, the end, missed ones, shared results."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.generation.types import KINDS
from quizapp.kinds import get_kind
from quizapp.models import PracticeAnswer, PracticeAttempt, Question
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.practice import add_attempt, new_token, shown_to


def builtin_id(app: Flask) -> int:
    with app.app_context():
        return find_builtin_article().id


def start(client: FlaskClient, article_id: int, **data: str) -> str:
    """Start a practice; return its token."""
    response = client.post(f"/articles/{article_id}/practice", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    location = response.headers["Location"]
    assert re.fullmatch(r"/practice/[A-Za-z0-9_-]{32}", location)
    return location.rsplit("/", 1)[1]


def attempt_state(app: Flask, token: str) -> tuple[PracticeAttempt, list[Question]]:
    """The attempt and its questions, detached copies usable outside the app context."""
    with app.app_context():
        attempt = db.session.scalar(select(PracticeAttempt).where(PracticeAttempt.token == token))
        questions = [db.session.get(Question, i) for i in attempt.question_ids]
        for question in questions:
            _ = question.options, question.option_texts
        _ = attempt.answers
        db.session.expunge_all()
        return attempt, questions


def answer_data(app: Flask, token: str, number: int, right: bool) -> dict[str, Any]:
    """Form data answering question ``number`` (1-based) right or wrong, as a browser would."""
    attempt, questions = attempt_state(app, token)
    question = questions[number - 1]
    with app.app_context():
        shown = shown_to(attempt, question)
    choices = list(shown.choices)
    key = question.answer
    data: dict[str, Any] = {"question_id": str(question.id)}
    kind = question.kind
    if kind == "multiple_choice":
        wrong = next(i for i, c in enumerate(choices) if c != key)
        data["answer"] = str(choices.index(key) if right else wrong)
    elif kind == "true_false":
        data["answer"] = "true" if bool(key) == right else "false"
    elif kind == "fill_blank":
        data["text"] = key if right else "certainly not this"
    elif kind == "multiple_select":
        if right:
            data["picks"] = [str(i) for i, c in enumerate(choices) if c in key]
        else:
            data["picks"] = [str(i) for i, c in enumerate(choices) if c not in key][:1]
    elif kind == "matching":
        pairs = dict(map(tuple, key))
        for n, left in enumerate(shown.prompts):
            if right:
                data[f"match_{n}"] = str(choices.index(pairs[left]))
            else:  # every item one match along: each match used once, none right
                data[f"match_{n}"] = str((choices.index(pairs[left]) + 1) % len(choices))
    elif kind == "ordering":
        order = key if right else list(reversed(key))
        for n, item in enumerate(choices):
            data[f"position_{n}"] = str(order.index(item) + 1)
    elif kind == "numeric":
        data["number"] = f"{key:,}" if right else str(key * 3 + 1000)
    return data


def answer(
    app: Flask, client: FlaskClient, token: str, number: int, right: bool
) -> FlaskClient.response_class:
    response = client.post(f"/practice/{token}/answer", data=answer_data(app, token, number, right))
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"] == f"/practice/{token}/feedback/{number}"
    return response


def one_per_kind(app: Flask) -> str:
    """An attempt on the built-in article with one question of every kind; returns its token."""
    with app.app_context():
        article = find_builtin_article()
        picked: dict[str, int] = {}
        for question in article.questions:
            picked.setdefault(question.kind, question.id)
        assert set(picked) == set(KINDS)
        token = new_token()
        add_attempt(article.id, token, list(picked.values()), parent=None, now=None)
        db.session.commit()
        return token


def test_a_practice_is_about_ten_questions_across_kinds_and_sections(app, client) -> None:
    token = start(client, builtin_id(app))
    _, questions = attempt_state(app, token)
    assert len(questions) == 10
    assert len({q.kind for q in questions}) >= 5
    assert len({q.section for q in questions}) >= 5
    assert all(q.status != "rejected" and q.generated_id for q in questions)
    page = client.get(f"/practice/{token}").get_data(as_text=True)
    assert "Question 1 of 10" in page
    assert 'method="post"' in page and f'action="/practice/{token}/answer"' in page


def test_approved_questions_are_asked_first_and_rejected_never(app, client) -> None:
    with app.app_context():
        questions = find_builtin_article().questions
        for question in questions[:12]:
            question.status = "approved"
        for question in questions[12:30]:
            question.status = "rejected"
        approved = {q.id for q in questions[:12]}
        db.session.commit()
    token = start(client, builtin_id(app))
    _, chosen = attempt_state(app, token)
    assert {q.id for q in chosen} <= approved and len(chosen) == 10


def test_practice_end_to_end(app, client) -> None:
    token = start(client, builtin_id(app))
    _, questions = attempt_state(app, token)
    for number, question in enumerate(questions, 1):
        page = client.get(f"/practice/{token}").get_data(as_text=True)
        assert f"Question {number} of 10" in page
        answer(app, client, token, number, right=number % 2 == 1)
        feedback = client.get(f"/practice/{token}/feedback/{number}").get_data(as_text=True)
        assert ("Right!" if number % 2 == 1 else "Not quite") in feedback
        assert "Correct answer" in feedback or "You answered" in feedback
        key = get_kind(question.kind).describe_answer(question.answer)
        assert str(escape_html(key)) in feedback
        link = (
            f'href="/articles/{question.article_id}?practice={token}&amp;q={number}'
            f'#s-{question.source_start}"'
        )
        assert link in feedback and "Read this in the article" in feedback
        assert ("See your score" if number == 10 else "Next question") in feedback
    assert client.get(f"/practice/{token}").headers["Location"] == f"/practice/{token}/done"
    done = client.get(f"/practice/{token}/done").get_data(as_text=True)
    assert re.search(r"You got <span[^>]*>5</span> of 10 right", done)
    assert "Practise the 5 you missed" in done
    for question in questions:
        assert f"#s-{question.source_start}" in done
    code = re.search(r"/r/([A-Z0-9]{8})", done).group(1)
    with app.app_context():
        attempt = db.session.scalar(select(PracticeAttempt).where(PracticeAttempt.token == token))
        assert attempt.finished_at is not None and attempt.share_code == code


def escape_html(text: str) -> str:
    from markupsafe import escape

    return escape(text)


def test_the_key_is_not_on_the_page_before_answering_for_any_kind(app, client) -> None:
    token = one_per_kind(app)
    _, questions = attempt_state(app, token)
    for number, question in enumerate(questions, 1):
        # The feedback of a question not answered yet sends back to the question: no key.
        early = client.get(f"/practice/{token}/feedback/{number}")
        assert early.status_code == 302 and early.headers["Location"] == f"/practice/{token}"
        page = client.get(f"/practice/{token}").get_data(as_text=True)
        assert f"Question {number} of {len(questions)}" in page
        assert str(escape_html(question.source_sentence)) not in page
        assert "Correct answer" not in page and "From the article" not in page
        assert f"#s-{question.source_start}" not in page
        key = question.answer
        if question.kind == "fill_blank":
            assert key.casefold() not in page.casefold()
        if question.kind in ("ordering", "matching", "multiple_select"):
            described = get_kind(question.kind).describe_answer(key)
            assert str(escape_html(described)) not in page
        if question.kind == "ordering":
            shown = re.findall(
                r'<label class="field__label" for="position_\d+">([^<]*)</label>', page
            )
            assert shown and shown != key
        if question.kind == "matching":
            # Only the left-hand items and the menu of rights: which goes with which stays out.
            assert "→" not in page
        answer(app, client, token, number, right=True)


def test_an_answer_cannot_be_given_twice_or_changed(app, client) -> None:
    token = start(client, builtin_id(app))
    first = answer_data(app, token, 1, right=False)
    assert client.post(f"/practice/{token}/answer", data=first).status_code == 303
    again = answer_data(app, token, 1, right=True)
    refused = client.post(f"/practice/{token}/answer", data=again)
    assert refused.status_code == 409
    assert "answers cannot be changed" in refused.get_data(as_text=True)
    with app.app_context():
        answers = db.session.scalars(
            select(PracticeAnswer).join(PracticeAttempt).where(PracticeAttempt.token == token)
        ).all()
        assert len(answers) == 1 and not answers[0].correct


def test_answering_ahead_is_refused(app, client) -> None:
    token = start(client, builtin_id(app))
    ahead = answer_data(app, token, 3, right=True)
    response = client.post(f"/practice/{token}/answer", data=ahead)
    assert response.status_code == 409
    assert "not the question you are on" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("multiple_choice", {}, "Choose one of the answers."),
        ("multiple_choice", {"answer": "99"}, "That answer is not one of the options."),
        ("true_false", {"answer": "maybe"}, "Choose True or False."),
        ("fill_blank", {"text": "   "}, "Type your answer in the box first."),
        (
            "ordering",
            {"position_0": "1", "position_1": "1", "position_2": "2"},
            "both have position 1",
        ),
        ("matching", {"match_0": "0"}, "Choose a match for"),
    ],
)
def test_bad_input_is_a_400_with_a_message(app, client, kind, data, message) -> None:
    token = one_per_kind(app)
    _, questions = attempt_state(app, token)
    number = next(n for n, q in enumerate(questions, 1) if q.kind == kind)
    for earlier in range(1, number):
        answer(app, client, token, earlier, right=True)
    question = questions[number - 1]
    response = client.post(
        f"/practice/{token}/answer", data={"question_id": str(question.id), **data}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page.replace("&#34;", '"').replace("&#39;", "'")
    assert "Please fix the following" in page  # shown on the question again
    with app.app_context():
        assert db.session.scalar(select(func.count(PracticeAnswer.id))) == number - 1


def test_a_question_of_another_practice_is_a_400(app, client) -> None:
    token = start(client, builtin_id(app))
    response = client.post(f"/practice/{token}/answer", data={"question_id": "999999"})
    assert response.status_code == 400
    assert "not part of this practice" in response.get_data(as_text=True)


def finish(app: Flask, client: FlaskClient, token: str, wrong: set[int]) -> None:
    _, questions = attempt_state(app, token)
    for number in range(1, len(questions) + 1):
        answer(app, client, token, number, right=number not in wrong)


def test_practising_the_missed_ones_until_none_is_left(app, client) -> None:
    token = start(client, builtin_id(app))
    _, questions = attempt_state(app, token)
    finish(app, client, token, wrong={2, 5, 7})
    done = client.get(f"/practice/{token}/done").get_data(as_text=True)
    assert "Practise the 3 you missed" in done
    response = client.post(f"/practice/{token}/again")
    assert response.status_code == 303
    second = response.headers["Location"].rsplit("/", 1)[1]
    assert second != token
    # A double click does not make another round.
    assert client.post(f"/practice/{token}/again").headers["Location"].endswith(second)
    child, child_questions = attempt_state(app, second)
    assert [q.id for q in child_questions] == [questions[n - 1].id for n in (2, 5, 7)]
    assert child.round == 2
    done = client.get(f"/practice/{token}/done").get_data(as_text=True)
    assert f"/practice/{second}" in done and "Continue with the ones you missed" in done

    finish(app, client, second, wrong={3})
    page = client.get(f"/practice/{second}/done").get_data(as_text=True)
    assert re.search(r"You got <span[^>]*>2</span> of 3 right", page)
    assert "Practise the one you missed" in page
    third = client.post(f"/practice/{second}/again").headers["Location"].rsplit("/", 1)[1]
    _, third_questions = attempt_state(app, third)
    assert [q.id for q in third_questions] == [questions[6].id]

    finish(app, client, third, wrong=set())
    page = client.get(f"/practice/{third}/done").get_data(as_text=True)
    assert "None left" in page
    assert f"/practice/{third}/again" not in page
    assert client.post(f"/practice/{third}/again").headers["Location"].endswith("/done")


def test_the_shared_result_shows_the_score_and_questions_but_no_token(app, client) -> None:
    token = start(client, builtin_id(app))
    _, questions = attempt_state(app, token)
    finish(app, client, token, wrong={1, 2, 3})
    done = client.get(f"/practice/{token}/done").get_data(as_text=True)
    code = re.search(r"/r/([A-Z0-9]{8})", done).group(1)
    response = client.get(f"/r/{code}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.search(r"<span[^>]*>7</span> of 10 right", page)
    assert token not in page
    assert "/practice/" not in page
    assert "You answered" not in page
    for question in questions:
        assert str(escape_html(question.source_sentence))[:40] in page.replace(
            "<mark>", ""
        ).replace("</mark>", "")
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get(f"/r/{code.lower()}").status_code == 200
    assert client.get("/r/ZZZZZZZZ").status_code == 404
    assert client.get("/r/short").status_code == 404


def test_an_unfinished_practice_has_no_shared_result_yet(app, client) -> None:
    token = start(client, builtin_id(app))
    with app.app_context():
        code = db.session.scalar(
            select(PracticeAttempt.share_code).where(PracticeAttempt.token == token)
        )
    assert client.get(f"/r/{code}").status_code == 404
    assert client.get(f"/practice/{token}/done").headers["Location"] == f"/practice/{token}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/practice/{t}"),
        ("post", "/practice/{t}/answer"),
        ("get", "/practice/{t}/feedback/1"),
        ("get", "/practice/{t}/done"),
        ("post", "/practice/{t}/again"),
    ],
)
def test_a_wrong_token_is_a_404(app, client, method, path) -> None:
    token = start(client, builtin_id(app))
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert getattr(client, method)(path.format(t=wrong)).status_code == 404
    assert getattr(client, method)(path.format(t="x" * 200)).status_code == 404


def test_feedback_number_out_of_range_is_a_404(app, client) -> None:
    token = start(client, builtin_id(app))
    assert client.get(f"/practice/{token}/feedback/0").status_code == 404
    assert client.get(f"/practice/{token}/feedback/11").status_code == 404


def test_the_read_link_brings_back_to_the_practice(app, client) -> None:
    token = start(client, builtin_id(app))
    answer(app, client, token, 1, right=False)
    article = client.get(f"/articles/{builtin_id(app)}?practice={token}&q=1")
    page = article.get_data(as_text=True)
    assert "Back to your practice" in page
    assert f'href="/practice/{token}/feedback/1"' in page
    other = client.get(f"/articles/{builtin_id(app)}?practice=nonsense&q=1").get_data(as_text=True)
    assert "Back to your practice" not in other


def test_with_csrf_on_the_forms_work_without_any_cookie(app, client) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    article_id = builtin_id(app)
    responses = []
    page = client.get(f"/articles/{article_id}")
    responses.append(page)
    token_field = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    refused = client.post(f"/articles/{article_id}/practice")
    assert refused.status_code == 400 and "Reload it" in refused.get_data(as_text=True)
    foreign = client.post(
        f"/articles/{article_id}/practice",
        data={"csrf_token": token_field.group(1)},
        headers={"Origin": "https://elsewhere.example"},
    )
    assert foreign.status_code == 400
    started = client.post(
        f"/articles/{article_id}/practice", data={"csrf_token": token_field.group(1)}
    )
    responses.append(started)
    assert started.status_code == 303
    token = started.headers["Location"].rsplit("/", 1)[1]
    question = client.get(f"/practice/{token}")
    responses.append(question)
    fields = dict(
        re.findall(
            r'name="(csrf_token|question_id)"[^>]*value="([^"]*)"', question.get_data(as_text=True)
        )
    )
    assert set(fields) == {"csrf_token", "question_id"}
    data = {**answer_data(app, token, 1, right=True), "csrf_token": fields["csrf_token"]}
    # A token made for another form (the start form) does not answer.
    wrong_scope = client.post(
        f"/practice/{token}/answer", data={**data, "csrf_token": token_field.group(1)}
    )
    assert wrong_scope.status_code == 400
    answered = client.post(f"/practice/{token}/answer", data=data)
    responses.append(answered)
    assert answered.status_code == 303
    responses.append(client.get(answered.headers["Location"]))
    assert all("Set-Cookie" not in r.headers for r in responses)
    assert client.get_cookie("session") is None


def test_owner_sees_how_many_practised_and_the_hardest_questions(app, client, make_teacher) -> None:
    from tests.conftest import login

    token = start(client, builtin_id(app))
    finish(app, client, token, wrong={1, 4})
    second = start(client, builtin_id(app))
    finish(app, client, second, wrong=set())
    client.post(f"/practice/{token}/again")  # a missed-ones round is not another person
    _, email = make_teacher()
    login(client, email)
    page = client.get(f"/teacher/articles/{builtin_id(app)}/practice").get_data(as_text=True)
    assert re.search(r"People who practised</span>\s*<span class=\"stat__value\">2</span>", page)
    _, questions = attempt_state(app, token)
    assert "Hardest questions" in page
    hardest = page.split("Hardest questions", 1)[1]
    assert str(escape_html(questions[0].stem))[:30] in hardest
    listing = client.get("/teacher/articles").get_data(as_text=True)
    assert "2 people practised" in listing
