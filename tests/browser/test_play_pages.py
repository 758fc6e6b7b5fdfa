"""Students play a session on their phones: join, answer every kind, feedback, the end page.

Each student gets their own browser context (their own cookies), as on separate phones.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.generation.types import KINDS
from quizapp.models import Participant
from tests.app.test_play import current, make_session
from tests.browser.conftest import assert_accessible, screenshot

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 800}


def tab_to(page: Page, target: Locator, limit: int = 40) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def answer_with_keyboard(page: Page, q: dict[str, Any]) -> None:
    """Answer ``q`` right using only Tab, Space, Enter, arrows and typing."""
    kind, key, choices = q["kind"], q["answer"], q["choices"]
    submit = page.get_by_role("button", name="Submit answer")
    if kind == "multiple_choice":
        tab_to(page, page.get_by_role("button", name=key, exact=True))
        page.keyboard.press("Enter")
    elif kind == "true_false":
        tab_to(page, page.get_by_role("button", name="True" if key else "False", exact=True))
        page.keyboard.press("Space")
    elif kind == "multiple_select":
        for text in key:
            box = page.get_by_role("checkbox", name=text, exact=True)
            tab_to(page, box)
            page.keyboard.press("Space")
            expect(box).to_be_checked()
        tab_to(page, submit)
        page.keyboard.press("Enter")
    elif kind == "fill_blank":
        tab_to(page, page.get_by_role("textbox", name="Your answer"))
        page.keyboard.type(key)
        page.keyboard.press("Enter")
    elif kind == "matching":
        pairs = dict(map(tuple, key))
        for number, left in enumerate(q["lefts"]):
            select = page.locator(f"#match_{number}")
            choose_with_arrows(page, select, choices.index(pairs[left]) + 1)
        tab_to(page, submit)
        page.keyboard.press("Enter")
    elif kind == "ordering":
        for number, item in enumerate(choices):
            select = page.locator(f"#position_{number}")
            choose_with_arrows(page, select, key.index(item) + 1)
        tab_to(page, submit)
        page.keyboard.press("Enter")
    elif kind == "numeric":
        tab_to(page, page.get_by_role("textbox", name="Your answer"))
        page.keyboard.type(str(key))
        page.keyboard.press("Enter")


def choose_with_arrows(page: Page, select: Locator, steps: int) -> None:
    """Pick the option ``steps`` below the placeholder of a closed select with the arrow keys."""
    tab_to(page, select)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value(select.locator("option").nth(steps).get_attribute("value"))


def answer_with_clicks(page: Page, q: dict[str, Any], right: bool) -> None:
    kind, key, choices = q["kind"], q["answer"], q["choices"]
    if kind == "multiple_choice":
        text = key if right else next(c for c in choices if c != key)
        page.get_by_role("button", name=text, exact=True).click()
        return
    if kind == "true_false":
        page.get_by_role("button", name="True" if key == right else "False", exact=True).click()
        return
    if kind == "multiple_select":
        picks = key if right else [c for c in choices if c not in key]
        for text in picks:
            page.get_by_role("checkbox", name=text, exact=True).check()
    elif kind == "fill_blank":
        page.get_by_role("textbox", name="Your answer").fill(key if right else "no idea")
    elif kind == "matching":
        pairs = dict(map(tuple, key))
        for number, left in enumerate(q["lefts"]):
            index = choices.index(pairs[left])
            page.locator(f"#match_{number}").select_option(
                str(index if right else (index + 1) % len(choices))
            )
    elif kind == "ordering":
        order = key if right else list(reversed(key))
        for number, item in enumerate(choices):
            page.locator(f"#position_{number}").select_option(str(order.index(item) + 1))
    elif kind == "numeric":
        page.get_by_role("textbox", name="Your answer").fill(str(key if right else key * 3 + 1000))
    page.get_by_role("button", name="Submit answer").click()


def test_students_play_every_kind_on_phone_and_laptop(
    browser: Browser, live_server: str, app: Flask, make_teacher
) -> None:
    session_id, code = make_session(app, make_teacher)

    # Ana scans the QR code on a phone and plays with the keyboard only.
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    page.goto(f"{live_server}/join/{code}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Space race")
    assert_accessible(page)
    screenshot(page, "play-join-code-phone")
    expect(page.get_by_role("textbox", name="Nickname")).to_be_focused()
    page.keyboard.type("Ana")
    page.keyboard.press("Enter")

    kinds_seen = []
    for number in range(1, len(KINDS) + 1):
        expect(page.get_by_text(f"Question {number} of {len(KINDS)}")).to_be_visible()
        q = current(app, session_id, "Ana")
        kinds_seen.append(q["kind"])
        assert_accessible(page)
        screenshot(page, f"play-{q['kind'].replace('_', '-')}-phone")
        answer_with_keyboard(page, q)
        expect(page.get_by_role("heading", level=1)).to_have_text("Right!")
        if number == 1:
            assert_accessible(page)
            screenshot(page, "play-feedback-right-phone")
        last = number == len(KINDS)
        tab_to(page, page.get_by_role("link", name="See your results" if last else "Next question"))
        page.keyboard.press("Enter")
    assert sorted(kinds_seen) == sorted(KINDS)

    expect(page.get_by_role("heading", level=1)).to_have_text("All done, Ana!")
    expect(page.locator(".stat").filter(has_text="Correct")).to_contain_text(
        f"{len(KINDS)} of {len(KINDS)}"
    )
    assert_accessible(page)
    screenshot(page, "play-results-phone")

    # Bo types the code at /join on a laptop and gets some wrong.
    laptop = browser.new_context(viewport=LAPTOP)
    other = laptop.new_page()
    other.goto(f"{live_server}/join")
    assert_accessible(other)
    screenshot(other, "play-join-laptop")
    other.get_by_role("textbox", name="Join code").fill(code.lower())
    other.get_by_role("textbox", name="Nickname").fill("ana")
    other.get_by_role("button", name="Join").click()
    expect(other.get_by_text("already called")).to_be_visible()  # nicknames are case-blind
    assert_accessible(other)
    other.get_by_role("textbox", name="Nickname").fill("Bo")
    other.get_by_role("button", name="Join").click()
    for number in range(1, len(KINDS) + 1):
        expect(other.get_by_text(f"Question {number} of {len(KINDS)}")).to_be_visible()
        q = current(app, session_id, "Bo")
        if number <= 2:
            screenshot(other, f"play-{q['kind'].replace('_', '-')}-laptop")
        answer_with_clicks(other, q, right=number % 2 == 0)
        expect(other.locator(".verdict")).to_be_visible()
        if number == 1:
            expect(other.get_by_role("heading", level=1)).to_have_text("Not quite")
            assert_accessible(other)
            screenshot(other, "play-feedback-wrong-laptop")
        if number == len(KINDS):
            other.get_by_role("link", name="See your results").click()
        else:
            other.get_by_role("link", name="Next question").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("All done, Bo!")
    expect(other.locator(".stat").filter(has_text="Rank")).to_contain_text("2 of 2")
    assert_accessible(other)
    screenshot(other, "play-results-laptop")

    # Ana's phone still shows her own results after a reload; Bo's cookie is not hers.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("All done, Ana!")
    phone.close()
    laptop.close()


def test_partial_credit_and_countdown_on_a_phone(
    browser: Browser, live_server: str, app: Flask, make_teacher
) -> None:
    session_id, code = make_session(
        app, make_teacher, time_limit=30, kinds=("multiple_select", "ordering")
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/join/{code}")
    page.get_by_role("textbox", name="Nickname").fill("Cy")
    page.get_by_role("button", name="Join the quiz").click()

    countdown = page.locator(".play-timer__number")
    expect(countdown).to_be_visible()
    start = int(countdown.text_content())
    assert 25 <= start <= 30
    expect(countdown).not_to_have_text(str(start), timeout=3000)  # the script ticks it down
    assert countdown.get_attribute("aria-live") == "off"
    assert page.locator("#play-timer-message").get_attribute("aria-live") == "polite"
    assert_accessible(page)

    q = current(app, session_id, "Cy")
    page.get_by_role("checkbox", name=q["answer"][0], exact=True).check()
    screenshot(page, "play-multiple-select-checked-phone")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partly right")
    assert_accessible(page)
    screenshot(page, "play-feedback-partial-phone")
    page.get_by_role("link", name="Next question").click()

    # Two items on one position: refused, with the choices kept.
    q = current(app, session_id, "Cy")
    assert q["kind"] == "ordering"
    for number in range(len(q["choices"])):
        page.locator(f"#position_{number}").select_option("1")
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Give each item its own position")
    expect(page.locator("#position_0")).to_have_value("1")
    assert_accessible(page)
    screenshot(page, "play-ordering-error-phone")

    # The clock ran out while Cy was away: the page says so, and the answer earns nothing.
    with app.app_context():
        participant = db.session.scalar(
            select(Participant).where(Participant.session_id == session_id)
        )
        participant.shown_at -= timedelta(seconds=60)
        db.session.commit()
    page.goto(f"{live_server}/play/{session_id}")
    expect(page.get_by_text("Time is up for this question")).to_be_visible()
    expect(countdown).to_have_text("0")
    assert_accessible(page)
    screenshot(page, "play-time-up-phone")
    for number, item in enumerate(q["choices"]):
        page.locator(f"#position_{number}").select_option(str(q["answer"].index(item) + 1))
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Out of time")
    expect(page.get_by_text("Time was up — no points for this one.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "play-feedback-timeout-phone")
    context.close()
