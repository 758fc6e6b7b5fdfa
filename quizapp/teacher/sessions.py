"""Classroom sessions: open one from a quiz, show its code and QR to the class, close it."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from ..extensions import db
from ..idle import closed_if_idle
from ..joining import join_page_address, join_url, qr_svg, spaced_code
from ..models import ClassSession, Participant, Quiz
from ..operations.play import is_accepting, keys_shown, release_answers, utc_now
from ..operations.sessions import SessionError, close_session, open_session
from ..reports import session_counts
from .access import owned_or_404
from .blueprint import bp
from .quiz_forms import ConfirmForm, OpenSessionForm
from .quizzes import render_quiz


@bp.get("/sessions")
@login_required
def sessions() -> str:
    for idle in db.session.scalars(
        select(ClassSession).where(
            ClassSession.owner_id == current_user.id, ClassSession.status == "open"
        )
    ).all():
        closed_if_idle(idle)
    player_counts = (
        select(func.count(Participant.id))
        .where(Participant.session_id == ClassSession.id, Participant.removed.is_(False))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(ClassSession, player_counts)
        .where(ClassSession.owner_id == current_user.id)
        .order_by(ClassSession.created_at.desc(), ClassSession.id.desc())
    ).all()
    return render_template("teacher/sessions/list.html", rows=rows)


@bp.post("/quizzes/<int:quiz_id>/sessions", endpoint="open_session")
@login_required
def open_session_view(quiz_id: int):
    quiz = owned_or_404(Quiz, quiz_id)
    form = OpenSessionForm()
    if form.validate_on_submit():
        try:
            live = form.mode.data == "live"
            session = open_session(
                quiz,
                form.mode.data,
                deadline=None if live else form.deadline_utc(),
                stem_on_phones=live and form.stem_on_phones.data,
            )
        except SessionError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            if live:
                return redirect(url_for("host.game", session_id=session.id))
            flash("The session is open. Share the code or the QR code with your class.", "success")
            return redirect(url_for("teacher.session", session_id=session.id))
    return render_quiz(quiz, open_form=form, status=400)


@bp.get("/sessions/<int:session_id>")
@login_required
def session(session_id: int) -> str:
    found = owned_or_404(ClassSession, session_id)
    closed_if_idle(found)
    url = join_url(found.join_code)
    return render_template(
        "teacher/sessions/detail.html",
        session=found,
        join_url=url,
        join_page=join_page_address(),
        qr_svg=qr_svg(url),
        spaced_code=spaced_code(found.join_code),
        counts=session_counts(found),
        accepting=is_accepting(found, utc_now()),
        keys_withheld=not keys_shown(found, utc_now()),
        close_form=ConfirmForm(formdata=None),
    )


@bp.get("/sessions/<int:session_id>/counts.json")
@login_required
def session_counts_json(session_id: int) -> Response:
    """What the session page refreshes while students join: counts and status."""
    found = owned_or_404(ClassSession, session_id)
    response = jsonify(status=found.status, **session_counts(found))
    response.cache_control.no_store = True
    return response


@bp.post("/sessions/<int:session_id>/close", endpoint="close_session")
@login_required
def close_session_view(session_id: int) -> Response:
    found = owned_or_404(ClassSession, session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form has expired; reload the page and try again.")
    close_session(found)
    db.session.commit()
    flash("The session is closed. Its results stay here.", "success")
    return redirect(url_for("teacher.session", session_id=found.id))


@bp.post("/sessions/<int:session_id>/release-answers", endpoint="release_answers")
@login_required
def release_answers_view(session_id: int) -> Response:
    """Feedback at the end: let students see the right answers before the session closes."""
    found = owned_or_404(ClassSession, session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form has expired; reload the page and try again.")
    release_answers(found)
    db.session.commit()
    flash("Students who have finished can now see the right answers.", "success")
    return redirect(url_for("teacher.session", session_id=found.id))
