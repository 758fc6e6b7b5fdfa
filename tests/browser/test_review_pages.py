"""A new teacher adds an article, reviews its questions, edits one and approves some."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from quizapp.operations.articles import builtin_article_text
from tests.browser.conftest import assert_accessible, screenshot

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 800}


def article_text() -> str:
    return "\n\n".join(builtin_article_text().split("\n\n")[3:10])


def both_sizes(page: Page, name: str) -> None:
    """Check the page at laptop and phone width and keep a screenshot of each."""
    for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page)
        screenshot(page, f"review-{name}-{label}")
    page.set_viewport_size(LAPTOP)


def test_teacher_adds_an_article_and_reviews_its_questions(page: Page, live_server: str) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(live_server + "/teacher/register")
    page.fill("input[name=display_name]", "Ms Rivera")
    page.fill("input[name=email]", "rivera@school.test")
    page.fill("input[name=password]", "correct horse battery")
    page.fill("input[name=confirm]", "correct horse battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()

    page.goto(live_server + "/teacher/articles")
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    expect(page.get_by_role("link", name="Advancing together")).to_be_visible()
    both_sizes(page, "articles")

    page.get_by_role("link", name="Add an article").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an article")
    both_sizes(page, "new-article")
    page.get_by_label("Title").fill("Partners in orbit")
    page.get_by_label("Paste the article").fill(article_text())

    # Stop this first submission after the script has reacted, to see what it shows meanwhile.
    page.evaluate(
        """document.querySelector("form[data-generate-progress]")
             .addEventListener("submit", (event) => event.preventDefault(), { once: true })"""
    )
    button = page.get_by_role("button", name="Save and write questions")
    button.click()
    expect(page.get_by_role("status")).to_contain_text("Reading the article and writing questions")
    expect(button).to_be_disabled()
    assert_accessible(page)
    screenshot(page, "review-new-article-progress")
    page.evaluate('document.querySelector("form[data-generate-progress]").submit()')

    expect(page.get_by_role("heading", level=1)).to_have_text("Partners in orbit")
    expect(page.get_by_text("is saved with")).to_be_visible()
    cards = page.locator(".review-card")
    count = cards.count()
    assert count >= 5
    expect(page.get_by_text("(correct answer)").first).to_be_attached()
    expect(page.locator(".review-card mark").first).to_be_visible()
    both_sizes(page, "bank")

    first = cards.first
    stem = first.locator(".review-card__stem").inner_text()
    first.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit a question")
    both_sizes(page, "edit")
    page.get_by_label("Question", exact=True).fill("Edited by hand: " + stem)
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Question saved.")).to_be_visible()
    expect(page.get_by_text("Edited by hand: " + stem)).to_be_visible()

    cards.nth(0).get_by_label("Select").check()
    cards.nth(1).get_by_label("Select").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text("2 questions approved.")).to_be_visible()
    expect(page.locator(".review-card--approved")).to_have_count(2)

    page.get_by_role("link", name=re.compile(r"^Approved")).click()
    expect(page.locator(".review-card")).to_have_count(2)
    page.get_by_role("link", name="Pending").click()
    expect(page.locator(".review-card")).to_have_count(count - 2)
    page.get_by_role("link", name="Weakest first").click()
    expect(page.get_by_text("Quality estimate").first).to_be_visible()
    both_sizes(page, "bank-weakest")
    approve_kind = page.get_by_role("button", name="Approve all").first
    approve_kind.click()
    expect(page.get_by_text("questions approved.")).to_be_visible()
    assert "order=weakest" in page.url
    both_sizes(page, "bank-after")

    page.get_by_role("link", name="Write a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a question")
    assert_accessible(page)
    page.get_by_role("link", name="True or false").click()
    both_sizes(page, "new-question")
    page.get_by_label("The sentence it rests on").select_option(index=2)
    page.get_by_label("Question", exact=True).fill("The ISS was built by one country alone.")
    page.get_by_label("False").check()
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Question added and approved.")).to_be_visible()
    expect(page.get_by_text("The ISS was built by one country alone.")).to_be_visible()
