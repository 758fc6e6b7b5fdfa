"""The question report: a class of five whose answers make one question too easy and one
discriminate negatively; its exports; the bank's per-question figures; who may see it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html import unescape
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import event, select

from quizapp.extensions import db
from quizapp.models import ClassSession, Participant, Question
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.play import (
    answer_current_question,
    current_question,
    join_session,
    utc_now,
)
from tests.app.test_play import HANDWRITTEN, handwritten
from tests.conftest import login
from tests.factories import make_session

#: The kinds of the five questions, in order.
KINDS = ("multiple_choice", "true_false", "multiple_select", "fill_blank", "ordering")
#: Who gets which question right (1) or wrong (0). Question 1: everybody (too easy). Question 2:
#: the two weakest right, the strongest wrong (negative). Totals: Ava 2, Ben 3, Cai 3, Dee 3, Eli 4.
PLAN: dict[str, Sequence[int]] = {
    "Ava": (1, 1, 0, 0, 0),
    "Ben": (1, 1, 1, 0, 0),
    "Cai": (1, 0, 1, 1, 0),
    "Dee": (1, 0, 1, 1, 0),
    "Eli": (1, 0, 1, 1, 1),
}
#: What the page, the CSV and the workbook must say (hand-worked: groups of one student,
#: upper = Eli, lower = Ava).
EXPECTED = {
    1: ("100%", "+0.00", {"Too easy", "Distractor nobody chose"}),
    2: ("40%", "−1.00", {"Discriminates negatively"}),
    3: ("80%", "+1.00", set()),
    4: ("60%", "+1.00", set()),
    5: ("20%", "+1.00", set()),
}


def report_questions() -> list[Question]:
    """Teacher-written questions of each kind in ``KINDS`` on the built-in article (fixed text,
    whatever the generator writes today); written once, then reused by later sessions."""
    article = find_builtin_article()
    written = {(q.kind, q.stem): q for q in article.questions if q.rule == "teacher"}
    return [
        written.get((kind, HANDWRITTEN[kind]["stem"])) or handwritten(article, kind)
        for kind in KINDS
    ]


def raw_answer(kind: str, key: Any, options: Sequence[str] | None, right: bool) -> Any:
    """A response of ``kind`` that earns full credit (``right``) or none."""
    if right:
        return key
    if kind == "multiple_choice":
        return next(option for option in options if option != key)
    if kind == "true_false":
        return not key
    if kind == "multiple_select":
        return [option for option in options if option not in key]
    if kind == "fill_blank":
        return "zebra crossing"
    if kind == "ordering":
        return list(reversed(key))
    if kind == "matching":
        rights = [right for _, right in key]
        return [[left, rights[(i + 1) % len(rights)]] for i, (left, _) in enumerate(key)]
    raise AssertionError(kind)


def play(session_id: int, nickname: str, pattern: Sequence[int]) -> None:
    """A student joins and answers each question in order, right or wrong as ``pattern`` says."""
    session = db.session.get(ClassSession, session_id)
    participant = join_session(session, nickname, utc_now())
    for question, right in zip(session.questions, pattern, strict=False):
        raw = raw_answer(question.kind, question.answer, question.options, bool(right))
        current_question(participant, utc_now())  # shown: its clock starts
        result = answer_current_question(participant, question.id, raw, utc_now())
        assert result.response.credit == float(right), (question.kind, right)
    db.session.commit()


def make_class(app: Flask, teacher_id: int, plan: dict[str, Sequence[int]] = PLAN) -> int:
    """A self-paced session of the five questions played by ``plan``; returns its id."""
    with app.app_context():
        session = make_session(teacher_id, questions=report_questions(), title="Space agencies")
        for nickname, pattern in plan.items():
            play(session.id, nickname, pattern)
        return session.id


@pytest.fixture
def class_of_five(app: Flask, teacher_client) -> int:
    return make_class(app, teacher_client.teacher_id)


def question_rows(html: str) -> dict[int, tuple[str, str, set[str]]]:
    """Facility, discrimination and flags of each row of the page's questions table."""
    table = html.split('id="questions-table"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for number, body in re.findall(r'<tr id="item-(\d+)"[^>]*>(.*?)</tr>', table, re.S):
        facility = re.search(r"data-facility>([^<]*)<", body).group(1).strip()
        d = re.search(r"data-discrimination>(?:<span[^>]*>)?([^<]*)<", body).group(1).strip()
        flags = set(
            re.findall(r'<span class="badge[^"]*">([^<]*)</span>', body.split("report-flags")[1])
        )
        rows[int(number)] = (facility, d, flags)
    return rows


# --- The report page -----------------------------------------------------------------------------


def test_report_flags_the_too_easy_and_the_negative_question(teacher_client, class_of_five) -> None:
    page = teacher_client.get(f"/teacher/sessions/{class_of_five}/report")
    assert page.status_code == 200
    html = unescape(page.text)
    assert question_rows(html) == EXPECTED
    # Most missed, lowest facility first: 5 (20 %), 2 (40 %), 4 (60 %).
    missed = html.split('id="missed-title"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'report-missed__number">Q(\d)', missed) == ["5", "2", "4"]
    # Marks 40, 60, 60, 60, 80 %.
    scores = html.split('id="scores-title"', 1)[1].split("</table>", 1)[0]
    bands = dict(re.findall(r'<th scope="row">(\d+–\d+)%.*?<td class="num">(\d+)</td>', scores))
    assert {band: int(n) for band, n in bands.items() if n != "0"} == {
        "40–50": 1,
        "60–70": 3,
        "80–90": 1,
    }
    assert "upper–lower" in html and "27%" in html
    # Charts: inline SVG with a name, no inline style or script anywhere.
    assert html.count('role="img"') == 2 + len(KINDS)
    assert 'aria-label="Histogram of marks, 5 students' in html
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_option_counts_and_outcomes(teacher_client, class_of_five, app) -> None:
    html = unescape(teacher_client.get(f"/teacher/sessions/{class_of_five}/report").text)
    with app.app_context():
        session = db.session.get(ClassSession, class_of_five)
        true_false = session.questions[1]
        key = "True" if true_false.answer else "False"
        other = "False" if true_false.answer else "True"
    card = html.split('id="answers-2"', 1)[1].split("</article>", 1)[0]
    assert re.search(rf"{key} <span aria-hidden=\"true\">✓.*?<td class=\"num\">2</td>", card, re.S)
    assert re.search(rf"<th scope=\"row\">{other}</th>\s*<td class=\"num\">3</td>", card)
    fill = html.split('id="answers-4"', 1)[1].split("</article>", 1)[0]
    assert re.search(r"Right <span aria-hidden=\"true\">✓.*?<td class=\"num\">3</td>", fill, re.S)
    assert "Most common wrong answer" in html and "zebra crossing" in html


def test_a_class_of_three_shows_no_discrimination(app, teacher_client) -> None:
    plan = {"Ava": (1, 1, 0, 0, 0), "Ben": (1, 0, 1, 0, 0), "Cai": (1, 0, 1, 1, 1)}
    session_id = make_class(app, teacher_client.teacher_id, plan)
    html = unescape(teacher_client.get(f"/teacher/sessions/{session_id}/report").text)
    rows = question_rows(html)
    assert rows[1] == ("100%", "—", {"Too easy"})  # too few to say the distractors failed
    assert rows[5][:2] == ("33%", "—")
    assert "Too few students to compare" in html


def test_an_empty_session_has_nothing_to_report(app, teacher_client) -> None:
    session_id = make_class(app, teacher_client.teacher_id, {})
    page = teacher_client.get(f"/teacher/sessions/{session_id}/report")
    assert page.status_code == 200
    assert "Nothing to report yet" in page.text


def test_removed_students_are_left_out(app, teacher_client, class_of_five) -> None:
    with app.app_context():
        eli = db.session.scalar(select(Participant).where(Participant.nickname == "Eli"))
        eli.removed = True
        db.session.commit()
    html = unescape(teacher_client.get(f"/teacher/sessions/{class_of_five}/report").text)
    assert question_rows(html)[5][0] == "0%"


def test_results_page_links_to_the_report(teacher_client, class_of_five) -> None:
    html = teacher_client.get(f"/teacher/sessions/{class_of_five}/results").text
    assert f'href="/teacher/sessions/{class_of_five}/report"' in html


# --- Exports -------------------------------------------------------------------------------------


def test_csv_holds_the_same_numbers(teacher_client, class_of_five) -> None:
    response = teacher_client.get(f"/teacher/sessions/{class_of_five}/report.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "space-agencies" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [int(row["number"]) for row in rows] == [1, 2, 3, 4, 5]
    for row in rows:
        facility, d, flags = EXPECTED[int(row["number"])]
        assert f"{round(float(row['facility']) * 100)}%" == facility
        assert f"{float(row['discrimination']):+.2f}".replace("-", "−") == d
        assert set(filter(None, row["flags"].split("; "))) == flags
    options = HANDWRITTEN["multiple_choice"]["options"]
    assert [rows[0][f"answer {n}"] for n in range(1, 5)] == ["1969 (key)", *options[1:]]
    assert [rows[0][f"answer {n} count"] for n in range(1, 5)] == ["5", "0", "0", "0"]
    assert HANDWRITTEN["true_false"]["answer"] is False
    assert rows[1]["most common wrong answer"] == "True"
    students = teacher_client.get(f"/teacher/sessions/{class_of_five}/report.csv?table=students")
    names = [row["nickname"] for row in csv.DictReader(io.StringIO(students.text.lstrip("\ufeff")))]
    assert names[0] == "Eli" and sorted(names) == sorted(PLAN)
    scores = teacher_client.get(f"/teacher/sessions/{class_of_five}/report.csv?table=scores")
    assert "60–70,60.0,70.0,3" in scores.text
    assert (
        teacher_client.get(f"/teacher/sessions/{class_of_five}/report.csv?table=x").status_code
        == 404
    )


def xlsx_numbers(content: bytes) -> dict[int, tuple[str, str, set[str]]]:
    """The Questions sheet's facility, discrimination and flags, formatted as the page does."""
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Questions", "Students", "Scores histogram"]
    sheet = workbook["Questions"]
    header = [cell.value for cell in sheet[1]]
    found = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values, strict=True))
        d = row["discrimination"]
        found[row["number"]] = (
            f"{round(row['facility'] * 100)}%",
            "—" if d is None else f"{d:+.2f}".replace("-", "−"),
            set(filter(None, (row["flags"] or "").split("; "))),
        )
    return found


def test_xlsx_holds_the_same_numbers_as_the_page(teacher_client, class_of_five) -> None:
    html = unescape(teacher_client.get(f"/teacher/sessions/{class_of_five}/report").text)
    response = teacher_client.get(f"/teacher/sessions/{class_of_five}/report.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Content-Disposition"].endswith('-report.xlsx"')
    assert xlsx_numbers(response.data) == question_rows(html) == EXPECTED
    workbook = load_workbook(io.BytesIO(response.data))
    students = list(workbook["Students"].iter_rows(min_row=2, values_only=True))
    assert (students[0][1], students[0][5]) == ("Eli", 80.0)
    histogram = {
        row[0]: row[3]
        for row in workbook["Scores histogram"].iter_rows(min_row=2, values_only=True)
    }
    assert histogram["60–70"] == 3 and sum(histogram.values()) == 5


def test_exports_guard_against_formulas(app, teacher_client) -> None:
    plan = {'=HYPERLINK("http://x")': (1, 1, 1, 1, 1), "+1": (0, 0, 0, 0, 0), "@me": (1,) * 5}
    session_id = make_class(app, teacher_client.teacher_id, plan)
    with app.app_context():
        first = db.session.get(ClassSession, session_id).questions[0]
        first.stem = "-1 + 1 = ?"
        db.session.commit()
    url = f"/teacher/sessions/{session_id}/report"
    students = teacher_client.get(url + ".csv?table=students").text
    assert "'=HYPERLINK" in students and "'+1" in students and "'@me" in students
    assert "'-1 + 1 = ?" in teacher_client.get(url + ".csv").text
    workbook = load_workbook(io.BytesIO(teacher_client.get(url + ".xlsx").data))
    names = {row[1] for row in workbook["Students"].iter_rows(min_row=2, values_only=True)}
    assert names == {'\'=HYPERLINK("http://x")', "'+1", "'@me"}
    assert workbook["Questions"]["B2"].value == "'-1 + 1 = ?"
    assert workbook["Questions"]["B2"].data_type == "s"


# --- Who may see it ------------------------------------------------------------------------------


def test_another_teacher_gets_404(app, client, make_teacher, class_of_five) -> None:
    _, email = make_teacher()
    client.post("/teacher/logout")
    login(client, email)
    for suffix in ("", ".csv", ".csv?table=students", ".xlsx"):
        assert client.get(f"/teacher/sessions/{class_of_five}/report{suffix}").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(app, client, make_teacher) -> None:
    teacher_id, _ = make_teacher()
    session_id = make_class(app, teacher_id)
    response = client.get(f"/teacher/sessions/{session_id}/report.xlsx")
    assert response.status_code == 302 and "/teacher/login" in response.headers["Location"]


# --- The question bank ---------------------------------------------------------------------------


def test_bank_shows_each_questions_figures(app, teacher_client, class_of_five) -> None:
    make_class(app, teacher_client.teacher_id, {"Fay": (1, 1, 1, 1, 1)})  # a second session
    with app.app_context():
        article = find_builtin_article()
        bank_ids = [q.question_id for q in db.session.get(ClassSession, class_of_five).questions]
    html = unescape(teacher_client.get(f"/teacher/articles/{article.id}/questions").text)

    def card(question_id: int) -> str:
        return html.split(f'id="q-{question_id}"', 1)[1].split('class="question-card ', 1)[0]

    easy, negative, ordering = card(bank_ids[0]), card(bank_ids[1]), card(bank_ids[4])
    assert "asked in 2 sessions" in easy and "6 answers" in easy
    assert "facility <strong>100%</strong>" in easy and "Too easy" in easy
    assert "Distractor nobody chose" in easy and "nobody chose 1972 · 1960 · 1971" in easy
    # Discrimination: the class of five's −1.00 only (the class of one says nothing).
    assert "facility <strong>50%</strong>" in negative  # 3 of 6
    assert "discrimination <strong>−1.00</strong>" in negative
    assert "Discriminates negatively" in negative
    assert "facility <strong>33%</strong>" in ordering  # Eli and Fay of 6
    assert html.count("In your classes:") == 5


def test_bank_figures_are_the_teachers_own(app, client, make_teacher) -> None:
    owner_id, _ = make_teacher()
    make_class(app, owner_id)
    _, email = make_teacher()
    login(client, email)
    with app.app_context():
        article_id = find_builtin_article().id
    html = client.get(f"/teacher/articles/{article_id}/questions").text
    assert "In your classes:" not in html


# --- Bounded queries ------------------------------------------------------------------------------


@contextmanager
def counting_statements(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_report_queries_do_not_grow_with_the_class(app, teacher_client, class_of_five) -> None:
    url = f"/teacher/sessions/{class_of_five}/report"
    teacher_client.get(url)  # warm up
    with counting_statements(app) as five:
        assert teacher_client.get(url).status_code == 200
    with app.app_context():
        for n in range(15):
            play(class_of_five, f"Extra {n}", [(n + i) % 2 for i in range(len(KINDS))])
    with counting_statements(app) as twenty:
        html = teacher_client.get(url).text
    assert '<span class="stat__value">20</span>' in html
    assert len(twenty) == len(five), (five, twenty)
    assert len(five) <= 8, five


def test_bank_figures_take_one_query(app, teacher_client, class_of_five) -> None:
    from quizapp.reports import bank_item_stats

    with app.app_context():
        article_id = find_builtin_article().id
    with counting_statements(app) as statements, app.app_context():
        found = bank_item_stats(article_id, teacher_client.teacher_id)
    assert [s.split()[0] for s in statements if not s.startswith("BEGIN")] == ["SELECT"]
    assert len(found) == len(KINDS)
