"""Who may reach what: every teacher and host route against another teacher and a stranger, every
student route against another student, and no answer key on a student's screen before answering.

The routes are read from ``app.url_map``, so a route added later is checked too; a route with a
URL part this file does not know fails ``test_every_url_part_is_known`` with what to add.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import (
    Article,
    ClassSession,
    Participant,
    Question,
    QuestionOption,
    Quiz,
    QuizItem,
    SessionQuestion,
)
from quizapp.operations.sessions import open_session
from tests.conftest import login

# --- A world: teacher A's article, questions, quiz, sessions and students -----------------------

SECRET_TITLE = "Teacher A's private article zq7"
SECRET_QUIZ = "Teacher A's private quiz zq7"
BODY_SENTENCES = [
    "The Cold War era witnessed intense competition between the United States and the Soviet "
    "Union in the space race.",
    "The space race culminated in the historic Apollo 11 moon landing in 1969.",
    "The Apollo-Soyuz Test Project followed in 1975, and the ISS was assembled in the late 1990s.",
]
BODY = "Space race\n\n" + "\n\n".join(BODY_SENTENCES) + "\n"

#: One question of every kind, written as a teacher would; options never in the key's order.
QUESTIONS: dict[str, dict[str, Any]] = {
    "fill_blank": {
        "stem": "The space race culminated in the historic Apollo 11 moon _____ in 1969.",
        "answer": "landing",
        "accepted": ["landing", "touchdown"],
    },
    "multiple_choice": {
        "stem": "The Apollo 11 moon landing happened in _____.",
        "options": ["1972", "1969", "1960", "1971"],
        "answer": "1969",
    },
    "multiple_select": {
        "stem": "Which countries competed in the space race?",
        "options": ["Japan", "the United States", "Brazil", "the Soviet Union"],
        "answer": ["the United States", "the Soviet Union"],
    },
    "true_false": {"stem": "Apollo 11 landed on the moon in 1972.", "answer": False},
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
KINDS = tuple(QUESTIONS)


@dataclass
class World:
    teacher_a: int
    email_a: str
    teacher_b: int
    email_b: str
    article_id: int
    question_ids: list[int]
    quiz_id: int
    item_ids: list[int]
    self_paced_id: int
    live_id: int
    codes: dict[int, str] = field(default_factory=dict)


def make_article(owner_id: int | None, title: str = SECRET_TITLE, **fields: Any) -> Article:
    """An article with one hand-written question of every kind, all approved."""
    article = Article(
        owner_id=owner_id,
        title=title,
        body=BODY,
        sha256=hashlib.sha256(f"{title}{BODY}".encode()).hexdigest(),
        words=len(BODY.split()),
        **fields,
    )
    db.session.add(article)
    db.session.flush()
    start = BODY.index(BODY_SENTENCES[1])
    for position, (kind, spec) in enumerate(QUESTIONS.items()):
        question = Question(
            article=article,
            kind=kind,
            stem=spec["stem"],
            answer=spec["answer"],
            accepted=spec.get("accepted", []),
            answer_type="term",
            source_sentence=BODY_SENTENCES[1],
            source_start=start,
            source_end=start + len(BODY_SENTENCES[1]),
            rule="teacher",
            status="approved",
            position=position,
        )
        question.options = [
            QuestionOption(position=i, text=text) for i, text in enumerate(spec.get("options", []))
        ]
        db.session.add(question)
    db.session.flush()
    return article


def make_quiz(owner_id: int, article: Article, title: str = SECRET_QUIZ, **settings: Any) -> Quiz:
    settings.setdefault("shuffle_options", False)
    settings.setdefault("feedback", "each")
    settings.setdefault("scoring_mode", "accuracy")
    quiz = Quiz(owner_id=owner_id, title=title, **settings)
    quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(article.questions)]
    db.session.add(quiz)
    db.session.flush()
    return quiz


def build_world(app: Flask, make_teacher) -> World:
    """Teacher A owns an article, a quiz, two open sessions (self-paced, live); B owns nothing."""
    teacher_a, email_a = make_teacher(name="Teacher A")
    teacher_b, email_b = make_teacher(name="Teacher B")
    with app.app_context():
        article = make_article(teacher_a)
        quiz = make_quiz(teacher_a, article)
        self_paced = open_session(quiz, "self_paced")
        live = open_session(quiz, "live")
        db.session.commit()
        return World(
            teacher_a=teacher_a,
            email_a=email_a,
            teacher_b=teacher_b,
            email_b=email_b,
            article_id=article.id,
            question_ids=[q.id for q in article.questions],
            quiz_id=quiz.id,
            item_ids=[item.id for item in quiz.items],
            self_paced_id=self_paced.id,
            live_id=live.id,
            codes={self_paced.id: self_paced.join_code, live.id: live.join_code},
        )


def join(app: Flask, world: World, session_id: int, nickname: str) -> FlaskClient:
    """A student's browser, joined through the join link."""
    client = app.test_client()
    response = client.post(f"/join/{world.codes[session_id]}", data={"nickname": nickname})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def participant_id(app: Flask, session_id: int, nickname: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Participant.id).where(
                Participant.session_id == session_id, Participant.nickname == nickname
            )
        )


def session_questions(app: Flask, session_id: int) -> list[tuple[int, str]]:
    with app.app_context():
        return list(
            db.session.execute(
                select(SessionQuestion.id, SessionQuestion.kind)
                .where(SessionQuestion.session_id == session_id)
                .order_by(SessionQuestion.position)
            ).all()
        )


CSRF_VALUE = re.compile(r'(name="csrf_token" value=|name="csrf-token" content=)"[^"]*"')


def normalised(html: str) -> str:
    """A page without what changes from one rendering to the next (the CSRF token)."""
    return CSRF_VALUE.sub(r'\1""', html)


# --- Filling in URLs -----------------------------------------------------------------------------

TEACHER_PREFIXES = ("/teacher/", "/host/")
STUDENT_PREFIXES = ("/play/", "/live/", "/join")
#: Teacher routes anyone may open: the way in.
OPEN_TEACHER_ENDPOINTS = {"teacher.login", "teacher.register"}
KNOWN_ARGUMENTS = {
    "session_id",
    "participant_id",
    "quiz_id",
    "item_id",
    "article_id",
    "question_id",
    "number",
    "code",
    "filename",
    "token",
    "format_name",
}


def rules_under(app: Flask, prefixes: tuple[str, ...]):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.rule.startswith(prefixes)),
        key=lambda rule: rule.rule,
    )


def url_for_rule(app: Flask, rule, world: World, session_id: int, student: int | None) -> str:
    """The rule's URL pointing at teacher A's things (in ``session_id``)."""
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        first_question = session.questions[0].id
    values: dict[str, Any] = {
        "session_id": session_id,
        "quiz_id": world.quiz_id,
        "item_id": world.item_ids[0],
        "article_id": world.article_id,
        "number": 1,
        "code": world.codes[session_id],
        "participant_id": student or 1,
        "filename": "css/app.css",
        "token": "no-such-token",
        "format_name": "gift",
    }
    # A question id means a bank question under /teacher/questions, else a session question.
    values["question_id"] = (
        world.question_ids[0] if rule.rule.startswith("/teacher/questions") else first_question
    )
    return rule.build({name: values[name] for name in rule.arguments})[1]


def methods_of(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def call(client: FlaskClient, method: str, url: str, **kwargs: Any):
    return client.open(url, method=method, **kwargs)


@pytest.fixture
def world(app: Flask, make_teacher) -> World:
    return build_world(app, make_teacher)


def test_every_url_part_is_known(app: Flask) -> None:
    """A new kind of URL part needs a value in ``url_for_rule`` before the matrix can check it."""
    unknown = {
        (rule.rule, name)
        for rule in app.url_map.iter_rules()
        for name in rule.arguments
        if name not in KNOWN_ARGUMENTS
    }
    assert not unknown, f"add these to url_for_rule and KNOWN_ARGUMENTS: {sorted(unknown)}"


# --- Teachers' and hosts' routes -----------------------------------------------------------------


def a_state(app: Flask, world: World) -> dict[str, Any]:
    """What teacher A owns, to compare before and after the others tried everything."""
    with app.app_context():
        quiz = db.session.get(Quiz, world.quiz_id)
        article = db.session.get(Article, world.article_id)
        sessions = [db.session.get(ClassSession, i) for i in (world.self_paced_id, world.live_id)]
        players = db.session.scalars(select(Participant).order_by(Participant.id)).all()
        return {
            "quiz": (quiz.title, [item.question_id for item in quiz.items]) if quiz else None,
            "article": (article.title, [(q.stem, q.status) for q in article.questions])
            if article
            else None,
            "sessions": [(s.status, s.phase, s.version) for s in sessions],
            "players": [(p.nickname, p.removed, p.time_factor) for p in players],
        }


def test_teacher_routes_refuse_another_teacher_and_strangers(app: Flask, world: World) -> None:
    ana = join(app, world, world.self_paced_id, "Ana")
    assert ana is not None
    live_player = join(app, world, world.live_id, "Ben")
    assert live_player is not None
    players = {
        world.self_paced_id: participant_id(app, world.self_paced_id, "Ana"),
        world.live_id: participant_id(app, world.live_id, "Ben"),
    }
    before = a_state(app, world)
    other = signed_in(app, world.email_b)
    stranger = app.test_client()
    checked = 0
    for rule in rules_under(app, TEACHER_PREFIXES):
        if rule.endpoint in OPEN_TEACHER_ENDPOINTS:
            continue
        session_ids = [world.live_id] if rule.rule.startswith("/host/") else [world.self_paced_id]
        if "session_id" in rule.arguments and not rule.rule.startswith("/host/"):
            session_ids.append(world.live_id)
        for session_id in session_ids:
            url = url_for_rule(app, rule, world, session_id, players[session_id])
            for method in methods_of(rule):
                response = call(stranger, method, url)
                where = f"{method} {url} ({rule.endpoint}) as a stranger"
                assert response.status_code in (302, 401, 403, 404), where
                if response.status_code == 302:
                    assert response.headers["Location"].startswith("/teacher/login"), where
                assert SECRET_TITLE not in response.text and SECRET_QUIZ not in response.text
                if rule.arguments and rule.endpoint != "teacher.logout":
                    response = call(other, method, url)
                    where = f"{method} {url} ({rule.endpoint}) as another teacher"
                    assert response.status_code in (403, 404), where
                    assert SECRET_TITLE not in response.text, where
                    assert SECRET_QUIZ not in response.text, where
                checked += 1
    assert checked >= 40
    # The query string is a way in too.
    response = other.get(f"/teacher/quizzes/new?article_id={world.article_id}")
    assert response.status_code == 404
    # Nothing of A's changed, and B is still signed in (no route logged B out on the way).
    assert a_state(app, world) == before
    assert other.get("/teacher/").status_code == 200


def test_other_teachers_lists_show_nothing_of_a(app: Flask, world: World) -> None:
    other = signed_in(app, world.email_b)
    for rule in rules_under(app, TEACHER_PREFIXES):
        if rule.arguments or "GET" not in rule.methods or rule.endpoint in OPEN_TEACHER_ENDPOINTS:
            continue
        page = other.get(rule.build({})[1])
        assert page.status_code in (200, 302), rule.rule
        assert SECRET_TITLE not in page.text and SECRET_QUIZ not in page.text, rule.rule


def test_public_pages_do_not_show_a_private_article(app: Flask, world: World) -> None:
    stranger = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith((*TEACHER_PREFIXES, *STUDENT_PREFIXES, "/static")):
            continue
        if "GET" not in rule.methods:
            continue
        url = url_for_rule(app, rule, world, world.self_paced_id, None)
        response = stranger.get(url)
        assert response.status_code < 500, url
        assert SECRET_TITLE not in response.text, url
        assert QUESTIONS["true_false"]["stem"] not in response.text, url


# --- Students' routes ----------------------------------------------------------------------------

S1_ANSWER = "quokka-of-student-one"


def test_another_student_gets_nothing_of_the_first(app: Flask, world: World) -> None:
    first, second = (join(app, world, world.self_paced_id, name) for name in ("Ana", "Ben"))
    (question_id, kind), *_ = session_questions(app, world.self_paced_id)
    assert kind == "fill_blank"
    assert first.get(f"/play/{world.self_paced_id}").status_code == 200  # shown: its clock runs
    answered = first.post(
        f"/play/{world.self_paced_id}/answer", data={"question_id": question_id, "text": S1_ANSWER}
    )
    assert answered.status_code == 302
    assert S1_ANSWER in first.get(answered.headers["Location"]).text  # her own feedback
    stranger = app.test_client()
    for rule in rules_under(app, STUDENT_PREFIXES):
        for session_id in (world.self_paced_id, world.live_id):
            url = url_for_rule(app, rule, world, session_id, None)
            for method in methods_of(rule):
                for who, client in (("the second student", second), ("a stranger", stranger)):
                    response = call(client, method, url)
                    where = f"{method} {url} as {who}"
                    assert response.status_code < 500, where
                    assert S1_ANSWER not in response.text, where
    # The second student's own feedback for that question does not exist: she has not answered.
    assert second.get(f"/play/{world.self_paced_id}/feedback/{question_id}").status_code == 404


def test_a_cookie_works_only_for_its_own_student_and_session(app: Flask, world: World) -> None:
    ana = join(app, world, world.self_paced_id, "Ana")
    token = ana.get_cookie(f"quizapp_p{world.self_paced_id}").value
    # Ana's token under the live session's cookie name: not a player there.
    thief = app.test_client()
    thief.set_cookie(f"quizapp_p{world.live_id}", token)
    # Not a player there: the same 404 as for a game that does not exist.
    assert thief.get(f"/live/{world.live_id}/stage").status_code == 404
    assert thief.get(f"/live/{world.live_id}/state").status_code == 404
    # A token changed by one character is refused.
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    thief.set_cookie(f"quizapp_p{world.self_paced_id}", forged)
    response = thief.get(f"/play/{world.self_paced_id}")
    assert response.status_code == 302 and response.headers["Location"] == "/join"


def test_a_live_player_sees_nothing_of_another_players_answer(app: Flask, world: World) -> None:
    host = signed_in(app, world.email_a)
    ana, ben = (join(app, world, world.live_id, name) for name in ("Ana", "Ben"))
    assert host.post(f"/host/{world.live_id}/next").status_code == 302
    (question_id, _), *_ = session_questions(app, world.live_id)
    stage = f"/live/{world.live_id}/stage"
    before = normalised(ben.get(stage).text), ben.get(f"/live/{world.live_id}/state").json
    answer = {"question_id": question_id, "text": S1_ANSWER}
    assert ana.post(f"/live/{world.live_id}/answer", data=answer).status_code == 302
    after = normalised(ben.get(stage).text), ben.get(f"/live/{world.live_id}/state").json
    assert after == before
    assert S1_ANSWER not in after[0]


def test_live_pages_do_not_give_a_stranger_the_join_code(app: Flask, world: World) -> None:
    stranger = app.test_client()
    code = world.codes[world.live_id]
    for url in (f"/live/{world.live_id}", f"/live/{world.live_id}/stage"):
        response = stranger.get(url)
        assert code not in response.headers.get("Location", ""), url
        assert code not in response.text, url


# --- No key before the answer -------------------------------------------------------------------


def other_key(kind: str, answer: Any, options: list[str] | None) -> tuple[Any, list[str]]:
    """A different key (and accepted answers) for the same question as the student sees it."""
    if kind == "multiple_choice":
        return next(o for o in options if o != answer), []
    if kind == "multiple_select":
        return [o for o in options if o not in answer][:1], []
    if kind == "true_false":
        return not answer, []
    if kind == "fill_blank":
        return "zebra", ["zebra", "okapi"]
    if kind == "matching":
        rights = [right for _, right in answer]
        rotated = rights[1:] + rights[:1]
        return [[left, right] for (left, _), right in zip(answer, rotated, strict=True)], []
    if kind == "ordering":
        reordered = [*answer[1:], answer[0]]
        if reordered == options:
            reordered = list(reversed(answer))
        return reordered, []
    raise AssertionError(kind)


def with_key(app: Flask, question_id: int, key: Any, accepted: list[str]) -> tuple[Any, list[str]]:
    """Give a session question another key; returns the old one."""
    with app.app_context():
        question = db.session.get(SessionQuestion, question_id)
        old = question.answer, list(question.accepted or [])
        question.answer, question.accepted = key, accepted
        db.session.commit()
        return old


def key_texts(kind: str, answer: Any, accepted: list[str]) -> list[str]:
    """Texts that would give the key away if a page showed them (for kinds whose key is a text)."""
    return [answer, *accepted] if kind == "fill_blank" else []


def assert_pages_do_not_depend_on_the_key(app, client, urls, question_id, kind) -> None:
    with app.app_context():
        question = db.session.get(SessionQuestion, question_id)
        answer, options, accepted = question.answer, question.options, question.accepted
        source = question.source_sentence
    for url in urls:
        client.get(url)  # once first, for the messages flashed on joining to go
    pages = [normalised(client.get(url).text) for url in urls]
    for page in pages:
        for text in key_texts(kind, answer, accepted):
            assert text not in page, (kind, text)
        assert source not in page, kind  # the source sentence holds the answer
    new_key, new_accepted = other_key(kind, answer, options)
    old = with_key(app, question_id, new_key, new_accepted)
    try:
        again = [normalised(client.get(url).text) for url in urls]
    finally:
        with_key(app, question_id, *old)
    for url, page, page_again in zip(urls, pages, again, strict=True):
        assert page_again == page, f"{url} changes with the key of a {kind} question"


def test_no_key_on_a_self_paced_question_page_of_any_kind(app: Flask, world: World) -> None:
    student = join(app, world, world.self_paced_id, "Ana")
    seen = set()
    for question_id, kind in session_questions(app, world.self_paced_id):
        urls = [f"/play/{world.self_paced_id}", f"/play/{world.self_paced_id}/done"]
        assert f'value="{question_id}"' in student.get(urls[0]).text
        assert_pages_do_not_depend_on_the_key(app, student, urls, question_id, kind)
        # Answer with something (right or wrong does not matter) to move on.
        response = student.post(
            f"/play/{world.self_paced_id}/answer", data=some_answer(question_id, kind)
        )
        assert response.status_code == 302, response.text
        seen.add(kind)
    assert seen == set(KINDS)


def test_no_key_on_a_live_phone_of_any_kind(app: Flask, world: World) -> None:
    host = signed_in(app, world.email_a)
    phone = join(app, world, world.live_id, "Ana")
    seen = set()
    for index, (question_id, kind) in enumerate(session_questions(app, world.live_id)):
        # lobby → question 1; then reveal → leaderboard → next question.
        steps = 1 if index == 0 else 2
        for _ in range(steps):
            assert host.post(f"/host/{world.live_id}/next").status_code == 302
        urls = [
            f"/live/{world.live_id}",
            f"/live/{world.live_id}/stage",
            f"/live/{world.live_id}/state",
        ]
        assert f'value="{question_id}"' in phone.get(urls[1]).text, kind
        assert_pages_do_not_depend_on_the_key(app, phone, urls, question_id, kind)
        answered = phone.post(f"/live/{world.live_id}/answer", data=some_answer(question_id, kind))
        assert answered.status_code == 302, answered.text
        seen.add(kind)
    assert seen == set(KINDS)


def some_answer(question_id: int, kind: str) -> dict[str, Any]:
    """A well-formed answer of ``kind`` (indexes into the options as shown)."""
    spec = QUESTIONS[kind]
    data: dict[str, Any] = {"question_id": question_id}
    if kind in ("multiple_choice", "multiple_select"):
        data["answer" if kind == "multiple_choice" else "picks"] = "0"
    elif kind == "true_false":
        data["answer"] = "true"
    elif kind == "fill_blank":
        data["text"] = "something"
    elif kind == "matching":
        data.update({f"match_{i}": str(i) for i in range(len(spec["answer"]))})
    elif kind == "ordering":
        data.update({f"position_{i}": str(i + 1) for i in range(len(spec["answer"]))})
    return data
