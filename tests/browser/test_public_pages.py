"""A newcomer opens a fresh install and finds the built-in article and its questions."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Question
from tests.browser.conftest import assert_accessible, screenshot

VIEWPORTS = {"phone": (360, 780), "laptop": (1280, 800), "projector": (1920, 1080)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_newcomer_reads_the_article_and_its_questions(
    app: Flask, page: Page, live_server: str, viewport: str
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
    # Every sentence a question rests on is marked, so feedback can link to it.
    marked = page.locator(".sentence").evaluate_all("spans => spans.map(span => span.id)")
    assert marked == [f"s-{start}" for start in source_starts(app)]
    assert len(marked) >= 20
    expect(page.get_by_text("Show the answer")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, f"public-article-{viewport}")


def source_starts(app: Flask) -> list[int]:
    """Where the built-in article's questions' sentences start, in reading order."""
    with app.app_context():
        starts = db.session.scalars(
            select(Question.source_start).where(
                Question.article_id == 1, Question.status != "rejected"
            )
        )
        return sorted(set(starts))
