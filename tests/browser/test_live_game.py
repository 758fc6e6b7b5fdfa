"""A live game on a projector with three phones, played to the podium in real browsers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import ClassSession, Participant, Response
from quizapp.operations.articles import find_builtin_article
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import make_quiz, one_question_per_kind

PHONE = {"width": 360, "height": 780}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture
def quiz_id(app, make_teacher):
    """A three-question quiz (multiple choice, true or false, multiple choice), 10 s each."""
    teacher_id, _ = make_teacher("host@school.test")
    with app.app_context():
        by_kind = {q.kind: q for q in one_question_per_kind()}
        second_mc = next(
            q
            for q in find_builtin_article().questions
            if q.kind == "multiple_choice" and q.id != by_kind["multiple_choice"].id
        )
        second_mc.status = "approved"
        questions = [by_kind["multiple_choice"], by_kind["true_false"], second_mc]
        quiz = make_quiz(teacher_id, questions, title="Orbit live", time_limit=10)
        db.session.commit()
        return quiz.id


def open_phone(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.fetched = []  # what the page's script asked for: pushed stages need no fetch
    page.on("request", lambda request: page.fetched.append(request.url.split("/")[-1]))
    return context, page


def join(page: Page, base: str, code: str, nickname: str) -> None:
    page.goto(f"{base}/join/{code}")
    page.get_by_label("Nickname").fill(nickname)
    page.get_by_role("button", name=re.compile("Join", re.I)).click()
    expect(page.get_by_text("You're in!")).to_be_visible()


def game(app, session_id: int) -> ClassSession:
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        db.session.expunge(session)
        return session


def scores(app, session_id: int) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(
            select(Participant.nickname, func.coalesce(func.sum(Response.points), 0))
            .outerjoin(Response, Response.participant_id == Participant.id)
            .where(Participant.session_id == session_id)
            .group_by(Participant.id)
        ).all()
        return dict(rows)


def answer_texts(app, session_id: int, index: int) -> tuple[list[str], object]:
    with app.app_context():
        question = db.session.get(ClassSession, session_id).questions[index]
        options = question.options or ["True", "False"]
        key = question.answer
        return options, (("True" if key else "False") if question.kind == "true_false" else key)


def tap(page: Page, text: str) -> None:
    page.get_by_role("button", name=text, exact=True).click()


def test_a_live_game_from_lobby_to_podium(
    app, browser: Browser, live_server: str, quiz_id: int
) -> None:
    host_context = browser.new_context(viewport=PROJECTOR)
    host = host_context.new_page()
    host.goto(live_server + "/teacher/login")
    host.get_by_label("E-mail").fill("host@school.test")
    host.get_by_label("Password").fill(PASSWORD)
    host.get_by_role("button", name="Sign in").click()
    host.goto(f"{live_server}/teacher/quizzes/{quiz_id}")
    host.get_by_label("Show the question on phones too").check()
    host.get_by_role("button", name="Start a live game").click()
    expect(host.get_by_role("button", name="Start the game")).to_be_visible()
    session_id = int(host.url.rstrip("/").split("/")[-1])
    code = game(app, session_id).join_code
    expect(host.get_by_role("img", name=re.compile("^QR code for http"))).to_be_visible()

    phones = {name: open_phone(browser) for name in ("Ana", "Ben", "Cleo")}
    for name, (_, phone) in phones.items():
        join(phone, live_server, code, name)
    ana, ben, cleo = (phones[name][1] for name in ("Ana", "Ben", "Cleo"))
    for name in phones:
        expect(host.locator(".player__name", has_text=re.compile(rf"\b{name}\b"))).to_be_visible()
    assert_accessible(host)
    assert_accessible(ana)
    screenshot(host, "live-host-lobby-projector")
    screenshot(ana, "live-phone-lobby")

    # The host starts with the keyboard; every phone shows the first question.
    host.locator("body").press("Space")
    expect(host.locator(".round__count")).to_have_text("Question 1 of 3")
    options, key = answer_texts(app, session_id, 0)
    wrong = next(option for option in options if option != key)
    for phone in (ana, ben, cleo):
        expect(phone.get_by_role("button", name=key, exact=True)).to_be_visible()
    assert_accessible(host)
    assert_accessible(ana)
    screenshot(host, "live-host-question-projector")

    # Ana changes her mind; Cleo reloads mid-question and comes back to the same question.
    tap(ana, wrong)
    expect(ana.get_by_text("Answer sent — you can change it until time runs out.")).to_be_visible()
    tap(ana, key)
    expect(ana.get_by_role("button", name=key, exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(ana, "live-phone-answer-locked")
    cleo.reload()
    expect(cleo.get_by_role("button", name=key, exact=True)).to_be_visible()
    expect(host.locator("[data-answered]")).to_have_text("1")
    tap(ben, wrong)
    tap(cleo, key)

    # Everyone answered: the question closes itself and the screens reveal the answer.
    expect(host.locator(".reveal-key__text")).to_have_text(key)
    chart = host.get_by_role("img", name=re.compile("^Answers per option"))
    counts = {option: 0 for option in options}
    counts[key], counts[wrong] = 2, 1
    expected_title = ", ".join(f"{option} {counts[option]}" for option in options)
    expect(chart).to_have_accessible_name(f"Answers per option: {expected_title}")
    expect(ana.locator(".result-card__verdict:visible")).to_contain_text("Correct!")
    expect(ben.locator(".result-card__verdict:visible")).to_contain_text("Not quite")
    assert_accessible(host)
    assert_accessible(ana)
    screenshot(host, "live-host-reveal-projector")
    screenshot(ana, "live-phone-reveal")
    with app.app_context():
        changes = db.session.scalar(
            select(Response.changes)
            .join(Participant)
            .where(Participant.nickname == "Ana", Participant.session_id == session_id)
        )
        assert changes == 1

    host.get_by_role("button", name="Show the leaderboard").click()
    expect(host.get_by_role("heading", name="Leaderboard")).to_be_visible()
    standing = scores(app, session_id)
    for name in ("Ana", "Cleo"):
        row = host.locator(".leaderboard__row", has_text=name)
        expect(row.locator(".leaderboard__score")).to_have_text(str(standing[name]))
    assert_accessible(host)
    screenshot(host, "live-host-leaderboard-projector")

    # Question 2: Cleo waits too long and is refused; the others answer.
    host.get_by_role("button", name="Next question").click()
    expect(host.locator(".round__count")).to_have_text("Question 2 of 3")
    options, key = answer_texts(app, session_id, 1)
    expect(ana.get_by_role("button", name=key, exact=True)).to_be_visible()
    expect(cleo.get_by_role("button", name=key, exact=True)).to_be_visible()
    tap(ana, key)
    tap(ben, key)
    token = cleo.locator('meta[name="csrf-token"]').get_attribute("content")
    question_id = cleo.locator('input[name="question_id"]').input_value()
    expect(host.locator(".reveal-key__text")).to_have_text(key, timeout=20_000)
    late = cleo.request.post(
        f"{live_server}/live/{session_id}/answer",
        form={"question_id": question_id, "answer": "true", "csrf_token": token},
        headers={"Accept": "application/json", "X-CSRFToken": token},
    )
    assert late.status == 409
    assert late.json()["error"] == "This question has closed."
    expect(cleo.locator(".result-card__verdict:visible")).to_contain_text("No answer this time")

    host.get_by_role("button", name="Show the leaderboard").click()
    host.get_by_role("button", name="Next question").click()
    expect(host.locator(".round__count")).to_have_text("Question 3 of 3")
    options, key = answer_texts(app, session_id, 2)
    for phone in (ana, ben, cleo):
        tap(phone, key)
    expect(host.locator(".reveal-key__text")).to_have_text(key)
    host.get_by_role("button", name="Show the leaderboard").click()
    host.get_by_role("button", name="Final results").click()

    expect(host.get_by_role("heading", name="Well played!")).to_be_visible()
    final = scores(app, session_id)
    ranking = sorted(final, key=lambda name: -final[name])
    podium = host.locator(".podium__step")
    expect(podium).to_have_count(3)
    for name in ranking:
        expect(host.locator(".podium__step", has_text=name)).to_contain_text(
            f"{final[name]} points"
        )
    for name, (_, phone) in phones.items():
        expect(phone.get_by_text(f"{final[name]} points.")).to_be_visible()
        # The phones heard of every change on their event stream, with the stage inside it.
        assert any(url.startswith("events") for url in phone.fetched)
        assert "stage" not in phone.fetched and "state" not in phone.fetched
    assert_accessible(host)
    assert_accessible(ana)
    screenshot(host, "live-host-podium-projector")
    screenshot(ana, "live-phone-final")
    assert game(app, session_id).status == "closed"
    for context, _ in phones.values():
        context.close()
    host_context.close()
