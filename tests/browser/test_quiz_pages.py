"""A teacher builds a quiz, reorders it, opens a session and shows the code to the class."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from quizapp.extensions import db
from quizapp.models import ClassSession
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.play import answer_current_question, current_question, join_session
from tests.browser.conftest import assert_accessible, screenshot

VIEWPORTS = {"phone": (360, 780), "laptop": (1280, 800), "projector": (1920, 1080)}


def approve_builtin_questions(app) -> None:
    with app.app_context():
        questions = find_builtin_article().questions
        for question in questions[:-3]:
            question.status = "approved"
        db.session.commit()


def add_players(app, session_id: int) -> None:
    """Three students: one answers everything right, one half, one has only just joined."""
    start = datetime.now(UTC) - timedelta(minutes=5)
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        for nickname, right_until in [("Ana", 8), ("<b>Bo</b>", 4), ("Chidi", 0)]:
            student = join_session(session, nickname, start)
            now = start
            for index in range(right_until):
                question = current_question(student, now)
                now += timedelta(seconds=3 + index)
                raw = right_answer(question) if index % 2 == 0 or nickname == "Ana" else None
                if raw is None:
                    raw = wrong_answer(question)
                answer_current_question(student, question.id, raw, now)
        db.session.commit()


def right_answer(question):
    if question.kind == "matching":
        return [list(pair) for pair in question.answer]
    return question.answer


def wrong_answer(question):
    if question.kind == "true_false":
        return not question.answer
    if question.kind == "multiple_choice":
        return next(option for option in question.options if option != question.answer)
    if question.kind == "multiple_select":
        return list(question.options)
    if question.kind == "ordering":
        return list(reversed(question.answer))
    if question.kind == "matching":  # every item one match along: none right, each used once
        rights = [right for _, right in question.answer]
        lefts = [left for left, _ in question.answer]
        return [[left, rights[(i + 1) % len(rights)]] for i, left in enumerate(lefts)]
    if question.kind == "numeric":
        return question.answer * 3 + 1000
    return "no idea"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_teacher_builds_a_quiz_and_opens_a_session(
    page: Page, live_server: str, app, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    approve_builtin_questions(app)

    page.goto(live_server + "/teacher/register")
    page.get_by_label("Your name").fill("Ms Rivera")
    page.get_by_label("E-mail").fill(f"rivera-{viewport}@school.test")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Repeat the password").fill("correct horse battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ms Rivera")

    page.goto(live_server + "/teacher/quizzes")
    expect(page.get_by_role("heading", name="No quiz yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="New quiz").click()

    expect(page.get_by_role("heading", level=1, name="New quiz")).to_be_visible()
    page.get_by_label("Title").fill("Space agencies, week 3")
    page.get_by_label("Time per question (seconds)").fill("45")
    page.get_by_label("Streak bonus").check()
    boxes = page.locator('input[name="question_ids"]')
    assert boxes.count() >= 8
    for index in range(8):
        boxes.nth(index * 3 if index * 3 < boxes.count() else index).check()
    assert_accessible(page)
    screenshot(page, f"quiz-new-{viewport}")
    page.get_by_role("button", name="Create quiz from the ticked questions").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Space agencies, week 3")
    items = page.locator(".quiz-item")
    expect(items).to_have_count(8)

    def stem(index: int) -> str:
        text = items.nth(index).locator(".quiz-item__stem").inner_text()
        return re.sub(r"^Question \d+:\s*", "", text)

    third = stem(2)
    page.get_by_role("button", name="Move question 3 up").click()
    expect(page.get_by_text("Moved question 3 to position 2.")).to_be_visible()
    assert stem(1) == third
    expect(page.get_by_role("button", name="Move question 1 up")).to_be_disabled()
    assert_accessible(page)
    screenshot(page, f"quiz-detail-{viewport}")

    page.get_by_role("button", name="Open a self-paced session").click()
    code = page.locator(".join-code")
    expect(code).to_be_visible()
    spaced = code.locator("[aria-hidden=true]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{3} [A-Z2-9]{3}", spaced)
    qr = page.get_by_role("img", name=re.compile(r"^QR code for http:..127.0.0.1:[0-9]+.join."))
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= min(250, width - 80)
    if viewport == "projector":
        assert box["width"] >= 450
        assert code.bounding_box()["height"] >= 120
    assert_accessible(page)
    screenshot(page, f"quiz-session-{viewport}")

    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", name="No results yet")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"quiz-results-{viewport}")

    session_id = int(re.search(r"/teacher/sessions/(\d+)/results", page.url).group(1))
    add_players(app, session_id)
    page.reload()
    expect(page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    expect(page.get_by_role("table", name="Leaderboard", exact=True)).to_contain_text("<b>Bo</b>")
    assert_accessible(page)
    screenshot(page, f"quiz-results-filled-{viewport}")

    page.get_by_role("link", name="Ana", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana")
    assert_accessible(page)
    screenshot(page, f"quiz-student-{viewport}")

    page.go_back()
    page.get_by_role("table", name="How each question went").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="What students answered")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"quiz-question-{viewport}")

    page.goto(live_server + "/teacher/sessions")
    expect(page.get_by_role("table")).to_contain_text(spaced.replace(" ", ""))
    assert_accessible(page)
