"""The paper quiz prints to PDF: A4 and Letter, one version per page run, no key on the sheets.

Also walks the export and import pages (axe-core, screenshots).
"""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from quizapp.extensions import db
from quizapp.models import Quiz, Teacher
from quizapp.teacher.printing import papers
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import make_quiz, one_question_per_kind

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"


def sign_up(page: Page, live_server: str) -> None:
    page.goto(live_server + "/teacher/register")
    page.fill("input[name=display_name]", "Ms Okafor")
    page.fill("input[name=email]", "okafor@school.test")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()


def quiz_for(app, email: str) -> tuple[int, list[str], list[str]]:
    """A quiz of every kind for the teacher; its keys as the key page writes them, per version."""
    with app.test_request_context():
        teacher = db.session.query(Teacher).filter_by(email=email).one()
        quiz = make_quiz(teacher.id, one_question_per_kind(), title="Space paper quiz")
        db.session.commit()
        made = papers(db.session.get(Quiz, quiz.id), 2)
        keys = [q.key for q in made[0].questions if any(c in q.key for c in "(–→")]
        stems = [q.stem for q in made[0].questions]
        return quiz.id, keys, stems


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join((p.extract_text() or "") for p in reader.pages)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_paper_quiz_prints_to_pdf_without_the_key(app, page: Page, live_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_up(page, live_server)
    quiz_id, keys, stems = quiz_for(app, "okafor@school.test")
    assert len(keys) >= 3

    page.goto(f"{live_server}/teacher/quizzes/{quiz_id}")
    page.get_by_role("link", name="Print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Space paper quiz")
    page.get_by_role("link", name="Two versions (A and B)").click()
    expect(page.get_by_role("heading", name="Space paper quiz · Version B")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "print-sheets")

    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pages, text = pdf_text(page.pdf(format=paper, print_background=False))
        text = squeeze(text)
        assert pages >= 2, paper  # version B starts on a page of its own
        assert "Version A" in text and "Version B" in text
        assert "Name:" in text and "Date:" in text
        assert "Answer key" not in text
        assert not [key for key in keys if squeeze(key) in text], paper
        assert squeeze(stems[0])[:40] in text

    page.emulate_media(media="screen")
    page.get_by_role("link", name="Answer key").click()
    expect(
        page.get_by_role("heading", name="Space paper quiz · Version A · Answer key")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "print-key")
    page.emulate_media(media="print")
    pages, text = pdf_text(page.pdf(format="A4"))
    text = squeeze(text)
    assert pages >= 2
    assert all(squeeze(key) in text for key in keys)
    assert "Name:" not in text


def test_export_and_import_pages(app, page: Page, live_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_up(page, live_server)
    page.goto(live_server + "/teacher/articles")
    page.get_by_role("link", name="Import questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import questions")
    assert_accessible(page)
    page.get_by_label("Question file").set_input_files(str(FIXTURES / "questions.gift.txt"))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Not imported")).to_be_visible()
    expect(page.get_by_text("An essay question (empty answer block)")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Import the ticked questions into a new bank").click()
    expect(page.get_by_text("Imported 8 questions")).to_be_visible()
    page.get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export the question bank")
    expect(page.locator("#format-aiken")).to_contain_text(
        "1 matching question is left out of Aiken, which has no matching questions."
    )
    assert_accessible(page)
    screenshot(page, "export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Moodle XML").click()
    assert download.value.suggested_filename == "questions-gift.moodle.xml"
