"""A teacher reads which questions worked: the report, its charts, the XLSX, and the bank."""

from __future__ import annotations

import io

from flask import Flask
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from quizapp.extensions import db
from quizapp.models import ClassSession
from quizapp.operations.articles import find_builtin_article
from tests.app.test_play import current
from tests.app.test_reports import EXPECTED, PLAN, make_class, xlsx_numbers
from tests.browser.conftest import SCREENSHOTS, assert_accessible, screenshot
from tests.browser.test_play_pages import answer_with_clicks
from tests.conftest import PASSWORD

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 800}


def page_numbers(page: Page) -> dict[int, tuple[str, str, set[str]]]:
    """Facility, discrimination and flags of each row of the questions table, as shown."""
    found = {}
    rows = page.locator("#questions-table tbody tr")
    for i in range(rows.count()):
        row = rows.nth(i)
        flags = row.locator(".report-flags .badge").all_inner_texts()
        found[int(row.get_attribute("data-number"))] = (
            row.locator("[data-facility]").inner_text().strip(),
            row.locator("[data-discrimination]").inner_text().strip(),
            set(flags),
        )
    return found


def student_plays_in_browser(browser: Browser, base: str, app: Flask, session_id: int) -> None:
    """Ava, the weakest student, plays on her phone: right on questions 1 and 2 only."""
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    page.goto(f"{base}/join/{code}")
    page.get_by_role("textbox", name="Nickname").fill("Ava")
    page.get_by_role("button", name="Join").click()
    for number, right in enumerate(PLAN["Ava"], start=1):
        expect(page.get_by_text(f"Question {number} of {len(PLAN['Ava'])}")).to_be_visible()
        answer_with_clicks(page, current(app, session_id, "Ava"), bool(right))
        verdict = "Right!" if right else "Not quite"
        expect(page.get_by_role("heading", level=1)).to_have_text(verdict)
        last = number == len(PLAN["Ava"])
        page.get_by_role("link", name="See your results" if last else "Next question").click()
    phone.close()


def test_teacher_reads_the_report_and_downloads_the_xlsx(
    browser: Browser, page: Page, live_server: str, app: Flask, make_teacher
) -> None:
    teacher_id, email = make_teacher()
    others = {name: plan for name, plan in PLAN.items() if name != "Ava"}
    session_id = make_class(app, teacher_id, others)
    student_plays_in_browser(browser, live_server, app, session_id)

    page.set_viewport_size(LAPTOP)
    page.goto(live_server + "/teacher/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/teacher/sessions/{session_id}/results")
    page.get_by_role("link", name="Which questions worked: the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Space agencies")

    # Both problems are flagged, with the numbers worked out by hand.
    assert page_numbers(page) == EXPECTED
    expect(page.locator("#item-1 .report-flags")).to_contain_text("Too easy")
    expect(page.locator("#item-2 .report-flags")).to_contain_text("Discriminates negatively")
    expect(page.get_by_role("img", name="Histogram of marks, 5 students")).to_be_visible()
    expect(page.get_by_role("img", name="Facility of each question")).to_be_visible()
    missed = page.locator(".report-missed__number").all_inner_texts()
    assert missed == ["Q5", "Q2", "Q4"]

    assert_accessible(page)
    screenshot(page, "report-session-laptop")
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    screenshot(page, "report-session-phone")
    page.set_viewport_size(LAPTOP)
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.get_by_role("link", name="Download the report (XLSX)")).to_be_hidden()
    expect(page.locator("#chart-scores")).to_be_visible()
    expect(page.locator("#questions-table")).to_be_visible()
    screenshot(page, "report-session-print")
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-report.xlsx")
    content = download.path().read_bytes()
    assert xlsx_numbers(content) == page_numbers(page)
    students = load_workbook(io.BytesIO(content))["Students"]
    assert {row[1] for row in students.iter_rows(min_row=2, values_only=True)} == set(PLAN)

    # The bank shows the same questions' figures from this class.
    with app.app_context():
        article_id = find_builtin_article().id
        first_bank_id = db.session.get(ClassSession, session_id).questions[0].question_id
    page.goto(f"{live_server}/teacher/articles/{article_id}/questions")
    card = page.locator(f"#q-{first_bank_id}")
    expect(card.locator(".bank-stats")).to_contain_text("asked in 1 session, 5 answers")
    expect(card.locator(".badge", has_text="Too easy")).to_be_visible()
    expect(card.locator(".bank-stats")).to_contain_text("nobody chose")
    for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page)
        SCREENSHOTS.mkdir(exist_ok=True)
        card.screenshot(path=str(SCREENSHOTS / f"report-bank-card-{label}.png"))
