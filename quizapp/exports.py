"""A session's item-analysis report as CSV tables and as an XLSX workbook. No Flask.

The workbook is written with openpyxl. Every text cell goes through ``quizapp.reports.guard_cell``
first, so a nickname or a question such as ``=HYPERLINK(...)`` stays text in Excel, LibreOffice and
Google Sheets; control characters XML cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .kinds import KIND_LABELS
from .reports import SessionReport, guard_cell, slugify

Table = tuple[list[str], list[list[Any]]]

#: The CSV tables a report offers (``?table=``), each a sheet of the workbook too.
TABLES = ("questions", "students", "scores")
SHEET_TITLES = {"questions": "Questions", "students": "Students", "scores": "Scores histogram"}
QUESTION_HEADER = [
    "number",
    "question",
    "kind",
    "answered",
    "facility",
    "discrimination",
    "flags",
    "most common wrong answer",
]
STUDENT_HEADER = ["rank", "nickname", "score", "correct", "answered", "mark %"]
SCORES_HEADER = ["mark % band", "from %", "to %", "students"]
DEFINITIONS = (
    "Facility: mean credit of the students who answered (1 = everybody right). "
    "Discrimination: upper-lower 27% index D = p_upper - p_lower, on each student's total credit "
    "in the session; empty below 4 students. Mark %: total credit over all questions."
)


def question_table(report: SessionReport) -> Table:
    """One row per question; then, per option (or outcome), its text and how often it came up."""
    widest = max((len(item.answers) for item in report.items), default=0)
    header = list(QUESTION_HEADER)
    for number in range(1, widest + 1):
        header += [f"answer {number}", f"answer {number} count"]
    rows = []
    for item in report.items:
        row: list[Any] = [
            item.number,
            item.question.stem,
            KIND_LABELS.get(item.question.kind, item.question.kind),
            item.answered,
            _rounded(item.facility),
            _rounded(item.discrimination.index),
            "; ".join(item.flag_labels),
            item.common_wrong or "",
        ]
        for answer in item.answers:
            row += [answer.label + (" (key)" if answer.is_key else ""), answer.count]
        row += ["", None] * (widest - len(item.answers))
        rows.append(row)
    return header, rows


def student_table(report: SessionReport) -> Table:
    rows = [
        [
            student.row.rank,
            student.row.nickname,
            student.row.score,
            student.row.correct,
            student.row.answered,
            round(student.percent, 1),
        ]
        for student in report.students
    ]
    return list(STUDENT_HEADER), rows


def scores_table(report: SessionReport) -> Table:
    rows = [[band.label, band.low, band.high, band.count] for band in report.histogram]
    return list(SCORES_HEADER), rows


TABLE_BUILDERS = {"questions": question_table, "students": student_table, "scores": scores_table}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def clean_cell(value: Any) -> Any:
    """A value safe in a spreadsheet: formula-looking text quoted, illegal characters dropped."""
    if isinstance(value, str):
        return guard_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def csv_text(table: Table) -> str:
    """The table as CSV text for Excel: a byte-order mark, CRLF line ends, guarded cells."""
    header, rows = table
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else clean_cell(value) for value in row])
    return buffer.getvalue()


def report_filename(report: SessionReport, table: str, extension: str) -> str:
    session = report.session
    suffix = "report" if extension == "xlsx" else f"report-{table}"
    return f"{slugify(session.title)}-{session.join_code.lower()}-{suffix}.{extension}"


def xlsx_bytes(report: SessionReport) -> bytes:
    """The workbook: sheets "Questions", "Students" and "Scores histogram", headers bold."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = clean_cell(f"Item analysis · {report.session.title}")
    workbook.properties.creator = "quizapp"
    workbook.properties.description = DEFINITIONS
    formats = {
        "questions": {"facility": "0%", "discrimination": "+0.00;-0.00;0.00"},
        "students": {"mark %": "0.0"},
        "scores": {},
    }
    widths = {"question": 60, "nickname": 24, "flags": 30, "most common wrong answer": 30}
    for name in TABLES:
        header, rows = TABLE_BUILDERS[name](report)
        sheet = workbook.create_sheet(SHEET_TITLES[name])
        _write_sheet(sheet, header, rows, formats[name], widths)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(
    sheet: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: dict[str, str],
    widths: dict[str, int],
) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for row in rows:
        sheet.append([clean_cell(value) for value in row])
    for index, title in enumerate(header, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(title, max(10, len(title) + 2))
        if title in formats:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = formats[title]
        if title in widths:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
