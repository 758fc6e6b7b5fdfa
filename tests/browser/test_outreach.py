"""A member of the public reads the article, practises, gets one wrong, follows 'read this in the
article' to the highlighted sentence, and practises the missed one again.

The phone runs with JavaScript switched off: reading and answering must not need it. No page may
need a cookie either, and the practice page with everything it loads weighs under 60 KB.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from quizapp.operations.practice import (
    attempt_questions,
    current_question,
    find_attempt,
    shown_to,
)
from tests.browser.conftest import assert_accessible, screenshot

VIEWPORTS = {"phone": {"width": 360, "height": 780}, "laptop": {"width": 1280, "height": 800}}
#: The practice page and everything it loads, as sent over the wire.
BUDGET = 60_000
MARK = "rgb(253, 230, 138)"  # --c-mark


def current_plan(app: Flask, token: str) -> dict[str, Any]:
    """What the page shows for the current question, and its key (read from the database)."""
    with app.app_context():
        attempt = find_attempt(token)
        question = current_question(attempt, attempt_questions(attempt))
        shown = shown_to(attempt, question)
        return {
            "kind": question.kind,
            "key": question.answer,
            "choices": list(shown.choices),
            "lefts": list(shown.prompts),
            "start": question.source_start,
        }


def token_of(page: Page) -> str:
    match = re.search(r"/practice/([A-Za-z0-9_-]+)", page.url)
    assert match, page.url
    return match.group(1)


def answer(page: Page, app: Flask, right: bool) -> dict[str, Any]:
    """Answer the question on screen, right or wrong, with clicks and typing only."""
    plan = current_plan(app, token_of(page))
    kind, key, choices = plan["kind"], plan["key"], plan["choices"]
    submit = page.get_by_role("button", name="Submit answer")
    if kind == "multiple_choice":
        target = key if right else next(c for c in choices if c != key)
        page.get_by_role("button", name=target, exact=True).click()
    elif kind == "true_false":
        page.get_by_role("button", name="True" if bool(key) == right else "False").click()
    elif kind == "fill_blank":
        page.get_by_role("textbox", name="Your answer").fill(key if right else "no idea")
        submit.click()
    elif kind == "multiple_select":
        picks = [c for c in choices if c in key] if right else [c for c in choices if c not in key]
        for text in picks[: len(picks) if right else 1]:
            page.get_by_role("checkbox", name=text, exact=True).check()
        submit.click()
    elif kind == "matching":
        pairs = dict(map(tuple, key))
        for number, left in enumerate(plan["lefts"]):
            index = choices.index(pairs[left])  # wrong: one along, so each match is used once
            wanted = pairs[left] if right else choices[(index + 1) % len(choices)]
            page.locator(f"#match_{number}").select_option(label=wanted)
        submit.click()
    elif kind == "ordering":
        order = key if right else list(reversed(key))
        for number, item in enumerate(choices):
            page.locator(f"#position_{number}").select_option(value=str(order.index(item) + 1))
        submit.click()
    elif kind == "numeric":
        page.get_by_role("textbox", name="Your answer").fill(str(key if right else key * 3 + 1000))
        submit.click()
    expect(page).to_have_url(re.compile(r"/feedback/\d+$"))
    return plan


def open_folded_passage(page: Page) -> int:
    """A long cited passage is folded behind its label: the label shows the disclosure
    triangle (it read as an empty box on the public pages before) and opens the passage."""
    fold = page.locator(".source-quote__fold")
    if not fold.count():
        return 0
    summary = fold.locator("summary")
    expect(summary).to_have_css("display", "list-item")
    expect(fold.locator("blockquote")).to_be_hidden()
    summary.click()
    expect(fold.locator("blockquote")).to_be_visible()
    return 1


def weigh(browser: Browser, url: str, viewport: dict[str, int]) -> int:
    """Bytes transferred to show ``url`` in a fresh browser (no cache): headers and bodies."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def finished(request: Any) -> None:
        size = request.sizes()
        sizes.append((request.url, size["responseHeadersSize"] + size["responseBodySize"]))

    page.on("requestfinished", finished)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    for address, size in sizes:
        print(f"  {size:>7,} B  {address}")
    total = sum(size for _, size in sizes)
    print(f"Practice page weight: {total:,} bytes ({total / 1000:.1f} KB) in {len(sizes)} requests")
    return total


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reader_practises_gets_one_wrong_reads_the_sentence_and_practises_it_again(
    browser: Browser, app: Flask, live_server: str, viewport: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    journey(context.new_page(), app, live_server, viewport, audit=True)
    assert context.cookies() == [], context.cookies()
    context.close()


def test_reading_and_answering_need_no_javascript_and_no_cookie(
    browser: Browser, app: Flask, live_server: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    journey(context.new_page(), app, live_server, "phone", audit=False)
    assert context.cookies() == [], context.cookies()
    context.close()


def test_the_practice_page_weighs_under_60_kb(
    browser: Browser, app: Flask, live_server: str
) -> None:
    url = live_server + "/practice/" + start_fresh(browser, live_server)
    total = weigh(browser, url, VIEWPORTS["phone"])
    assert total < BUDGET, f"{total:,} bytes"


def journey(page: Page, app: Flask, live_server: str, viewport: str, *, audit: bool) -> None:
    """Read, practise (first answer wrong), read the sentence, finish, share, practise it again.

    With ``audit`` every page is checked with axe-core and photographed (axe needs JavaScript).
    """
    page.set_default_timeout(10_000)

    def check(name: str | None = None) -> None:
        if audit:
            assert_accessible(page)
            if name:
                screenshot(page, f"outreach-{name}-{viewport}")

    # The shelf: the built-in article, its sections, and the two ways in.
    page.goto(live_server + "/")
    hero = page.get_by_role("heading", level=1)
    expect(hero).to_contain_text("Advancing together")
    expect(page.get_by_role("button", name="Test yourself").first).to_be_visible()
    expect(page.get_by_role("navigation", name="In this article")).to_contain_text(
        "Diplomatic Challenges and Solutions"
    )
    check("home")

    # Reading: sections are headings, the text keeps a comfortable measure.
    page.get_by_role("link", name="Read the article").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Advancing together")
    expect(
        page.get_by_role("heading", level=2, name="Diplomatic Challenges and Solutions")
    ).to_be_visible()
    width = page.locator("article.article").bounding_box()["width"]
    assert width <= 800, width
    assert page.locator(".question-card").count() == 0
    check("article")

    # Practice: ten questions, the first answered wrong.
    page.get_by_role("button", name=re.compile(r"^Start the \d+ questions$")).click()
    expect(page).to_have_url(re.compile(r"/practice/[A-Za-z0-9_-]{32}$"))
    first_url = page.url
    expect(page.get_by_text("Question 1 of 10")).to_be_visible()
    check("question")

    missed = answer(page, app, right=False)
    expect(page.get_by_role("heading", level=1, name="Not quite")).to_be_visible()
    expect(page.get_by_text("Correct answer")).to_be_visible()
    check("feedback-wrong")

    # "Read this in the article": the article, scrolled to the sentence, highlighted.
    page.get_by_role("link", name="Read this in the article").click()
    expect(page).to_have_url(re.compile(rf"#s-{missed['start']}$"))
    sentence = page.locator(f"#s-{missed['start']}")
    expect(sentence).to_be_in_viewport()
    expect(sentence).to_have_css("background-color", MARK)
    others = page.locator(".sentence:not(:target)").first
    expect(others).not_to_have_css("background-color", MARK)
    check()
    if audit:  # the viewport, as the reader sees it on arrival
        page.screenshot(path=str(screenshot_path(f"outreach-sentence-{viewport}")))
    page.get_by_role("link", name="Back to your practice").click()
    expect(page.get_by_role("heading", level=1, name="Not quite")).to_be_visible()

    page.get_by_role("link", name="Next question").click()
    folded = 0
    for number in range(2, 11):
        expect(page.get_by_text(f"Question {number} of 10")).to_be_visible()
        if number == 2:
            check()
        answer(page, app, right=True)
        expect(page.get_by_role("heading", level=1, name="Right!")).to_be_visible()
        if number == 2:
            check("feedback-right")
        folded += open_folded_passage(page)
        page.get_by_role("link", name="See your score" if number == 10 else "Next question").click()
    assert folded  # the practice always holds the ordering or the matching question

    # The end: the score, each question with its sentence, the missed one to practise again.
    expect(page.get_by_role("heading", level=1)).to_have_text("You got 9 of 10 right")
    expect(page.locator(".review-item")).to_have_count(10)
    expect(page.locator(".review-item .source-quote")).to_have_count(10)
    check("done")
    done_url = page.url

    # The shareable result: score and questions, no name, nothing to continue with.
    share = page.locator(".share__link a")
    share_url = share.get_attribute("href")
    assert re.search(r"/r/[A-Z0-9]{8}$", share_url)
    page.goto(share_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("9 of 10 right")
    assert token_of_url(first_url) not in page.content()
    check("shared")

    # Practise the missed one, until none is left.
    page.goto(done_url)
    page.get_by_role("button", name="Practise the one you missed").click()
    expect(page.get_by_text("Question 1 of 1")).to_be_visible()
    expect(page.get_by_text("Missed ones · round 2")).to_be_visible()
    again = answer(page, app, right=True)
    assert again["start"] == missed["start"] and again["key"] == missed["key"]
    page.get_by_role("link", name="See your score").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You got 1 of 1 right")
    expect(page.get_by_text("None left")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("you missed"))).to_have_count(0)
    check("none-left")


def start_fresh(browser: Browser, live_server: str) -> str:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_role("button", name="Test yourself").first.click()
    token = token_of(page)
    context.close()
    return token


def token_of_url(url: str) -> str:
    return url.rsplit("/", 1)[1]


def screenshot_path(name: str):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def test_teacher_publishes_an_article_and_sees_how_the_public_did(
    page: Page, app: Flask, live_server: str
) -> None:
    """The owner publishes, the public practises, the owner reads the figures, then unpublishes."""
    from quizapp.extensions import db
    from quizapp.operations.articles import builtin_article_text, store_article
    from quizapp.operations.teachers import register_teacher

    with app.app_context():
        teacher = register_teacher("rivera@school.test", "Ms Rivera", "correct horse battery")
        text = "Partners in orbit\n\n" + "\n\n".join(builtin_article_text().split("\n\n")[3:12])
        article, _ = store_article(text, owner=teacher)
        db.session.commit()
        article_id = article.id
    page.set_default_timeout(10_000)
    page.set_viewport_size(VIEWPORTS["laptop"])
    page.goto(live_server + "/teacher/login")
    page.fill("input[name=email]", "rivera@school.test")
    page.fill("input[name=password]", "correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server + "/teacher/articles")
    page.get_by_role("button", name="Publish “Partners in orbit”").click()
    expect(page.get_by_text("is on the public shelf")).to_be_visible()
    card = page.get_by_role("listitem").filter(has_text="Partners in orbit")
    card.get_by_role("link", name="0 people practised").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public practice")

    # Someone practises it (in their own browser, no account), getting the first one wrong.
    visitor = page.context.browser.new_context(viewport=VIEWPORTS["phone"])
    public = visitor.new_page()
    public.set_default_timeout(10_000)
    public.goto(live_server + "/")
    expect(public.get_by_role("heading", name="Partners in orbit")).to_be_visible()
    public.get_by_role("button", name="Test yourself").nth(1).click()
    total = int(
        re.search(r"of (\d+)", public.get_by_text(re.compile(r"^Question 1 of")).inner_text())[1]
    )
    for number in range(1, total + 1):
        answer(public, app, right=number != 1)
        public.get_by_role(
            "link", name="See your score" if number == total else "Next question"
        ).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(
        f"You got {total - 1} of {total} right"
    )
    visitor.close()

    page.reload()
    expect(page.locator(".stat", has_text="People who practised")).to_contain_text("1")
    expect(page.get_by_role("heading", name="Hardest questions")).to_be_visible()
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        assert_accessible(page)
        screenshot(page, f"outreach-teacher-stats-{label}")
    page.set_viewport_size(VIEWPORTS["laptop"])
    page.goto(live_server + "/teacher/articles")
    expect(page.get_by_text("1 person practised")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "outreach-teacher-articles-laptop")
    page.get_by_role("button", name="Unpublish “Partners in orbit”").click()
    expect(page.get_by_text("is no longer public")).to_be_visible()
    assert page.request.get(f"{live_server}/articles/{article_id}").status == 404
