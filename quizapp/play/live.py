"""A student's phone in a live game: the page, its polled state and stage, and answering.

The page polls ``state`` once a second; the answer is a version number behind a weak ETag, so
most polls end in a 304 after one primary-key read. When the version moves the page fetches the
``stage`` fragment, which is the only personal part.
"""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from sqlalchemy import bindparam, select
from werkzeug.wrappers import Response as HttpResponse

from .. import live_state
from ..database import begin_write
from ..extensions import db, rate_limited
from ..kinds import InvalidResponse, get_kind
from ..models import ClassSession, SessionQuestion
from ..operations.answering import record_answer
from ..operations.live import GRACE, Live, LiveError, close_if_due, shown_live
from ..operations.play import PlayError, utc_now
from ..security import parse_id
from .blueprint import bp
from .forms import answer_form
from .tokens import current_participant

#: Phones ask this often (milliseconds); a change reaches them within about this plus a fetch,
#: which keeps a change under the 1.5 s target. Unchanged polls cost little (``live_poll``).
POLL_INTERVAL_MS = 800


def live_session_or_404(session_id: int) -> ClassSession:
    session = db.session.get(ClassSession, session_id)
    if session is None or session.mode != "live":
        abort(404)
    return session


@bp.get("/live/<int:session_id>")
def live(session_id: int) -> str | HttpResponse:
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return redirect(url_for("play.join"))  # never the code: session ids are easy to guess
    return render_template(
        "play/live/page.html",
        session=session,
        participant=participant,
        poll_ms=POLL_INTERVAL_MS,
        **stage_context(session, participant),
    )


#: Built once: phones ask for it a thousand times a second in a full hall.
STATE_QUERY = (
    select(
        ClassSession.version,
        ClassSession.phase,
        ClassSession.current_index,
        ClassSession.question_deadline,
        ClassSession.paused_remaining,
        SessionQuestion.id,
        SessionQuestion.kind,
    )
    .outerjoin(
        SessionQuestion,
        (SessionQuestion.session_id == ClassSession.id)
        & (SessionQuestion.position == ClassSession.current_index),
    )
    .where(ClassSession.id == bindparam("session_id"), ClassSession.mode == "live")
)


@bp.get("/live/<int:session_id>/state")
def live_state_json(session_id: int) -> HttpResponse:
    """The game's version and phase: the same for every phone, and nothing secret."""
    row = db.session.execute(STATE_QUERY, {"session_id": session_id}).one_or_none()
    if row is None:
        abort(404)
    version, phase, index, deadline, paused, question_id, kind = row
    now = utc_now()
    if phase == "question" and paused is None and deadline is not None and now > deadline + GRACE:
        begin_write()  # a GET that writes: take the write lock, then read the session again
        session = db.session.get(ClassSession, session_id)
        if close_if_due(session, now):
            db.session.commit()
        version, phase = session.version, session.phase
    response = jsonify(
        version=version, phase=phase, index=index, question_id=question_id, kind=kind
    )
    response.set_etag(str(version), weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


@bp.get("/live/<int:session_id>/stage")
def live_stage(session_id: int) -> str | tuple[str, int]:
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return render_template("play/live/_gone.html", session=session), 403
    return render_template(
        "play/live/_stage.html",
        session=session,
        participant=participant,
        **stage_context(session, participant),
    )


def stage_context(session: ClassSession, participant) -> dict:
    view = live_state.player_view(session, participant, utc_now())
    context: dict = {"view": view}
    if view.question is not None and view.can_answer:
        shown = shown_live(view.question)
        sent = view.response.answer if view.response is not None else None
        context.update(
            kind=get_kind(view.question.kind),
            shown=shown,
            form=answer_form(view.question, shown, sent=sent),
            sent=sent,
            live=True,
        )
    return context


@bp.post("/live/<int:session_id>/answer")
@rate_limited("answer", by="participant")
def live_answer(session_id: int) -> HttpResponse | tuple[HttpResponse, int]:
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return answer_refused(session, "Join the game first.", 403)
    question = live_state.current_question(session)
    try:
        question_id = parse_id(request.form.get("question_id", ""))
    except ValueError:
        return answer_refused(session, "That answer came without its question.", 400)
    if question is None or question.id != question_id:
        return answer_refused(session, "That question is not open any more.", 409)
    try:
        record_answer(Live(participant), question_id, request.form, utc_now())
    except InvalidResponse as error:
        return answer_refused(session, str(error), 400)
    except (LiveError, PlayError) as error:
        return answer_refused(session, str(error), 409)
    db.session.commit()
    if wants_json():
        return jsonify(ok=True, version=session.version)
    return redirect(url_for("play.live", session_id=session.id))


def answer_refused(session: ClassSession, message: str, status: int):
    db.session.rollback()
    if wants_json():
        return jsonify(error=message), status
    participant = current_participant(session)
    if participant is None:
        return redirect(url_for("play.join"))
    return (
        render_template(
            "play/live/page.html",
            session=session,
            participant=participant,
            poll_ms=POLL_INTERVAL_MS,
            error=message,
            **stage_context(session, participant),
        ),
        status,
    )


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
