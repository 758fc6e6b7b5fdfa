"""A newcomer opens a fresh install and finds the built-in article and its questions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, screenshot

VIEWPORTS = {"phone": (360, 780), "laptop": (1280, 800), "projector": (1920, 1080)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_newcomer_reads_the_article_and_its_questions(
    page: Page, live_server: str, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    link = page.get_by_role("link", name="Advancing together: the future of international")
    expect(link).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"public-home-{viewport}")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Advancing together")
    expect(page.get_by_role("heading", name="Diplomatic Challenges and Solutions")).to_be_visible()
    # The reading page gives no answers away: practice does that, one question at a time.
    assert page.locator(".sentence").count() >= 25  # the distinct source sentences
    expect(page.get_by_text("Show the answer")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, f"public-article-{viewport}")
