"""The issue's acceptance journeys, end to end, with real clicks and typing only.

1. A teacher registers, reviews the built-in article's questions (edits one, approves a set),
   builds a quiz of 8 and opens a self-paced session.
2. Three students play it on their phones (one reloads half-way); the teacher's results page and
   CSV export agree with what was stored.
3. Isolation: another teacher sees none of the first teacher's things, a browser without a
   student's cookie cannot act as that student, and closing the session stops late answers.

The database is only read, at the end, to check what the pages said.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import ClassSession, Participant, Quiz, Response
from quizapp.operations.articles import builtin_article_text
from quizapp.reports import CSV_HEADER
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 800}
QUESTIONS = 8
EXPECTED_HEADER = [
    "student",
    "question_number",
    "question",
    "kind",
    "answer",
    "correct_answer",
    "correct",
    "credit",
    "points",
    "seconds_taken",
    "answered_at",
]
EDIT_PREFIX = "Edited by hand: "


class Checker:
    """Runs axe and takes a screenshot once per distinct page, so repeated pages stay cheap."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.seen: set[str] = set()

    def __call__(self, page: Page, name: str) -> None:
        if not self.enabled or name in self.seen:
            return
        self.seen.add(name)
        assert_accessible(page)
        screenshot(page, f"journey-{name}")


# --- Teacher steps ----------------------------------------------------------------------------


def register(page: Page, base: str, name: str, email: str, check: Checker) -> None:
    page.goto(base + "/teacher/register")
    check(page, "teacher-register")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {name}")


def tick_across_kinds(page: Page, groups: str, items: str, wanted: int, per_kind: int) -> int:
    """Tick boxes one kind after another, at most ``per_kind`` of each, until ``wanted`` are ticked.

    ``groups`` locates one element per kind, ``items`` the checkboxes inside one. Boxes already
    ticked count. Returns how many boxes are ticked in all.
    """
    kinds = page.locator(groups)
    boxes = [kinds.nth(i).locator(items) for i in range(kinds.count())]
    ticked = page.locator(f"{groups} {items}:checked").count()
    for round_ in range(per_kind):
        for kind_boxes in boxes:
            if ticked >= wanted:
                return ticked
            if round_ < kind_boxes.count() and not kind_boxes.nth(round_).is_checked():
                kind_boxes.nth(round_).check()
                ticked += 1
    return ticked


def teacher_opens_session(page: Page, base: str, check: Checker) -> dict[str, object]:
    """Journey 1 as a teacher would do it; returns what later steps need."""
    page.set_viewport_size(LAPTOP)
    register(page, base, "Ms Rivera", "rivera@school.test", check)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My classes").click()
    expect(page).to_have_title(re.compile("My classes"))
    check(page, "teacher-dashboard")
    builtin = page.locator(".card").filter(has=page.get_by_text("Built in", exact=True))
    expect(builtin).to_have_count(1)
    title = builtin.locator(".card__link").inner_text()
    builtin.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check(page, "teacher-bank")

    # Edit the first multiple-choice question's stem.
    card = page.locator("#kind-multiple_choice .review-card").first
    card_id = card.get_attribute("id")
    old_stem = card.locator(".review-card__stem").inner_text()
    new_stem = EDIT_PREFIX + old_stem
    card.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit a question")
    check(page, "teacher-edit-question")
    page.get_by_label("Question", exact=True).fill(new_stem)
    page.get_by_role("button", name="Save the question").click()
    # The built-in article is shared: an edit gives this teacher their own copy, shown in its place.
    expect(page.get_by_text("Saved as your own copy")).to_be_visible()
    copy_id = page.url.rsplit("#", 1)[1]
    assert copy_id != card_id
    edited = page.locator(f"#{copy_id}")
    expect(edited.locator(".review-card__stem")).to_have_text(new_stem)
    expect(edited.get_by_text("Edited", exact=True)).to_be_visible()

    # Approve two of each kind (the edited one among them) in one go.
    edited.get_by_label("Select").check()
    ticked = tick_across_kinds(page, ".review-kind", "input[name=question]", 99, per_kind=2)
    kinds_ticked = page.locator(".review-kind").filter(has=page.locator("input:checked")).count()
    assert ticked >= QUESTIONS and kinds_ticked >= 4
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text(f"{ticked} questions approved.")).to_be_visible()
    expect(page.locator(".review-card--approved")).to_have_count(ticked)

    # Build a quiz of exactly 8 of them, the edited one included.
    page.get_by_role("link", name=f"Build a quiz from the {ticked} approved").click()
    expect(page.get_by_role("heading", level=1, name="New quiz")).to_be_visible()
    page.get_by_label("Title").fill("Space agencies, week 3")
    page.get_by_label("Time per question (seconds)").fill("120")
    page.locator("label").filter(has_text=new_stem).click()
    assert tick_across_kinds(page, ".question-picker__kind", "input", QUESTIONS, 99) == QUESTIONS
    expect(page.locator("input[name=question_ids]:checked")).to_have_count(QUESTIONS)
    check(page, "teacher-new-quiz")
    page.get_by_role("button", name="Create quiz from the ticked questions").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Space agencies, week 3")
    expect(page.get_by_text(f"created with {QUESTIONS} questions")).to_be_visible()
    expect(page.locator(".quiz-item")).to_have_count(QUESTIONS)
    expect(page.locator(".quiz-item__stem").filter(has_text=new_stem)).to_have_count(1)
    quiz_url = page.url
    check(page, "teacher-quiz")

    page.get_by_role("button", name="Open a self-paced session").click()
    expect(page.get_by_text("The session is open.")).to_be_visible()
    code_box = page.locator(".join-code")
    expect(code_box).to_be_visible()
    code = code_box.locator("[aria-hidden=true]").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    join_link = page.locator(".join-panel__url a")
    join_url = join_link.get_attribute("href")
    assert join_url.endswith(f"/join/{code}")
    expect(page.get_by_role("img", name=f"QR code for {join_url}")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    check(page, "teacher-session")
    session_id = int(re.search(r"/teacher/sessions/(\d+)$", page.url).group(1))
    return {
        "code": code,
        "join_url": join_url,
        "session_id": session_id,
        "session_url": page.url,
        "quiz_url": quiz_url,
        "quiz_id": int(quiz_url.rsplit("/", 1)[1]),
        "new_stem": new_stem,
    }


# --- Student steps ----------------------------------------------------------------------------


def phone(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE)
    return context, context.new_page()


def join_by_link(page: Page, join_url: str, nickname: str, check: Checker) -> None:
    page.goto(join_url)
    expect(page.get_by_role("textbox", name="Nickname")).to_be_focused()
    check(page, "student-join-link")
    page.get_by_role("textbox", name="Nickname").fill(nickname)
    page.get_by_role("button", name="Join the quiz").click()
    expect(page.get_by_text(f"You’re in, {nickname}!")).to_be_visible()


def join_by_code(page: Page, base: str, code: str, nickname: str, check: Checker) -> None:
    page.goto(base + "/join")
    check(page, "student-join-code")
    # Typed as a student might: lower case, with a space in the middle.
    page.get_by_role("textbox", name="Join code").type(f"{code[:3].lower()} {code[3:].lower()}")
    page.get_by_role("textbox", name="Nickname").type(nickname)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text(f"You’re in, {nickname}!")).to_be_visible()


def current_kind(page: Page) -> str:
    form = page.locator("form.play-form")
    classes = form.get_attribute("class") or ""
    return re.search(r"play-form--([a-z-]+)", classes).group(1).replace("-", "_")


def answer_blind(page: Page, student: int, number: int) -> str:
    """Answer the question on screen without knowing the key: a fixed pick per student.

    Returns the kind answered.
    """
    kind = current_kind(page)
    pick = student + number  # differs per student and per question
    if kind == "multiple_choice":
        buttons = page.locator("button[name=answer]")
        buttons.nth(pick % buttons.count()).click()
        return kind
    if kind == "true_false":
        page.get_by_role("button", name="True" if pick % 2 else "False", exact=True).click()
        return kind
    if kind == "multiple_select":
        boxes = page.get_by_role("checkbox")
        for index in range(boxes.count()):
            if (index + pick) % 2 == 0:
                boxes.nth(index).check()
    elif kind == "fill_blank":
        page.get_by_role("textbox", name="Your answer").fill(["Europe", "NASA", "no idea"][student])
    elif kind == "matching":
        selects = page.locator("select[id^=match_]")
        for index in range(selects.count()):
            options = selects.nth(index).locator("option").count() - 1  # minus the placeholder
            selects.nth(index).select_option(index=(index + pick) % options + 1)
    elif kind == "ordering":
        selects = page.locator("select[id^=position_]")
        count = selects.count()
        for index in range(count):
            selects.nth(index).select_option(str((index + pick) % count + 1))
    elif kind == "numeric":
        page.get_by_role("textbox", name="Your answer").fill(str(1960 + pick))
    else:
        raise AssertionError(f"unknown kind {kind}")
    page.get_by_role("button", name="Submit answer").click()
    return kind


def progress(page: Page, number: int, total: int = QUESTIONS) -> None:
    expect(page.locator(".progress__text")).to_have_text(f"Question {number} of {total}")


# --- Reading the database (only to check what the pages showed) -------------------------------


def points_by_student(app: Flask, session_id: int) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(
            select(Participant.nickname, func.coalesce(func.sum(Response.points), 0))
            .outerjoin(Response, Response.participant_id == Participant.id)
            .where(Participant.session_id == session_id)
            .group_by(Participant.id)
        ).all()
        return {nickname: int(points) for nickname, points in rows}


def responses_by_student(app: Flask, session_id: int) -> Counter[str]:
    with app.app_context():
        rows = db.session.scalars(
            select(Participant.nickname)
            .join(Response, Response.participant_id == Participant.id)
            .where(Participant.session_id == session_id)
        ).all()
        return Counter(rows)


def leaderboard_on_page(page: Page) -> dict[str, int]:
    rows = page.get_by_role("table", name="Leaderboard", exact=True).locator("tbody tr")
    board = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        board[row.locator("th").inner_text()] = int(row.locator("td").nth(1).inner_text())
    return board


# --- Journey 1 --------------------------------------------------------------------------------


def test_teacher_reviews_builtin_article_and_opens_a_session(
    page: Page, live_server: str, app: Flask
) -> None:
    check = Checker()
    setup = teacher_opens_session(page, live_server, check)

    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", name="No results yet")).to_be_visible()
    check(page, "teacher-results-empty")

    with app.app_context():
        quiz = db.session.get(Quiz, setup["quiz_id"])
        stems = [item.question.stem for item in quiz.items]
        kinds = {item.question.kind for item in quiz.items}
        session = db.session.get(ClassSession, setup["session_id"])
        assert session.join_code == setup["code"]
        assert session.mode == "self_paced" and session.is_open
        session_stems = [question.stem for question in session.questions]
    assert len(stems) == QUESTIONS and setup["new_stem"] in stems
    assert session_stems == stems
    assert len(kinds) >= 4, kinds


# --- Journey 2 --------------------------------------------------------------------------------


def test_three_students_play_and_the_teacher_sees_their_scores(
    page: Page, browser: Browser, live_server: str, app: Flask, tmp_path: Path
) -> None:
    teacher_check = Checker(enabled=False)  # journey 1 checks these pages
    setup = teacher_opens_session(page, live_server, teacher_check)
    check = Checker()
    nicknames = ["Ana", "Bo", "Chidi"]
    contexts, pages = zip(*(phone(browser) for _ in nicknames), strict=True)
    join_by_link(pages[0], setup["join_url"], "Ana", check)
    join_by_code(pages[1], live_server, setup["code"], "Bo", check)
    join_by_code(pages[2], live_server, setup["code"], "Chidi", check)

    kinds_seen = set()
    for number in range(1, QUESTIONS + 1):
        for student, student_page in enumerate(pages):
            progress(student_page, number)
            if number == 5 and student == 1:
                # Bo's phone reloads half-way: same question, same place.
                stem = student_page.locator("#question-stem").text_content()
                student_page.reload()
                progress(student_page, 5)
                expect(student_page.locator("#question-stem")).to_have_text(stem)
            kind = current_kind(student_page)
            check(student_page, f"student-{kind.replace('_', '-')}")
            kinds_seen.add(kind)
            answer_blind(student_page, student, number)
            expect(student_page.locator(".verdict")).to_be_visible()
            progress(student_page, number)
            check(student_page, "student-feedback")
            last = number == QUESTIONS
            link = "See your results" if last else "Next question"
            student_page.get_by_role("link", name=link).click()
    assert len(kinds_seen) >= 4

    for nickname, student_page in zip(nicknames, pages, strict=True):
        expect(student_page.get_by_role("heading", level=1)).to_have_text(f"All done, {nickname}!")
        expect(student_page.locator(".play-review-item")).to_have_count(QUESTIONS)
        check(student_page, "student-end")

    # The teacher's session page counts them; the results page ranks them.
    page.goto(setup["session_url"])
    expect(page.locator("[data-count=joined]")).to_have_text("3")
    expect(page.locator("[data-count=finished]")).to_have_text("3")
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "journey-teacher-results")
    shown = leaderboard_on_page(page)
    stored = points_by_student(app, setup["session_id"])
    assert set(shown) == set(nicknames)
    assert shown == stored
    with app.app_context():
        scores = dict(
            db.session.execute(
                select(Participant.nickname, Participant.score).where(
                    Participant.session_id == setup["session_id"]
                )
            ).all()
        )
    assert scores == stored  # no streak bonus: the score is the sum of the answers' points
    for nickname, student_page in zip(nicknames, pages, strict=True):
        score = student_page.locator(".stat").filter(has_text="Score").locator(".stat__value")
        expect(score).to_have_text(str(stored[nickname]))

    # The CSV export: one row per answer, with the documented columns.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every answer (CSV)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".csv"
    with saved.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, data = rows[0], rows[1:]
    assert header == EXPECTED_HEADER == list(CSV_HEADER)
    assert len(data) == len(nicknames) * QUESTIONS
    records = [dict(zip(header, row, strict=True)) for row in data]
    assert Counter(r["student"] for r in records) == {name: QUESTIONS for name in nicknames}
    assert responses_by_student(app, setup["session_id"]) == {n: QUESTIONS for n in nicknames}
    for nickname in nicknames:
        mine = [r for r in records if r["student"] == nickname]
        assert sorted(int(r["question_number"]) for r in mine) == list(range(1, QUESTIONS + 1))
        assert sum(int(r["points"]) for r in mine) == stored[nickname]
    assert any(r["question"] == setup["new_stem"] for r in records)

    for context in contexts:
        context.close()


# --- Journey 3 --------------------------------------------------------------------------------


def pasted_article() -> str:
    paragraphs = builtin_article_text().split("\n\n")[3:10]
    return "\n\n".join(["Partners in orbit", *paragraphs])


def csrf_token(page: Page) -> str:
    return page.locator("input[name=csrf_token]").first.input_value()


def test_teachers_and_students_stay_apart(
    page: Page, browser: Browser, live_server: str, app: Flask
) -> None:
    check = Checker()
    page.set_viewport_size(LAPTOP)
    register(page, live_server, "Ms Rivera", "rivera@school.test", Checker(enabled=False))

    # The first teacher adds an article by pasting it: the first line becomes its title.
    page.get_by_role("link", name="Add an article").first.click()
    page.get_by_label("Paste the article").fill(pasted_article())
    page.get_by_role("button", name="Save and write questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners in orbit")
    expect(page.get_by_text("is saved with")).to_be_visible()
    check(page, "teacher-bank-pasted")
    article_url = page.url
    assert re.search(r"/teacher/articles/\d+/questions$", article_url)
    question_ids = [
        card.get_attribute("id").removeprefix("q-")
        for card in page.locator(".review-card").all()[:3]
    ]
    for number in question_ids:
        page.locator(f"#select-{number}").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text("3 questions approved.")).to_be_visible()
    page.get_by_role("link", name="Build a quiz from the 3 approved").click()
    page.get_by_label("Title").fill("Orbit check")
    page.get_by_label("Time per question (seconds)").fill("")  # no limit: homework
    for box in page.locator("input[name=question_ids]").all():
        box.check()
    page.get_by_role("button", name="Create quiz from the ticked questions").click()
    expect(page.locator(".quiz-item")).to_have_count(3)
    quiz_url = page.url
    page.get_by_role("button", name="Open a self-paced session").click()
    code = page.locator(".join-code [aria-hidden=true]").inner_text().replace(" ", "")
    session_url = page.url
    session_id = int(session_url.rsplit("/", 1)[1])

    # Two students: Bo gets ahead of Ana.
    (ana_context, ana), (bo_context, bo) = phone(browser), phone(browser)
    join_by_code(ana, live_server, code, "Ana", Checker(enabled=False))
    join_by_code(bo, live_server, code, "Bo", Checker(enabled=False))
    answer_blind(ana, 0, 1)
    ana.get_by_role("link", name="Next question").click()
    progress(ana, 2, 3)
    for number in (1, 2):
        answer_blind(bo, 1, number)
        bo.get_by_role("link", name="Next question").click()
    progress(bo, 3, 3)
    bo_question = bo.locator("input[name=question_id]").input_value()
    ana_question = ana.locator("input[name=question_id]").input_value()
    assert bo_question != ana_question
    before = responses_by_student(app, session_id)
    assert before == {"Ana": 1, "Bo": 2}

    # Ana's phone cannot answer Bo's question out of turn.
    refused = ana.request.post(
        f"{live_server}/play/{session_id}/answer",
        form={"csrf_token": csrf_token(ana), "question_id": bo_question, "answer": "true"},
    )
    assert refused.status == 409
    assert "Already moved on" in refused.text()

    # A phone without Bo's cookie is sent to join, both to look and to answer.
    stranger_context, stranger = phone(browser)
    stranger.goto(f"{live_server}/play/{session_id}")
    expect(stranger).to_have_url(f"{live_server}/join")
    expect(
        stranger.get_by_text("Join the quiz with its code and a nickname first.")
    ).to_be_visible()
    check(stranger, "student-not-joined")
    forged = stranger.request.post(
        f"{live_server}/play/{session_id}/answer",
        form={"csrf_token": csrf_token(stranger), "question_id": bo_question, "answer": "true"},
    )
    assert forged.url == f"{live_server}/join"
    assert "Join the quiz with its code and a nickname first." in forged.text()
    assert responses_by_student(app, session_id) == before

    # A second teacher sees none of it: every URL of the first teacher's is a 404.
    other_context = browser.new_context(viewport=LAPTOP)
    other = other_context.new_page()
    register(other, live_server, "Mr Okafor", "okafor@school.test", Checker(enabled=False))
    expect(other.get_by_role("link", name="Partners in orbit")).to_have_count(0)
    expect(other.get_by_role("heading", name="No session yet")).to_be_visible()
    expect(other.get_by_role("heading", name="No quiz yet")).to_be_visible()
    token = csrf_token(other)
    with app.app_context():
        participant_id = db.session.scalar(
            select(Participant.id).where(Participant.session_id == session_id)
        )
    private_urls = [
        article_url,
        f"{live_server}/teacher/questions/{question_ids[0]}/edit",
        quiz_url,
        f"{quiz_url}/edit",
        session_url,
        f"{session_url}/results",
        f"{session_url}/students/{participant_id}",
        f"{session_url}/questions/1",
        f"{session_url}/counts.json",
        f"{session_url}/responses.csv",
    ]
    for url in private_urls:
        status = other.request.get(url).status
        assert status in (403, 404), (url, status)
    answer = other.goto(article_url)
    assert answer is not None and answer.status == 404
    expect(other.get_by_role("heading", level=1)).to_have_text(re.compile("not found", re.I))
    expect(other.get_by_text("Partners in orbit")).to_have_count(0)
    check(other, "teacher-not-found")
    for url in [
        f"{session_url}/close",
        f"{quiz_url}/delete",
        f"{article_url}/bulk",
        f"{live_server}/teacher/questions/{question_ids[0]}/status",
    ]:
        status = other.request.post(
            url, form={"csrf_token": token, "action": "rejected", "status": "rejected"}
        ).status
        assert status in (403, 404), (url, status)

    # The first teacher closes the session; Ana, not finished, can answer no more.
    page.goto(session_url)
    page.get_by_text("Close the session…").click()
    page.get_by_role("button", name="Close the session now").click()
    expect(page.get_by_text("The session is closed.")).to_be_visible()
    expect(page.get_by_text("This session is closed", exact=True)).to_be_visible()
    check(page, "teacher-session-closed")
    with ana.expect_response(f"{live_server}/play/{session_id}/answer") as closed:
        answer_blind(ana, 0, 2)
    assert closed.value.status == 410
    expect(ana.get_by_role("heading", level=1)).to_have_text("This session has closed")
    check(ana, "student-closed")
    ana.goto(f"{live_server}/join/{code}")  # the QR code again: back to her own results
    expect(ana.get_by_role("heading", level=1)).to_have_text("This session has closed")
    assert responses_by_student(app, session_id) == before
    with app.app_context():
        assert db.session.get(ClassSession, session_id).is_open is False

    for context in (ana_context, bo_context, stranger_context, other_context):
        context.close()
