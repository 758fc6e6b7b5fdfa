"""Students join a session and play it through the test client (CSRF off here)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.generation.types import KINDS
from quizapp.kinds import get_kind
from quizapp.models import (
    ClassSession,
    Participant,
    Question,
    QuestionOption,
    Quiz,
    QuizItem,
    Response,
    SessionQuestion,
)
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.play import current_question, question_on, shown_to, utc_now
from quizapp.operations.sessions import close_session, open_session
from tests.conftest import login

FULL_MARKS = 1000  # accuracy mode: points = 1000 × credit


# --- Building a session ------------------------------------------------------------------------


def make_session(
    app: Flask,
    make_teacher,
    *,
    mode: str = "self_paced",
    feedback: str = "each",
    time_limit: int | None = None,
    scoring_mode: str = "accuracy",
    shuffle_options: bool = True,
    kinds: tuple[str, ...] = KINDS,
) -> tuple[int, str]:
    """A self-paced session of one built-in question of each kind; returns (id, join code)."""
    teacher_id, _ = make_teacher()
    with app.app_context():
        article = find_builtin_article()
        first_of_kind: dict[str, Any] = {}
        for question in article.questions:
            first_of_kind.setdefault(question.kind, question)
        # The generator decides which kinds the built-in bank has; a kind it lacks today is
        # written by hand, as a teacher would, so the quiz always covers every kind asked for.
        picked = [first_of_kind.get(kind) or handwritten(article, kind) for kind in kinds]
        for question in picked:
            question.status = "approved"
        quiz = Quiz(
            owner_id=teacher_id,
            title="Space race",
            time_limit=time_limit,
            feedback=feedback,
            scoring_mode=scoring_mode,
            shuffle_options=shuffle_options,
        )
        quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(picked)]
        db.session.add(quiz)
        db.session.flush()
        session = open_session(quiz, mode)
        db.session.commit()
        return session.id, session.join_code


SPACE_RACE = (
    "The Cold War era witnessed intense competition between the United States and the Soviet "
    "Union in the space race, culminating in the historic Apollo 11 moon landing in 1969."
)
HANDWRITTEN: dict[str, dict[str, Any]] = {
    "multiple_choice": {
        "stem": "The space race culminated in the Apollo 11 moon landing in _____.",
        "options": ["1969", "1972", "1960", "1971"],
        "answer": "1969",
    },
    "multiple_select": {
        "stem": "Which countries competed in the space race?",
        "options": ["the United States", "Japan", "the Soviet Union", "Brazil"],
        "answer": ["the United States", "the Soviet Union"],
    },
    "true_false": {"stem": "Apollo 11 landed on the moon in 1972.", "answer": False},
    "fill_blank": {
        "stem": "The space race culminated in the historic Apollo 11 moon _____ in 1969.",
        "answer": "landing",
        "accepted": ["landing"],
    },
    "matching": {
        "stem": "Which year does the article give for each of these?",
        "options": ["1975", "the late 1990s", "1969"],
        "answer": [
            ["Apollo 11", "1969"],
            ["the Apollo-Soyuz Test Project", "1975"],
            ["the ISS", "the late 1990s"],
        ],
    },
    "ordering": {
        "stem": "In which order does the article date these, earliest first?",
        "options": ["the ISS", "Apollo 11", "the Apollo-Soyuz Test Project"],
        "answer": ["Apollo 11", "the Apollo-Soyuz Test Project", "the ISS"],
    },
}


def handwritten(article: Any, kind: str) -> Question:
    """A teacher-written question of ``kind`` on the built-in article."""
    spec = HANDWRITTEN[kind]
    question = Question(
        article=article,
        kind=kind,
        stem=spec["stem"],
        answer=spec["answer"],
        accepted=spec.get("accepted", []),
        answer_type="text",
        source_sentence=SPACE_RACE,
        source_start=0,
        source_end=len(SPACE_RACE),
        rule="teacher",
        status="approved",
    )
    question.options = [
        QuestionOption(position=i, text=text) for i, text in enumerate(spec.get("options", []))
    ]
    db.session.add(question)
    db.session.flush()
    return question


@pytest.fixture
def session_info(app: Flask, make_teacher) -> tuple[int, str]:
    return make_session(app, make_teacher)


def join(client: FlaskClient, code: str, nickname: str):
    return client.post("/join", data={"code": code, "nickname": nickname})


def joined(client: FlaskClient, code: str, nickname: str) -> FlaskClient:
    response = join(client, code, nickname)
    assert response.status_code == 302, response.text
    return client


# --- Answering ---------------------------------------------------------------------------------


def current(
    app: Flask, session_id: int, nickname: str, *, start_clock: bool = True
) -> dict[str, Any]:
    """What the student with ``nickname`` sees now: question, kind, key and shown options.

    ``start_clock=False`` reads it without showing it (the clock stays stopped).
    """
    with app.app_context():
        participant = db.session.scalar(
            select(Participant).where(
                Participant.session_id == session_id, Participant.nickname == nickname
            )
        )
        if start_clock:
            question = current_question(participant, utc_now())
        else:
            question = question_on(participant)
        db.session.commit()
        if question is None:
            return {}
        shown = shown_to(participant, question)
        return {
            "id": question.id,
            "kind": question.kind,
            "answer": question.answer,
            "accepted": list(question.accepted or []),
            "options": list(shown.choices) if question.options is not None else None,
            "choices": list(shown.choices),
            "lefts": list(shown.prompts),
            "source": question.source_sentence,
        }


def right_form(q: dict[str, Any]) -> dict[str, Any]:
    """Form data answering ``q`` with its key."""
    kind, key, choices = q["kind"], q["answer"], q["choices"]
    data: dict[str, Any] = {"question_id": q["id"]}
    if kind == "multiple_choice":
        data["answer"] = str(choices.index(key))
    elif kind == "multiple_select":
        data["picks"] = [str(choices.index(k)) for k in key]
    elif kind == "true_false":
        data["answer"] = "true" if key else "false"
    elif kind == "fill_blank":
        data["text"] = f"  {key.upper()} "
    elif kind == "matching":
        pairs = dict(map(tuple, key))
        for i, left in enumerate(q["lefts"]):  # the items in the order this student sees them
            data[f"match_{i}"] = str(choices.index(pairs[left]))
    elif kind == "ordering":
        for i, item in enumerate(choices):
            data[f"position_{i}"] = str(key.index(item) + 1)
    elif kind == "numeric":
        data["number"] = f"about {key:,}"  # "about 1,969": read as 1969
    return data


def wrong_form(q: dict[str, Any]) -> dict[str, Any]:
    """Form data answering ``q`` with no credit at all."""
    kind, key, choices = q["kind"], q["answer"], q["choices"]
    data: dict[str, Any] = {"question_id": q["id"]}
    if kind == "multiple_choice":
        data["answer"] = str(next(i for i, c in enumerate(choices) if c != key))
    elif kind == "multiple_select":
        data["picks"] = [str(i) for i, c in enumerate(choices) if c not in key]
    elif kind == "true_false":
        data["answer"] = "false" if key else "true"
    elif kind == "fill_blank":
        data["text"] = "zebra crossing"
    elif kind == "matching":  # every item one match along: each match used once, none right
        pairs = dict(map(tuple, key))
        for i, left in enumerate(q["lefts"]):
            right = choices.index(pairs[left])
            data[f"match_{i}"] = str((right + 1) % len(choices))
    elif kind == "ordering":
        reverse = list(reversed(key))
        for i, item in enumerate(choices):
            data[f"position_{i}"] = str(reverse.index(item) + 1)
    elif kind == "numeric":
        data["number"] = str(key * 3 + 1000)
    return data


def score_of(app: Flask, session_id: int, nickname: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Participant.score).where(
                Participant.session_id == session_id, Participant.nickname == nickname
            )
        )


def play_all(app, client, session_id, nickname, form_for) -> list[dict[str, Any]]:
    """Answer every question with ``form_for``; returns what each feedback page said."""
    seen = []
    while True:
        page = client.get(f"/play/{session_id}")
        if page.status_code == 302:
            assert page.headers["Location"].endswith(f"/play/{session_id}/done")
            return seen
        assert page.status_code == 200, page.text
        q = current(app, session_id, nickname)
        posted = client.post(f"/play/{session_id}/answer", data=form_for(q))
        assert posted.status_code == 302, posted.text
        location = posted.headers["Location"]
        assert location.endswith(f"/play/{session_id}/feedback/{q['id']}")
        feedback = client.get(location)
        assert feedback.status_code == 200
        seen.append({**q, "html": feedback.text})


def test_an_answer_to_a_question_never_shown_is_refused(app: Flask, make_teacher, client) -> None:
    """Posting blind used to start and stop the clock at once: full speed points for 0.0 s."""
    session_id, code = make_session(app, make_teacher, time_limit=30, scoring_mode="speed")
    joined(client, code, "Blind")
    q = current(app, session_id, "Blind", start_clock=False)
    posted = client.post(f"/play/{session_id}/answer", data=right_form(q))
    assert posted.status_code == 400
    assert "Read the question first" in posted.text
    assert score_of(app, session_id, "Blind") == 0
    with app.app_context():
        stored = select(Response.id).where(Response.session_id == session_id)
        assert db.session.scalar(stored) is None
    # The refusal showed the question, so its clock runs now and an answer is taken.
    again = client.post(f"/play/{session_id}/answer", data=right_form(q))
    assert again.status_code == 302


# --- Joining -----------------------------------------------------------------------------------


def test_join_page_has_code_and_nickname_fields(client: FlaskClient) -> None:
    page = client.get("/join")
    assert page.status_code == 200
    assert 'name="code"' in page.text and 'autocomplete="off"' in page.text
    assert 'inputmode="text"' in page.text
    assert 'name="nickname"' in page.text and 'maxlength="24"' in page.text


def test_join_by_code_ignores_case_and_spaces(
    client: FlaskClient, session_info: tuple[int, str]
) -> None:
    session_id, code = session_info
    messy = f" {code[:3].lower()} {code[3:].lower()} "
    response = join(client, messy, "Ana")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/play/{session_id}")
    assert f"quizapp_p{session_id}=" in response.headers["Set-Cookie"]
    page = client.get(f"/play/{session_id}")
    assert page.status_code == 200
    assert f"Question 1 of {len(KINDS)}" in page.text
    assert "Ana" in page.text


def test_join_by_url_asks_only_the_nickname(
    client: FlaskClient, session_info: tuple[int, str]
) -> None:
    session_id, code = session_info
    page = client.get(f"/join/{code.lower()}")
    assert page.status_code == 200
    assert 'name="code"' not in page.text
    assert code in page.text and "Space race" in page.text
    response = client.post(f"/join/{code}", data={"nickname": "Bo"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/play/{session_id}")


def test_nickname_is_trimmed_and_escaped(client: FlaskClient, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "   <script>x</script>  ")
    page = client.get(f"/play/{session_id}")
    assert "<script>x</script>" not in page.text
    assert "&lt;script&gt;x&lt;/script&gt;" in page.text


def test_nickname_unique_case_insensitively(app, session_info) -> None:
    session_id, code = session_info
    joined(app.test_client(), code, "Ana")
    second = app.test_client()
    response = join(second, code, "  ANA ")
    assert response.status_code == 409
    assert "already called" in unescape(response.text)
    assert 'value="ANA"' in response.text or "ANA" in response.text  # the form is kept
    assert response.headers.get("Set-Cookie", "").find(f"quizapp_p{session_id}") == -1


def test_nickname_too_long_or_empty(client: FlaskClient, session_info) -> None:
    _, code = session_info
    too_long = join(client, code, "x" * 25)
    assert too_long.status_code == 400
    assert "at most 24 characters" in too_long.text
    empty = join(client, code, "   ")
    assert empty.status_code == 400


def test_unknown_code_is_404_with_a_way_to_try_again(client: FlaskClient, session_info) -> None:
    response = join(client, "ZZZZZZ", "Ana")
    assert response.status_code == 404
    assert "No quiz is open with the code ZZZZZZ" in response.text
    assert 'name="code"' in response.text
    page = client.get("/join/zzzzzz")
    assert page.status_code == 404
    assert 'action="/join"' in page.text


def test_closed_session_is_410(app: Flask, client: FlaskClient, session_info) -> None:
    session_id, code = session_info
    with app.app_context():
        close_session(db.session.get(ClassSession, session_id))
        db.session.commit()
    assert join(client, code, "Ana").status_code == 410
    page = client.get(f"/join/{code}")
    assert page.status_code == 410
    assert "closed" in page.text


def test_returning_student_skips_the_form(client: FlaskClient, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    again = client.get(f"/join/{code}", follow_redirects=True)
    assert "Welcome back, Ana!" in unescape(again.text)
    assert f"Question 1 of {len(KINDS)}" in again.text
    typed = join(client, code, "Someone else")
    assert typed.status_code == 302
    assert typed.headers["Location"].endswith(f"/play/{session_id}")


# --- Playing -----------------------------------------------------------------------------------


def test_right_answers_to_every_kind_earn_full_marks(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    seen = play_all(app, client, session_id, "Ana", right_form)
    assert sorted(q["kind"] for q in seen) == sorted(KINDS)
    for q in seen:
        assert "Right!" in q["html"]
        assert f"+{FULL_MARKS}" in q["html"]
        key_text = get_kind(q["kind"]).describe_answer(q["answer"])
        assert str(escape_text(key_text)) in q["html"]
    assert score_of(app, session_id, "Ana") == FULL_MARKS * len(KINDS)
    done = client.get(f"/play/{session_id}/done")
    assert done.status_code == 200
    assert f"Correct {len(KINDS)} of {len(KINDS)}" in visible(done.text)
    assert "Rank 1 of 1" in visible(done.text)
    assert f"Score {FULL_MARKS * len(KINDS)}" in visible(done.text)


def test_wrong_answers_earn_nothing(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Bo")
    seen = play_all(app, client, session_id, "Bo", wrong_form)
    for q in seen:
        assert "Not quite" in q["html"]
        assert "+0" in q["html"]
    assert score_of(app, session_id, "Bo") == 0
    done = client.get(f"/play/{session_id}/done")
    assert f"Correct 0 of {len(KINDS)}" in visible(done.text)


def test_multiple_select_gives_partial_credit(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, kinds=("multiple_select",))
    joined(client, code, "Cy")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Cy")
    keys = q["answer"]
    assert len(keys) >= 2
    data = {"question_id": q["id"], "picks": [str(q["choices"].index(keys[0]))]}
    response = client.post(f"/play/{session_id}/answer", data=data, follow_redirects=True)
    assert "Partly right" in response.text
    expected = round(FULL_MARKS / len(keys))
    assert score_of(app, session_id, "Cy") == expected
    assert f"+{expected}" in response.text


def test_answering_twice_is_409_and_keeps_the_score(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    assert client.post(f"/play/{session_id}/answer", data=right_form(q)).status_code == 302
    score = score_of(app, session_id, "Ana")
    again = client.post(f"/play/{session_id}/answer", data=wrong_form(q))
    assert again.status_code == 409
    assert "answered this question already" in again.text
    assert f'href="/play/{session_id}"' in again.text
    assert score_of(app, session_id, "Ana") == score


def test_answering_ahead_is_409(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    with app.app_context():
        ids = [sq.id for sq in db.session.get(ClassSession, session_id).questions]
    ahead = next(i for i in ids if i != q["id"])
    response = client.post(f"/play/{session_id}/answer", data={"question_id": ahead, "answer": "0"})
    assert response.status_code == 409
    assert score_of(app, session_id, "Ana") == 0
    assert current(app, session_id, "Ana")["id"] == q["id"]


def test_malformed_answer_is_400_and_shows_the_question_again(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    response = client.post(f"/play/{session_id}/answer", data={"question_id": q["id"]})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert f'value="{q["id"]}"' in response.text  # the same question, ready to answer
    assert current(app, session_id, "Ana")["id"] == q["id"]


def test_ordering_positions_must_be_a_permutation(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, kinds=("ordering",))
    joined(client, code, "Di")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Di")
    data = {"question_id": q["id"]} | {f"position_{i}": "1" for i in range(len(q["choices"]))}
    response = client.post(f"/play/{session_id}/answer", data=data)
    assert response.status_code == 400
    assert "both have position 1" in unescape(response.text)
    assert "Give each item its own position" in response.text
    assert "selected" in response.text  # the choices are kept
    assert score_of(app, session_id, "Di") == 0


def test_tampered_cookie_is_treated_as_not_joined(client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    cookie = client.get_cookie(f"quizapp_p{session_id}")
    client.set_cookie(f"quizapp_p{session_id}", cookie.value[:-2] + "xx")
    response = client.get(f"/play/{session_id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/join")
    assert client.post(f"/play/{session_id}/answer", data={}).status_code == 302


def test_another_student_cannot_see_or_answer_the_first_ones(
    app, make_teacher, session_info
) -> None:
    session_id, code = session_info
    first = joined(app.test_client(), code, "Ana")
    first.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    assert first.post(f"/play/{session_id}/answer", data=right_form(q)).status_code == 302

    stranger = app.test_client()
    assert stranger.get(f"/play/{session_id}").status_code == 302
    assert stranger.get(f"/play/{session_id}/feedback/{q['id']}").status_code == 302
    assert stranger.get(f"/play/{session_id}/done").status_code == 302
    assert stranger.post(f"/play/{session_id}/answer", data=wrong_form(q)).status_code == 302

    second = joined(app.test_client(), code, "Bo")
    # Bo has not answered that question: no feedback page (so no key) for him.
    assert second.get(f"/play/{session_id}/feedback/{q['id']}").status_code == 404
    # Answering Ana's question again from Bo's seat answers nothing of Ana's.
    bo_question = current(app, session_id, "Bo")
    assert bo_question["id"] == q["id"]  # same order, but Bo's own seat and clock
    assert "Ana" not in second.get(f"/play/{session_id}").text
    assert score_of(app, session_id, "Ana") == FULL_MARKS

    # Ana's token does not open another session, even under that session's cookie name.
    other_id, _ = make_session(app, make_teacher)
    token = first.get_cookie(f"quizapp_p{session_id}").value
    first.set_cookie(f"quizapp_p{other_id}", token)
    assert first.get(f"/play/{other_id}").status_code == 302


def test_question_pages_never_carry_the_key(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    kinds_seen = set()
    while True:
        page = client.get(f"/play/{session_id}")
        if page.status_code == 302:
            break
        q = current(app, session_id, "Ana")
        kinds_seen.add(q["kind"])
        html = unescape(page.text)
        shown = set(q["choices"] or []) | set(q["lefts"])
        if q["kind"] == "true_false":
            shown |= {"True", "False"}  # both buttons, always, in the same order
        assert_key_absent(q, html, shown)
        client.post(f"/play/{session_id}/answer", data=right_form(q))
    assert kinds_seen == set(KINDS)


def assert_key_absent(q: dict[str, Any], html: str, shown: set[str]) -> None:
    kind = q["kind"]
    key_text = get_kind(kind).describe_answer(q["answer"])
    if key_text not in shown:
        assert key_text not in html, f"{kind}: the key {key_text!r} is on the question page"
    for accepted in q["accepted"]:
        if not any(accepted.casefold() in text.casefold() for text in shown):
            assert accepted not in html, f"{kind}: accepted answer {accepted!r} is on the page"
    assert q["source"] not in html, f"{kind}: the source sentence is on the question page"
    lowered = html.lower()
    for marker in ("data-correct", "is-correct", "option--correct", "data-answer", "accepted"):
        assert marker not in lowered, f"{kind}: {marker!r} on the question page"
    if kind in ("multiple_choice", "multiple_select", "matching", "ordering"):
        # Every option is marked up the same way: only its index and text differ.
        tags = option_tags(html, kind)
        assert len(tags) == len(q["choices"]) or kind in ("matching", "ordering")
        shapes = {re.sub(r"\d+|answer--[a-d]|picks-\d+", "#", tag) for tag in tags}
        assert len(shapes) == 1, f"{kind}: options differ in markup: {shapes}"


def option_tags(html: str, kind: str) -> list[str]:
    if kind == "multiple_choice":
        return re.findall(r'<button type="submit" class="answer[^>]*>', html)
    if kind == "multiple_select":
        return re.findall(r'<input[^>]*name="picks"[^>]*>', html)
    return re.findall(r'<option value="\d+"[^>]*>', html)


def test_feedback_only_after_answering(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    assert client.get(f"/play/{session_id}/feedback/{q['id']}").status_code == 404
    assert client.get(f"/play/{session_id}/done").status_code == 302
    client.post(f"/play/{session_id}/answer", data=right_form(q))
    page = client.get(f"/play/{session_id}/feedback/{q['id']}")
    assert page.status_code == 200
    assert "From the article" in page.text
    assert "Next question" in page.text


def test_feedback_at_the_end_skips_feedback_pages(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, feedback="end")
    joined(client, code, "Ana")
    first = None
    for _ in range(len(KINDS)):
        page = client.get(f"/play/{session_id}")
        assert page.status_code == 200
        assert "pts" not in page.text  # no running score to give answers away
        q = current(app, session_id, "Ana")
        first = first or q
        posted = client.post(f"/play/{session_id}/answer", data=right_form(q))
        assert posted.headers["Location"].endswith(f"/play/{session_id}")
        if q is first:
            early = client.get(f"/play/{session_id}/feedback/{q['id']}")
            assert early.status_code == 302  # no key before the end
    assert client.get(f"/play/{session_id}").headers["Location"].endswith("/done")
    done = client.get(f"/play/{session_id}/done")
    assert f"Correct {len(KINDS)} of {len(KINDS)}" in visible(done.text)
    # Finished, but the session still takes answers: the keys stay hidden (see below).
    assert client.get(f"/play/{session_id}/feedback/{first['id']}").status_code == 302


def test_feedback_at_the_end_hides_keys_until_closed_or_released(app, client, make_teacher) -> None:
    """A throwaway nickname answering at random must not read every key on its end page."""
    owner: list[str] = []

    def remembering_teacher(*args, **kwargs):
        teacher_id, email = make_teacher(*args, **kwargs)
        owner.append(email)
        return teacher_id, email

    session_id, code = make_session(
        app, remembering_teacher, feedback="end", kinds=("multiple_choice", "fill_blank")
    )
    joined(client, code, "Throwaway")
    asked, given = [], set()
    while client.get(f"/play/{session_id}").status_code == 200:
        q = current(app, session_id, "Throwaway")
        asked.append(q)
        data = wrong_form(q)
        given.add(data.get("text") or q["choices"][int(data["answer"])])
        assert client.post(f"/play/{session_id}/answer", data=data).status_code == 302
    keys = [q["answer"] for q in asked]
    done = client.get(f"/play/{session_id}/done")
    assert done.status_code == 200
    assert "The answers come later" in done.text
    for q in asked:
        # (A key may also be what the student picked for another question: that is theirs; or
        # words of another question's stem, which shows its sentence: "... landing in 1969".)
        shown_elsewhere = any(q["answer"] in unescape(o["source"]) for o in asked if o is not q)
        assert q["answer"] in given or shown_elsewhere or q["answer"] not in unescape(done.text)
        assert unescape(q["source"]) not in unescape(done.text)
    assert "Correct answer" not in done.text and "From the article" not in done.text
    feedback = client.get(f"/play/{session_id}/feedback/{asked[0]['id']}")
    assert feedback.status_code == 302 and feedback.headers["Location"].endswith("/done")

    teacher = app.test_client()
    assert login(teacher, owner[0]).status_code == 302
    detail = teacher.get(f"/teacher/sessions/{session_id}")
    assert "Release the answers" in detail.text
    released = teacher.post(f"/teacher/sessions/{session_id}/release-answers")
    assert released.status_code == 302
    assert "Release the answers" not in teacher.get(f"/teacher/sessions/{session_id}").text
    done = client.get(f"/play/{session_id}/done")
    assert "The answers come later" not in done.text
    assert all(key in unescape(done.text) for key in keys)
    assert client.get(f"/play/{session_id}/feedback/{asked[0]['id']}").status_code == 200


def test_feedback_at_the_end_shows_keys_once_the_session_closes(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, feedback="end", kinds=("fill_blank",))
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    client.post(f"/play/{session_id}/answer", data=wrong_form(q))
    assert q["answer"] not in client.get(f"/play/{session_id}/done").text
    with app.app_context():
        close_session(db.session.get(ClassSession, session_id))
        db.session.commit()
    assert q["answer"] in unescape(client.get(f"/play/{session_id}/done").text)


def test_end_page_numbers_and_rank(app, session_info) -> None:
    session_id, code = session_info
    ana = joined(app.test_client(), code, "Ana")
    bo = joined(app.test_client(), code, "Bo")
    play_all(app, ana, session_id, "Ana", right_form)
    play_all(app, bo, session_id, "Bo", wrong_form)
    with app.app_context():
        removed = Participant(
            session_id=session_id,
            nickname="Gone",
            nickname_key="gone",
            secret="x",
            score=99999,
            removed=True,
        )
        db.session.add(removed)
        db.session.commit()
    ana_done = ana.get(f"/play/{session_id}/done").text
    bo_done = bo.get(f"/play/{session_id}/done").text
    assert "All done, Ana!" in ana_done
    # Ranked among two: the removed student's score does not count.
    assert "Rank 1 of 2" in visible(ana_done)
    assert "Rank 2 of 2" in visible(bo_done)
    assert f"Correct {len(KINDS)} of {len(KINDS)}" in visible(ana_done)
    assert f"Correct 0 of {len(KINDS)}" in visible(bo_done)
    assert f"Score {FULL_MARKS * len(KINDS)}" in visible(ana_done) and "Score 0" in visible(bo_done)
    assert ana_done.count("From the article") == len(KINDS)
    assert bo_done.count("Not quite") == len(KINDS)


def test_reload_keeps_the_question_clock_and_option_order(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")  # the first showing, with its "You're in" message
    first = client.get(f"/play/{session_id}").text
    with app.app_context():
        shown_at = db.session.scalar(
            select(Participant.shown_at).where(Participant.session_id == session_id)
        )
    second = client.get(f"/play/{session_id}").text
    assert strip_tokens(first) == strip_tokens(second)
    with app.app_context():
        again = db.session.scalar(
            select(Participant.shown_at).where(Participant.session_id == session_id)
        )
    assert shown_at is not None and again == shown_at
    # Every kind keeps its order over reloads.
    while True:
        one = client.get(f"/play/{session_id}")
        if one.status_code == 302:
            break
        two = client.get(f"/play/{session_id}")
        assert option_texts(one.text) == option_texts(two.text)
        client.post(f"/play/{session_id}/answer", data=right_form(current(app, session_id, "Ana")))


def strip_tokens(html: str) -> str:
    html = re.sub(r'name="csrf_token"[^>]*>', "", html)
    return re.sub(r'data-seconds="[^"]*"', "", html)


def option_texts(html: str) -> list[str]:
    return re.findall(r"<(?:button|option|label)[^>]*>(.*?)</(?:button|option|label)>", html, re.S)


def test_timed_out_answer_scores_nothing(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, time_limit=5, kinds=("true_false",))
    joined(client, code, "Ana")
    page = client.get(f"/play/{session_id}")
    assert "data-play-timer" in page.text and "seconds left" in page.text
    with app.app_context():
        participant = db.session.scalar(
            select(Participant).where(Participant.session_id == session_id)
        )
        participant.shown_at = participant.shown_at - timedelta(seconds=60)
        db.session.commit()
    late = client.get(f"/play/{session_id}")
    assert "Time is up for this question" in late.text
    q = current(app, session_id, "Ana")
    response = client.post(f"/play/{session_id}/answer", data=right_form(q), follow_redirects=True)
    assert "Time was up — no points for this one" in response.text
    assert score_of(app, session_id, "Ana") == 0


def test_closed_session_shows_the_end_page(app, client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    client.get(f"/play/{session_id}")
    q = current(app, session_id, "Ana")
    with app.app_context():
        close_session(db.session.get(ClassSession, session_id))
        db.session.commit()
    page = client.get(f"/play/{session_id}")
    assert page.status_code == 200
    assert "This session has closed" in page.text
    answer = client.post(f"/play/{session_id}/answer", data=right_form(q))
    assert answer.status_code == 410
    assert "This session has closed" in answer.text
    assert client.get(f"/play/{session_id}/done").status_code == 200
    # Coming back by the link finds the results rather than a dead end.
    back = client.get(f"/join/{code}", follow_redirects=True)
    assert "This session has closed" in back.text


def test_unknown_session_is_404(client) -> None:
    assert client.get("/play/9999").status_code == 404


def test_play_pages_are_not_cached(client, session_info) -> None:
    session_id, code = session_info
    joined(client, code, "Ana")
    assert client.get(f"/play/{session_id}").headers["Cache-Control"] == "no-store"


def visible(html: str) -> str:
    """The page's text in source order, tags dropped, whitespace collapsed.

    A stat's value comes before its label in the markup (f"Correct {len(KINDS)} of {len(KINDS)}").
    """
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def escape_text(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_session_questions_cover_every_kind(app, session_info) -> None:
    session_id, _ = session_info
    with app.app_context():
        kinds = db.session.scalars(
            select(SessionQuestion.kind).where(SessionQuestion.session_id == session_id)
        ).all()
    assert sorted(kinds) == sorted(KINDS)


def test_a_live_session_is_not_played_at_your_own_pace(app, client, make_teacher) -> None:
    session_id, code = make_session(app, make_teacher, mode="live")
    joined(client, code, "Ana")
    page = client.get(f"/play/{session_id}")
    assert page.status_code == 302
    assert f"/play/{session_id}" not in page.headers["Location"]
    with app.app_context():
        first = db.session.get(ClassSession, session_id).questions[0]
        data = {"question_id": first.id, "answer": "true", "text": "x", "picks": ["0"]}
    assert client.post(f"/play/{session_id}/answer", data=data).status_code == 302
    assert score_of(app, session_id, "Ana") == 0
    with app.app_context():
        assert not db.session.get(ClassSession, session_id).participants[0].responses
