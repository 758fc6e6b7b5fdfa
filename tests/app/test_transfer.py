"""Export and import in the app and on the command line, and the paper quiz pages."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.formats import FORMATS, export, import_file
from quizapp.models import Article, ClassSession, Question, Quiz
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.sessions import open_session
from quizapp.operations.transfer import candidates, item_from_question
from quizapp.teacher.printing import papers
from tests.conftest import login
from tests.factories import make_quiz, one_question_per_kind

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"
GENERATE_FIELDS = {"id", "kind", "stem", "options", "answer", "accepted", "answer_type",
                   "source", "difficulty"}  # fmt: skip


def quiz_of_every_kind(app: Flask, owner_id: int) -> int:
    with app.app_context():
        quiz = make_quiz(owner_id, one_question_per_kind(), title="Paper “quiz” of every kind")
        db.session.commit()
        return quiz.id


# --- command line --------------------------------------------------------------------------------


def test_export_builtin_gift_to_stdout_lists_what_is_left_out(runner) -> None:
    result = runner.invoke(args=["export", "--builtin", "--format", "gift"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("// Advancing together")
    assert "$CATEGORY: Advancing together" in result.stdout
    assert "ordering question is left out of GIFT, which has no ordering questions." in (
        result.stderr
    )


def test_export_writes_binary_formats_to_a_file_only(runner, tmp_path: Path) -> None:
    refused = runner.invoke(args=["export", "--builtin", "--format", "kahoot-xlsx"])
    assert refused.exit_code == 2 and "give -o PATH" in refused.output
    target = tmp_path / "bank.xlsx"
    result = runner.invoke(
        args=["export", "--builtin", "--format", "kahoot-xlsx", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet.cell(8, 2).value == "Question - max 120 characters"
    assert sheet.cell(9, 2).value  # the first question


def test_export_a_quiz_in_its_order(app: Flask, runner, make_teacher, tmp_path: Path) -> None:
    teacher_id, _ = make_teacher()
    quiz_id = quiz_of_every_kind(app, teacher_id)
    target = tmp_path / "quiz.xml"
    result = runner.invoke(args=["export", "--quiz", str(quiz_id), "--format", "moodle-xml",
                                 "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    types = re.findall(r'<question type="(\w+)">', target.read_text())
    moodle = {"multiple_choice": "multichoice", "true_false": "truefalse",
              "fill_blank": "shortanswer", "numeric": "numerical", "ordering": "ordering",
              "multiple_select": "multichoice", "matching": "matching"}  # fmt: skip
    with app.app_context():
        kinds = [item.question.kind for item in db.session.get(Quiz, quiz_id).items]
    assert len(kinds) == 7  # in the quiz's order, whichever kind the built-in bank asks first
    assert types == ["category", *(moodle[kind] for kind in kinds)]
    missing = runner.invoke(args=["export", "--quiz", "999", "--format", "gift"])
    assert missing.exit_code == 1 and "No quiz 999." in missing.output
    both = runner.invoke(args=["export", "1", "--builtin", "--format", "gift"])
    assert both.exit_code == 2


def test_import_dry_run_json(runner) -> None:
    result = runner.invoke(args=["import", str(FIXTURES / "questions.gift.txt"), "--dry-run",
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"format", "questions", "skipped"}
    assert data["format"] == "gift"
    assert [q["kind"] for q in data["questions"]] == [
        "matching", "multiple_choice", "multiple_select", "numeric", "fill_blank",
        "true_false", "true_false", "true_false",
    ]  # fmt: skip
    numeric = data["questions"][3]
    assert set(numeric) == GENERATE_FIELDS | {"tolerance", "percent", "unit"}
    assert (numeric["answer"], numeric["tolerance"], numeric["percent"]) == (3, 2, False)
    for question in data["questions"][:3] + data["questions"][4:]:
        assert set(question) == GENERATE_FIELDS
    assert data["questions"][5]["source"]["sentence"].startswith("This is, of course")
    assert data["questions"][0]["source"] is None
    assert {"where": "line 2", "reason": "An essay question (empty answer block) has no key to "
            "import."} in data["skipped"]  # fmt: skip
    with runner.app.app_context():
        assert db.session.scalar(select(Article).where(Article.title == "questions.gift")) is None


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage{T}"])
def test_import_unreadable_or_empty_file_is_one_line_and_status_1(runner, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(args=["import", str(path), "--dry-run", "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    missing = runner.invoke(args=["import", str(tmp_path / "nope.gift")])
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_import_stores_a_bank_for_a_teacher(app: Flask, runner, make_teacher) -> None:
    teacher_id, email = make_teacher()
    path = str(FIXTURES / "questions.aiken.txt")
    unknown = runner.invoke(args=["import", path, "--teacher", "nobody@school.test"])
    assert unknown.exit_code == 1 and "No teacher" in unknown.output
    result = runner.invoke(args=["import", path, "--teacher", email])
    assert result.exit_code == 0, result.output
    assert "Imported 2 questions (aiken)" in result.output
    with app.app_context():
        bank = db.session.scalar(select(Article).where(Article.owner_id == teacher_id))
        assert bank.title == "questions.aiken"
        assert [(q.kind, q.status) for q in bank.questions] == [
            ("multiple_choice", "approved"), ("true_false", "approved")]  # fmt: skip


# --- the app: export -----------------------------------------------------------------------------


def test_export_page_lists_what_each_format_cannot_carry(app: Flask, teacher_client) -> None:
    with app.app_context():
        article_id = find_builtin_article().id
    page = teacher_client.get(f"/teacher/articles/{article_id}/export")
    assert page.status_code == 200
    text = page.text
    assert "No question of this bank is approved yet" in text
    gift = text[text.index('id="format-gift"') : text.index('id="format-moodle-xml"')]
    assert "ordering question is left out of GIFT, which has no ordering questions." in gift
    kahoot = text[text.index('id="format-kahoot-xlsx"') : text.index('id="format-wayground')]
    assert re.search(r"\d+ matching questions? (is|are) left out of Kahoot spreadsheet", kahoot)
    download = teacher_client.get(f"/teacher/articles/{article_id}/export/gift")
    assert download.status_code == 200
    slug = "advancing-together-the-future-of-international-collaboration"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{slug}.gift.txt"'
    assert download.data.startswith(b"// Advancing together")
    assert teacher_client.get(f"/teacher/articles/{article_id}/export/pdf").status_code == 404


def test_quiz_export_downloads_a_valid_package(app: Flask, teacher_client) -> None:
    quiz_id = quiz_of_every_kind(app, teacher_client.teacher_id)
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}/export")
    assert page.status_code == 200 and "7 of 7 questions go into this file." in page.text
    download = teacher_client.get(f"/teacher/quizzes/{quiz_id}/export/qti21")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert (
        'filename="paper-quiz-of-every-kind.qti21.zip"' in download.headers["Content-Disposition"]
    )
    with app.app_context():
        db.session.get(Quiz, quiz_id).time_limit = 25
        db.session.commit()
    sheet = teacher_client.get(f"/teacher/quizzes/{quiz_id}/export/wayground-xlsx")
    rows = load_workbook(io.BytesIO(sheet.data)).active
    assert rows.cell(1, 9).value == "Time in seconds"
    assert rows.cell(2, 9).value == 25  # the quiz's time per question
    detail = teacher_client.get(f"/teacher/quizzes/{quiz_id}")
    assert f"/teacher/quizzes/{quiz_id}/export" in detail.text
    assert f"/teacher/quizzes/{quiz_id}/print" in detail.text


# --- the app: import -----------------------------------------------------------------------------


def upload(client: FlaskClient, path: Path, fmt: str = "detect", title: str = ""):
    return client.post(
        "/teacher/import",
        data={"upload": (io.BytesIO(path.read_bytes()), path.name), "format": fmt, "title": title},
        content_type="multipart/form-data",
    )


def payload_of(page: str) -> str:
    return re.search(r'name="payload" type="hidden" value="([^"]+)"', page)[1]


def test_import_preview_then_a_bank_that_works_like_any_other(
    app: Flask, teacher_client: FlaskClient
) -> None:
    preview = upload(teacher_client, FIXTURES / "questions.gift.txt", title="Moodle set")
    assert preview.status_code == 200
    page = preview.text
    assert "8 questions can be imported, 1 cannot" in page
    assert "line 2" in page and "An essay question (empty answer block)" in page
    assert "What is a number from 1 to 5?" in page  # a numeric question now, 3 ± 2
    assert "Match the activity to the description." in page
    picks = {"payload": payload_of(page), "picks": ["0", "1", "2", "3", "4", "5"]}
    done = teacher_client.post("/teacher/import/confirm", data=picks)
    assert done.status_code == 302
    with app.app_context():
        bank = db.session.scalar(select(Article).where(Article.title == "Moodle set"))
        assert bank.owner_id == teacher_client.teacher_id
        kinds = [q.kind for q in bank.questions]
        assert kinds == ["matching", "multiple_choice", "multiple_select", "numeric",
                         "fill_blank", "true_false"]  # fmt: skip
        numeric = bank.questions[3]
        assert (numeric.answer, numeric.settings) == (3, {"tolerance": 2, "percent": False,
                                                          "unit": ""})  # fmt: skip
        feedback_question = bank.questions[5]
        start, end = feedback_question.source_start, feedback_question.source_end
        assert bank.body[start:end] == feedback_question.source_sentence
        question_ids = [q.id for q in bank.questions]
        article_id = bank.id
    assert done.headers["Location"].endswith(f"/teacher/articles/{article_id}/questions")
    # Review, edit, quizzes, a session, practice and the report, as with any bank.
    review = teacher_client.get(f"/teacher/articles/{article_id}/questions")
    assert review.status_code == 200 and "Which is the best animal?" in review.text
    for question_id in question_ids:
        assert teacher_client.get(f"/teacher/questions/{question_id}/edit").status_code == 200
    assert teacher_client.get(f"/teacher/articles/{article_id}/practice").status_code == 200
    with app.app_context():
        questions = [db.session.get(Question, i) for i in question_ids]
        quiz = make_quiz(teacher_client.teacher_id, questions, title="From Moodle")
        session = open_session(quiz, "self_paced")
        db.session.commit()
        session_id, code = session.id, session.join_code
    assert teacher_client.get(f"/teacher/sessions/{session_id}").status_code == 200
    student = app.test_client()
    assert student.post(f"/join/{code}", data={"nickname": "Ana"}).status_code == 302
    assert teacher_client.get(f"/teacher/sessions/{session_id}/report").status_code == 200
    with app.app_context():
        assert db.session.get(ClassSession, session_id).quiz.title == "From Moodle"


def test_import_keeps_only_the_ticked_and_refuses_a_forged_payload(teacher_client) -> None:
    page = upload(teacher_client, FIXTURES / "questions.aiken.txt").text
    payload = payload_of(page)
    none = teacher_client.post("/teacher/import/confirm", data={"payload": payload})
    assert none.status_code == 302 and none.headers["Location"].endswith("/teacher/import")
    forged = payload[:-4] + ("AAAA" if not payload.endswith("AAAA") else "BBBB")
    refused = teacher_client.post("/teacher/import/confirm", data={"payload": forged, "picks": "0"})
    assert refused.status_code == 400


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaa">]><quiz>&a;</quiz>',
         "DTD or entities"),
        (b"", "empty"),
        (b"\x89PNG\r\n", "not recognised"),
    ],
)  # fmt: skip
def test_bad_uploads_get_a_clear_400(teacher_client, content: bytes, message: str) -> None:
    response = teacher_client.post(
        "/teacher/import",
        data={"upload": (io.BytesIO(content), "file.xml"), "format": "detect"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in response.text


# --- the paper quiz ------------------------------------------------------------------------------


def test_print_pages_hold_the_key_only_on_the_key_page(app: Flask, teacher_client) -> None:
    quiz_id = quiz_of_every_kind(app, teacher_client.teacher_id)
    with app.test_request_context(), app.app_context():
        made = papers(db.session.get(Quiz, quiz_id), 2)
    # Keys written with letters ("B (1969)", "1–C, 2–A", "B → A → C") never appear on a sheet.
    keys = [q.key for paper in made for q in paper.questions if any(c in q.key for c in "(–→")]
    assert len(keys) >= 6
    sheets = teacher_client.get(f"/teacher/quizzes/{quiz_id}/print?versions=2")
    assert sheets.status_code == 200
    assert "Version A" in sheets.text and "Version B" in sheets.text
    assert "Name:" in sheets.text and "Date:" in sheets.text
    assert 'class="paper-key' not in sheets.text
    page = html.unescape(sheets.text)
    assert not [key for key in keys if key in page]
    answer_key = teacher_client.get(f"/teacher/quizzes/{quiz_id}/print/key?versions=2")
    assert answer_key.status_code == 200 and "Answer key" in answer_key.text
    key_page = html.unescape(answer_key.text)
    assert all(key in key_page for key in keys)
    # Version B is shuffled, the same way every time.
    assert [q.stem for q in made[0].questions] != [q.stem for q in made[1].questions]
    again = teacher_client.get(f"/teacher/quizzes/{quiz_id}/print?versions=2")
    assert again.text == sheets.text


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_stored_questions_of_every_kind_round_trip(app: Flask, format_name: str) -> None:
    """Stored question → format → import checks: same kind, stem, options, key and accepted."""
    with app.app_context():
        questions = one_question_per_kind()
        fmt = FORMATS[format_name]
        exported = export(fmt, [item_from_question(q) for q in questions], "Every kind")
        found = candidates(import_file(exported.content, format_name))
        assert [c.problem for c in found] == [None] * len(found)
        back = iter(found)
        for question in questions:
            item = item_from_question(question)
            if item not in exported.kept:
                continue
            again = next(back)
            assert again.kind == question.kind
            content = again.content
            assert content["stem"] == question.stem
            if question.kind == "multiple_select":  # the keys are a set: any order is the key
                assert sorted(content["answer"]) == sorted(question.answer)
            else:
                assert content["answer"] == question.answer
            if question.kind == "fill_blank":  # only typed answers have accepted variants
                assert content["accepted"] == list(question.accepted)
            if question.kind == "numeric":  # the same range counts (a percent may turn absolute)
                assert within(content["answer"], content["settings"]) == pytest.approx(
                    within(question.answer, question.settings)
                )
            options = content["options"] or []
            assert sorted(options) == sorted(question.option_texts or [])
            if question.kind in ("multiple_choice", "multiple_select"):
                assert options == question.option_texts  # the order shown is kept too
        assert next(back, None) is None


def within(answer: float, settings: dict) -> float:
    """How far from ``answer`` a numeric answer may be and still count."""
    tolerance = settings.get("tolerance") or 0
    return abs(answer) * tolerance / 100 if settings.get("percent") else tolerance


def test_builtin_export_holds_the_teachers_own_approvals_only(
    app: Flask, client: FlaskClient, make_teacher
) -> None:
    """Approving a shared question makes the teacher's copy: their export has it, others' not."""
    _, email_a = make_teacher()
    _, email_b = make_teacher()
    with app.app_context():
        article = find_builtin_article()
        article_id = article.id
        question = next(q for q in article.questions if q.kind == "multiple_choice")
        question_id, stem = question.id, question.stem
    assert login(client, email_a).status_code == 302
    done = client.post(f"/teacher/questions/{question_id}/status", data={"status": "approved"})
    assert done.status_code == 302
    mine = client.get(f"/teacher/articles/{article_id}/export")
    assert "1 question of “" in mine.text and "approved yet" not in mine.text
    gift = client.get(f"/teacher/articles/{article_id}/export/gift").data.decode()
    assert gift.count("::Q") == 1 and stem.split()[0] in gift
    other = app.test_client()
    assert login(other, email_b).status_code == 302
    theirs = other.get(f"/teacher/articles/{article_id}/export")
    assert "No question of this bank is approved yet" in theirs.text
