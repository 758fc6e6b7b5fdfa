"""The host's projector in presentation mode: every stage of every kind fits 1920×1080 and
1280×720 without scrolling, axe finds nothing, and the presentation tools work.

The game is moved on through the operations (as another browser would), so that each stage is
measured on a fresh page load at both sizes; the keyboard and the buttons have their own tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect

from quizapp.extensions import db
from quizapp.kinds import get_kind
from quizapp.models import ClassSession, Participant
from quizapp.operations.live import advance, answer_live, join_live
from quizapp.operations.play import utc_now
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import make_session, one_question_per_kind

SIZES = {"1080p": {"width": 1920, "height": 1080}, "720p": {"width": 1280, "height": 720}}
PLAYERS = ("Ana", "Ben", "Cleo", "Dmitri", "Eve")


def sign_in(context: BrowserContext, base: str, email: str) -> Page:
    page = context.new_page()
    page.goto(base + "/teacher/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


def assert_fits(page: Page, what: str) -> None:
    """The page does not scroll, either way, and no part of the stage spills out of its box
    (which would overlap the next part rather than make the page scroll)."""
    size = page.evaluate(
        """() => ({h: document.documentElement.scrollHeight, vh: window.innerHeight,
                   w: document.documentElement.scrollWidth, vw: window.innerWidth})"""
    )
    assert size["h"] <= size["vh"] and size["w"] <= size["vw"], f"{what} scrolls: {size}"
    spills = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                   '.stage > *, .round > *, .round__body > *, .lobby > *, .standings > *'))
               .filter(el => el.scrollHeight > el.clientHeight + 1
                             && getComputedStyle(el).overflowY === 'visible')
               .map(el => el.className)"""
    )
    assert not spills, f"{what}: content spills out of {spills}"
    assert_within_sides(page, what)


def assert_within_sides(page: Page, what: str) -> None:
    """Nothing shown on the stage is drawn past the screen's left or right edge (the contents of
    a closed disclosure are laid out but not shown, so they do not count)."""
    beyond = page.evaluate(
        """() => Array.from(document.querySelectorAll('#stage *'))
               .filter(el => el.checkVisibility())
               .map(el => [el, el.getBoundingClientRect()])
               .filter(([el, box]) => box.width > 1
                                      && (box.left < -1 || box.right > innerWidth + 1))
               .map(([el, box]) => `${el.getAttribute('class')} ${box.left}-${box.right}`)"""
    )
    assert not beyond, f"{what}: drawn beyond the screen's sides: {beyond}"


@pytest.fixture
def teacher(make_teacher) -> tuple[int, str]:
    return make_teacher("projector@school.test")


@pytest.fixture
def every_kind_game(app: Flask, teacher) -> int:
    """A live game with one question of every kind, five players in the lobby."""
    with app.app_context():
        session = make_session(
            teacher[0], mode="live", time_limit=120, questions=one_question_per_kind()
        )
        for name in PLAYERS:
            join_live(session, name, utc_now())
        db.session.commit()
        return session.id


def answers_for(question) -> list[Any]:
    """Five answers to ``question``: right, right, and three the grader groups or refuses."""
    key = question.answer
    shape = get_kind(question.kind).shape
    if shape == "text":
        return [key, key.upper() + " ", "Apollo 12", "apollo 12", "Gemini"]
    if shape == "truth":
        return [key, key, not key, not key, key]
    if shape == "one_choice":
        wrong = [o for o in question.options if o != key]
        return [key, key, wrong[0], wrong[-1], wrong[0]]
    if shape == "many_choices":
        return [key, key[:1], list(question.options), key, []]
    if shape == "sequence":
        return [key, key, list(reversed(key)), key, list(reversed(key))]
    if shape == "pairs":
        swapped = [[key[0][0], key[1][1]], [key[1][0], key[0][1]], *key[2:]]
        return [key, swapped, key, key, swapped]
    return [key] * len(PLAYERS)


def step(app: Flask, session_id: int, answer: bool = False) -> str:
    """Move the game on one step (players answering first, if asked); the new phase."""
    with app.app_context():
        session = db.session.get(ClassSession, session_id)
        if answer:
            question = session.questions[session.current_index]
            players = sorted((p for p in session.participants if not p.removed), key=lambda p: p.id)
            for player, raw in zip(players, answers_for(question), strict=False):
                if session.phase == "question":
                    answer_live(player, question.id, raw, utc_now())
        # Once everyone has answered the question closes itself; otherwise the host moves on.
        if not answer or session.phase == "question":
            advance(session, utc_now())
        db.session.commit()
        return session.phase


def check_stage(pages: dict[str, Page], url: str, name: str, axe: bool = True) -> None:
    for size, page in pages.items():
        page.goto(url)
        expect(page.locator("#stage .stage")).to_be_visible()
        page.wait_for_timeout(100)
        assert_fits(page, f"{name} at {size}")
        if axe:
            assert_accessible(page)
        screenshot(page, f"projector-{name}-{size}")


def test_every_stage_of_every_kind_fits_the_projector(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int
) -> None:
    # Reduced motion: the screenshots show each stage as it settles, not mid-animation.
    contexts = {
        size: browser.new_context(viewport=viewport, reduced_motion="reduce")
        for size, viewport in SIZES.items()
    }
    pages = {size: sign_in(context, live_server, teacher[1]) for size, context in contexts.items()}
    url = f"{live_server}/host/{every_kind_game}"
    check_stage(pages, url, "lobby")
    with app.app_context():
        kinds = [q.kind for q in db.session.get(ClassSession, every_kind_game).questions]
    for number, kind in enumerate(kinds, start=1):
        assert step(app, every_kind_game) == "question"  # lobby or leaderboard → question
        check_stage(pages, url, f"question-{kind}")
        assert step(app, every_kind_game, answer=True) == "reveal"
        check_stage(pages, url, f"reveal-{kind}")
        assert step(app, every_kind_game) == "leaderboard"
        check_stage(pages, url, "leaderboard", axe=number in (1, len(kinds)))
    assert step(app, every_kind_game) == "podium"
    check_stage(pages, url, "podium")
    for context in contexts.values():
        context.close()


def test_the_typed_answer_reveal_groups_answers_as_the_grader_does(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int
) -> None:
    with app.app_context():
        questions = db.session.get(ClassSession, every_kind_game).questions
        typed = next(q for q in questions if get_kind(q.kind).shape == "text")
        matching = next(q for q in questions if get_kind(q.kind).shape == "pairs")
        typed_at, matching_at = typed.position, matching.position
        key, pairs = typed.answer, [list(pair) for pair in matching.answer]
    context = browser.new_context(viewport=SIZES["1080p"])
    page = sign_in(context, live_server, teacher[1])
    url = f"{live_server}/host/{every_kind_game}"
    index = -1
    while index < max(typed_at, matching_at):
        step(app, every_kind_game)  # to the next question
        index += 1
        step(app, every_kind_game, answer=True)  # reveal
        if index == typed_at:
            page.goto(url)
            rows = page.locator(".common-answer")
            # Two right answers (one shouted) are one group under the key; "Apollo 12" twice.
            expect(rows.nth(0)).to_contain_text(key)
            expect(rows.nth(0)).to_contain_text("2")
            expect(rows.nth(0)).to_have_class("common-answer common-answer--right")
            expect(rows.nth(1)).to_contain_text("Apollo 12")
            expect(rows.nth(1).locator(".common-answer__count")).to_have_text("2")
            expect(rows.nth(2)).to_contain_text("Gemini")
            expect(rows).to_have_count(3)
        if index == matching_at:
            page.goto(url)
            shown = page.get_by_role("list", name="The right pairs").locator("li")
            expect(shown).to_have_count(len(pairs))
            for row, (left, right) in zip(shown.all(), pairs, strict=True):
                expect(row).to_contain_text(left)
                expect(row).to_contain_text(right)
        step(app, every_kind_game)  # leaderboard
    context.close()


def test_a_lobby_of_200_names_stays_readable(
    app: Flask, browser: Browser, live_server: str, teacher
) -> None:
    with app.app_context():
        session = make_session(teacher[0], mode="live", questions=one_question_per_kind()[:1])
        for number in range(200):
            join_live(session, f"Student {number + 1:03d}", utc_now())
        db.session.commit()
        session_id, title = session.id, session.title
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = sign_in(context, live_server, teacher[1])
        page.goto(f"{live_server}/host/{session_id}")
        expect(page.get_by_text(title).first).to_be_visible()
        expect(page.locator(".player__name")).to_have_count(200)
        assert_fits(page, f"the lobby of 200 at {size}")
        # One control per name (a disclosure), not a menu and a button on every chip.
        assert page.locator(".player select:visible, .player button:visible").count() == 0
        name = page.locator(".player__name").first
        font = name.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert font >= (12 if size == "720p" else 16), f"names at {font}px at {size}"
        if size == "1080p":
            # Every name is on screen at once: the list itself does not need scrolling either.
            overflow = page.locator(".player-list").evaluate(
                "el => el.scrollHeight - el.clientHeight"
            )
            assert overflow <= 1
        # The name furthest right opens its card inside the screen too.
        rightmost = max(
            range(24), key=lambda n: page.locator(".player__name").nth(n).bounding_box()["x"]
        )
        page.locator(".player__name").nth(rightmost).click()
        expect(page.locator(".player__menu[open] .player__actions")).to_be_visible()
        assert_within_sides(page, f"an open name at the right edge at {size}")
        page.locator(".player__name").nth(rightmost).click()
        name.click()
        expect(page.get_by_role("button", name="Remove Student 001")).to_be_visible()
        expect(page.get_by_label("Time for Student 001")).to_be_visible()
        assert_accessible(page)
        screenshot(page, f"projector-lobby-200-{size}")
        context.close()


def test_presentation_mode_full_screen_keyboard_and_focus(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int
) -> None:
    context = browser.new_context(viewport=SIZES["720p"])
    page = sign_in(context, live_server, teacher[1])
    page.goto(f"{live_server}/host/{every_kind_game}")
    # A layout for the class: no site navigation, no "Sign out".
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_text("Sign out")).to_have_count(0)
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    expect(page.get_by_role("button", name="Exit full screen")).to_have_attribute(
        "aria-pressed", "true"
    )
    # The mouse starts the game; then Space moves on. No frame round the whole stage.
    with app.app_context():
        total = len(db.session.get(ClassSession, every_kind_game).questions)  # one per kind
    page.get_by_role("button", name="Start the game").click()
    expect(page.locator(".round__count")).to_have_text(f"Question 1 of {total}")
    page.keyboard.press("Space")
    expect(page.locator(".stage--reveal")).to_be_visible()
    focused = page.evaluate(
        """() => { const el = document.activeElement;
                   return {id: el.id, outline: getComputedStyle(el).outlineStyle}; }"""
    )
    assert focused["id"] != "stage" or focused["outline"] == "none", focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    assert (
        page.evaluate("() => getComputedStyle(document.getElementById('stage')).outlineStyle")
        == "none"
    )
    page.keyboard.press("Escape")
    context.close()


def test_sound_is_off_by_default_made_in_the_browser_and_one_toggle(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int
) -> None:
    context = browser.new_context(viewport=SIZES["1080p"])
    page = sign_in(context, live_server, teacher[1])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server}/host/{every_kind_game}")
    toggle = page.get_by_role("button", name="Sound: off")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(page.get_by_role("button", name="Sound: on")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="Sound: on")).to_be_visible()  # remembered
    step(app, every_kind_game)
    expect(page.locator(".stage--question")).to_be_visible()
    assert all(url.startswith(live_server) for url in requests), "sound fetched something"
    assert not any(url.rsplit(".", 1)[-1] in ("mp3", "ogg", "wav") for url in requests)
    context.close()


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_leaderboard_and_podium_move_unless_reduced_motion_is_asked(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int, motion: str
) -> None:
    context = browser.new_context(viewport=SIZES["1080p"], reduced_motion=motion)
    page = sign_in(context, live_server, teacher[1])
    url = f"{live_server}/host/{every_kind_game}"
    page.goto(url)
    for number in range(2):  # two questions, so that places can move
        if number:
            step(app, every_kind_game)  # the leaderboard after the first
        step(app, every_kind_game)
        step(app, every_kind_game, answer=True)
    expect(page.locator(".stage--reveal")).to_be_visible()
    page.get_by_role("button", name="Show the leaderboard").click()
    expect(page.locator(".leaderboard__row").first).to_be_visible()
    moving = page.evaluate(
        "() => document.getAnimations().filter(a => a.playState === 'running').length"
    )
    with app.app_context():
        session = db.session.get(ClassSession, every_kind_game)
        while session.phase != "podium":
            advance(session, utc_now())
        db.session.commit()
    expect(page.get_by_role("heading", name="Well played!")).to_be_visible(timeout=10_000)
    confetti = page.locator(".confetti__piece").count()
    if motion == "reduce":
        assert moving == 0 and confetti == 0
    else:
        assert moving > 0 and confetti > 0
        screenshot(page, "projector-podium-moment-1080p")
    context.close()


def test_late_joiner_is_not_waited_for_on_the_projector(
    app: Flask, browser: Browser, live_server: str, teacher, every_kind_game: int
) -> None:
    step(app, every_kind_game)  # question 1
    with app.app_context():
        session = db.session.get(ClassSession, every_kind_game)
        join_live(session, "Late Lou", utc_now())
        db.session.commit()
        assert db.session.query(Participant).filter_by(session_id=session.id).count() == 6
    context = browser.new_context(viewport=SIZES["1080p"])
    page = sign_in(context, live_server, teacher[1])
    page.goto(f"{live_server}/host/{every_kind_game}")
    expect(page.locator(".round__answered")).to_contain_text(f"0 of {len(PLAYERS)}")
    context.close()
