"""Reports that tell a teacher which questions work: a session's item analysis, its exports, and
the per-question figures on the question bank.

The figures are defined in ``quizapp.stats``; the queries live in ``quizapp.reports``.
"""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import login_required

from ..exports import TABLE_BUILDERS, csv_text, report_filename, xlsx_bytes
from ..models import ClassSession
from ..reports import MOST_MISSED_BELOW
from ..reports import session_report as build_report
from ..stats import GROUP_SHARE, MIN_STUDENTS, TOO_EASY, TOO_HARD
from .access import owned_or_404
from .blueprint import bp

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/sessions/<int:session_id>/report")
@login_required
def session_report(session_id: int) -> str:
    found = owned_or_404(ClassSession, session_id)
    return render_template(
        "teacher/reports/session.html",
        session=found,
        report=build_report(found),
        limits={
            "too_easy": TOO_EASY,
            "too_hard": TOO_HARD,
            "group_share": GROUP_SHARE,
            "min_students": MIN_STUDENTS,
            "most_missed": MOST_MISSED_BELOW,
        },
    )


@bp.get("/sessions/<int:session_id>/report.csv")
@login_required
def session_report_csv(session_id: int) -> Response:
    found = owned_or_404(ClassSession, session_id)
    table = request.args.get("table", "questions")
    if table not in TABLE_BUILDERS:
        abort(404)
    report = build_report(found)
    body = csv_text(TABLE_BUILDERS[table](report))
    return download(body, "text/csv; charset=utf-8", report_filename(report, table, "csv"))


@bp.get("/sessions/<int:session_id>/report.xlsx")
@login_required
def session_report_xlsx(session_id: int) -> Response:
    found = owned_or_404(ClassSession, session_id)
    report = build_report(found)
    return download(xlsx_bytes(report), XLSX_TYPE, report_filename(report, "all", "xlsx"))


def download(body: str | bytes, content_type: str, filename: str) -> Response:
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.cache_control.no_store = True
    return response
