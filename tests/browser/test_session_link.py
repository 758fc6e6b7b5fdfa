"""A homework session's page gives the teacher its link with a Copy button."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import Browser, expect

from quizapp.extensions import db
from quizapp.joining import join_url
from quizapp.models import ClassSession
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_projector import sign_in
from tests.factories import make_session


def test_a_homework_session_shows_a_copyable_link(
    app: Flask, browser: Browser, live_server: str, make_teacher
) -> None:
    teacher_id, email = make_teacher("homework@school.test")
    with app.app_context():
        session_id = make_session(teacher_id, mode="self_paced").id
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = sign_in(context, live_server, email)
    page.goto(f"{live_server}/teacher/sessions/{session_id}")
    link = page.get_by_label("Link to send your class")
    with app.test_request_context(base_url=live_server):
        code = db.session.get(ClassSession, session_id).join_code
        expected = join_url(code)
    expect(link).to_have_value(expected)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    assert_accessible(page)
    screenshot(page, "session-homework-link")
    context.close()
