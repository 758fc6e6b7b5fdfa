"""A phone in a live game: the answer reads as sent, the chosen option stays marked and the
others dim without moving, and every phase change is announced in a polite live region."""

from __future__ import annotations

import re

from flask import Flask
from playwright.sync_api import Browser, expect

from quizapp.extensions import db
from quizapp.models import ClassSession
from quizapp.operations.live import advance, join_live, pause, resume
from quizapp.operations.play import utc_now
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import make_session, one_question_per_kind

PHONE = {"width": 360, "height": 780}


def move_on(app: Flask, session_id: int) -> None:
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        advance(session, utc_now())
        db.session.commit()


def test_a_phone_marks_the_answer_sent_and_hears_every_phase(
    app: Flask, browser: Browser, live_server: str, make_teacher
) -> None:
    teacher_id, _ = make_teacher()
    with app.app_context():
        question = next(q for q in one_question_per_kind() if q.kind == "multiple_choice")
        session = make_session(teacher_id, mode="live", time_limit=60, questions=[question])
        session.stem_on_phones = True
        join_live(session, "Ben", utc_now())  # Ben waits, so Ana's answer does not close it
        db.session.commit()
        session_id, code = session.id, session.join_code
        key, options = session.questions[0].answer, session.questions[0].options
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{live_server}/join/{code}")
    phone.get_by_label("Nickname").fill("Ana")
    phone.get_by_role("button", name=re.compile("Join", re.I)).click()
    status = phone.locator("#live-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("role", "status")

    move_on(app, session_id)  # the host starts: the phone says so without a look at the screen
    expect(status).to_have_text("Question 1 of 1", timeout=5_000)
    sent = phone.locator("[data-sent]")
    expect(sent.get_by_text("Tap your answer.")).to_be_visible()
    expect(sent.get_by_text("Answer sent")).to_be_hidden()
    buttons = phone.locator(".answer-grid--phone .answer")
    before = [box["y"] for box in (b.bounding_box() for b in buttons.all())]
    screenshot(phone, "live-phone-question-360")

    wrong = next(option for option in options if option != key)
    phone.get_by_role("button", name=wrong, exact=True).click()
    expect(sent.get_by_text("Answer sent")).to_be_visible()
    expect(sent).to_contain_text("Answer sent — you can change it until time runs out.")
    expect(sent.get_by_text("Tap your answer.")).to_be_hidden()
    expect(phone.get_by_text("locked")).to_have_count(0)
    chosen = phone.get_by_role("button", name=wrong, exact=True)
    expect(chosen).to_have_attribute("aria-pressed", "true")
    other = phone.get_by_role("button", name=key, exact=True)
    expect(other).to_have_attribute("aria-pressed", "false")
    dim, bright = (
        b.evaluate("el => getComputedStyle(el).backgroundColor") for b in (other, chosen)
    )
    assert dim == "rgb(238, 240, 246)" and dim != bright  # the others dim; the choice keeps colour
    after = [box["y"] for box in (b.bounding_box() for b in buttons.all())]
    assert after == before, "the answers moved under the thumb"
    assert_accessible(phone)
    screenshot(phone, "live-phone-answer-sent-360")

    move_on(app, session_id)  # the host closes the question
    expect(status).to_contain_text("Time is up. Not quite. The answer:", timeout=5_000)
    assert_accessible(phone)
    screenshot(phone, "live-phone-reveal-360")
    move_on(app, session_id)
    expect(status).to_contain_text("Leaderboard: you are number 1 with 0 points", timeout=5_000)
    move_on(app, session_id)
    expect(status).to_contain_text("Game over: you came 1st", timeout=5_000)
    assert_accessible(phone)
    screenshot(phone, "live-phone-final-360")
    context.close()


def test_a_typed_answer_stays_in_its_field_when_a_fresh_stage_is_pushed(
    app: Flask, browser: Browser, live_server: str, make_teacher
) -> None:
    # The pushed stage is shared by every phone and holds nobody's answer; the phone's facts
    # carry the sent text back into its field (issue 11: the field went empty, "sent" showing).
    teacher_id, _ = make_teacher()
    with app.app_context():
        question = next(q for q in one_question_per_kind() if q.kind == "fill_blank")
        session = make_session(teacher_id, mode="live", time_limit=60, questions=[question])
        join_live(session, "Ben", utc_now())  # Ben waits, so Ana's answer does not close it
        db.session.commit()
        session_id, code = session.id, session.join_code
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{live_server}/join/{code}")
    phone.get_by_label("Nickname").fill("Ana")
    phone.get_by_role("button", name=re.compile("Join", re.I)).click()
    move_on(app, session_id)
    field = phone.get_by_label("Your answer")
    field.fill("Hubble")
    phone.get_by_role("button", name="Submit answer").click()
    expect(phone.locator("[data-sent]").get_by_text("Answer sent")).to_be_visible()
    paused = phone.locator("#stage").get_by_text("Your teacher has paused the game.")
    for step, shown in ((pause, True), (resume, False)):  # each pushes a fresh shared stage
        with app.app_context():
            step(db.session.get(ClassSession, session_id), utc_now())
            db.session.commit()
        expect(paused).to_have_count(1 if shown else 0, timeout=5_000)
    expect(field).to_have_value("Hubble", timeout=5_000)
    expect(phone.locator("[data-sent]").get_by_text("Answer sent")).to_be_visible()
    context.close()
