"""A session's results: leaderboard, questions, each student's answers, and the CSV export."""

from __future__ import annotations

from flask import Response, abort, render_template, stream_with_context
from flask_login import login_required
from sqlalchemy import select

from ..extensions import db
from ..kinds import get_kind
from ..models import ClassSession, Participant, SessionQuestion
from ..reports import (
    csv_filename,
    csv_lines,
    format_seconds,
    leaderboard,
    participant_answers,
    question_answers,
    question_stats,
)
from .access import owned_or_404
from .blueprint import bp


@bp.get("/sessions/<int:session_id>/results")
@login_required
def session_results(session_id: int) -> str:
    found = owned_or_404(ClassSession, session_id)
    rows = leaderboard(found)
    return render_template(
        "teacher/sessions/results.html",
        session=found,
        rows=rows,
        stats=question_stats(found),
        format_seconds=format_seconds,
    )


@bp.get("/sessions/<int:session_id>/students/<int:participant_id>")
@login_required
def participant_results(session_id: int, participant_id: int) -> str:
    found = owned_or_404(ClassSession, session_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.session_id != found.id:
        abort(404)
    answers = participant_answers(found, participant)
    return render_template(
        "teacher/sessions/participant.html",
        session=found,
        participant=participant,
        answers=answers,
        total_seconds=sum(row.response.seconds_taken for row in answers if row.response),
        format_seconds=format_seconds,
    )


@bp.get("/sessions/<int:session_id>/questions/<int:number>")
@login_required
def question_results(session_id: int, number: int) -> str:
    found = owned_or_404(ClassSession, session_id)
    question = db.session.scalar(
        select(SessionQuestion).where(
            SessionQuestion.session_id == found.id, SessionQuestion.position == number - 1
        )
    )
    if question is None:
        abort(404)
    answers = question_answers(question)
    given = [row for row in answers if row.response is not None]
    tally: dict[str, int] = {}
    for row in given:
        tally[row.answer_text] = tally.get(row.answer_text, 0) + 1
    return render_template(
        "teacher/sessions/question.html",
        session=found,
        question=question,
        number=number,
        key_text=get_kind(question.kind).describe_answer(question.answer),
        answers=answers,
        given=given,
        tally=sorted(tally.items(), key=lambda pair: (-pair[1], pair[0])),
        format_seconds=format_seconds,
    )


@bp.get("/sessions/<int:session_id>/responses.csv")
@login_required
def session_csv(session_id: int) -> Response:
    found = owned_or_404(ClassSession, session_id)
    response = Response(
        stream_with_context(csv_lines(found)), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{csv_filename(found)}"'
    response.cache_control.no_store = True
    return response
