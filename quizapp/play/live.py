"""A student's phone in a live game: the page, how it learns of changes, its stage, answering.

The page learns that the game moved from an event stream (``events``, pushed by the process's
watcher in ``quizapp/live_push.py``) where the server offers one, and otherwise by polling
``state``: a version number behind a weak ETag, so most polls end in a 304 after one primary-key
read. When the version moves the page fetches the ``stage`` fragment, the only personal part.
"""

from __future__ import annotations

from flask import abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import bindparam, select
from werkzeug.wrappers import Response as HttpResponse

from ..database import begin_write, commit, reads_first
from ..extensions import db, rate_limited
from ..kinds import InvalidResponse, get_kind
from ..live_phone import facts_after_answer, facts_for, responses, shared_view
from ..live_push import push_enabled, stream, watcher_of
from ..models import ClassSession, Participant, SessionQuestion
from ..operations.answering import record_answer
from ..operations.live import (
    GRACE,
    Live,
    LiveError,
    close_if_due,
    current_question_by_id,
    load_answer_rows,
    shown_live,
)
from ..operations.play import PlayError, utc_now
from ..seat_cookie import cookie_name_for, participant_id_in
from ..security import parse_id
from .blueprint import bp
from .forms import answer_form
from .tokens import current_participant, was_removed

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
    session = db.session.get(ClassSession, session_id)
    participant = current_participant(session) if session and session.mode == "live" else None
    if session is None or participant is None:
        # The same answer whether or not the game exists, and never its code: ids are guessable.
        return redirect(url_for("play.join"))
    return render_template(
        "play/live/page.html",
        session=session,
        participant=participant,
        poll_ms=POLL_INTERVAL_MS,
        push=push_enabled(),
        **stage_context(session, participant),
    )


@bp.get("/live/<int:session_id>/events")
def live_events(session_id: int) -> HttpResponse:
    """The game's state, its shared stage and this student's facts as Server-Sent Events,
    whenever the game is not at the version the phone has (``live_push``).

    Where push is off, a 204 tells EventSource not to reconnect, and the page polls instead.
    """
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        # A stranger gets the same 404 as for a game that does not exist; a removed player a 403.
        abort(403 if was_removed(session) else 404)
    if not push_enabled():
        return HttpResponse(status=204)
    # The version the phone has: EventSource's Last-Event-ID on a reconnect, else the page's.
    seen = request.headers.get("Last-Event-ID") or request.args.get("v", "")
    events = stream(
        watcher_of(current_app),
        session_id,
        participant.id,
        int(seen) if seen.isdigit() else None,
        request.url_root,
    )
    response = HttpResponse(events, mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


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
def live_state_json(session_id: int) -> HttpResponse | tuple[HttpResponse, int]:
    """The game's version and phase, for the game's players and its host only.

    Anyone else gets a 404, so scanning ids tells nobody which games are live or where they are.
    A removed player gets a 403, on which their page fetches the stage that says so.
    """
    row = db.session.execute(STATE_QUERY, {"session_id": session_id}).one_or_none()
    if row is None:
        abort(404)
    session = db.session.get(ClassSession, session_id)
    if not may_follow(session):
        if was_removed(session):
            return jsonify(error="You were removed from this game."), 403
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


def may_follow(session: ClassSession) -> bool:
    """Whether this browser plays in ``session`` or hosts it."""
    if current_participant(session) is not None:
        return True
    return current_user.is_authenticated and session.owner_id == current_user.id


@bp.get("/live/<int:session_id>/stage")
def live_stage(session_id: int) -> str | tuple[str, int]:
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        if not was_removed(session):
            abort(404)  # a stranger learns nothing about the game
        return render_template("play/live/_gone.html", session=session), 403
    return render_template(
        "play/live/_stage.html",
        session=session,
        participant=participant,
        **stage_context(session, participant),
    )


def stage_context(session: ClassSession, participant: Participant | None) -> dict:
    """The stage's context: the shared view, and ``me`` (one student's facts) if given.

    The answer form is the kind's, in the room's order (``shown_live``); only a whole personal
    stage fills it with the answer this student sent (the shared one gets it from the facts).
    """
    now = utc_now()
    view = shared_view(session, now)
    me = facts_for(session, [participant.id], now)[participant.id] if participant else None
    context: dict = {"view": view, "me": me}
    if view.phase == "question" and view.question is not None and not view.paused:
        shown = shown_live(view.question)
        sent = None
        if participant is not None:
            answer = responses(view.question, participant.id).get(participant.id)
            sent = answer.answer if answer is not None else None
        context.update(
            kind=get_kind(view.question.kind),
            shown=shown,
            form=answer_form(view.question, shown, sent=sent),
            sent=sent,
            live=True,
        )
    return context


def shared_stage(session: ClassSession) -> str:
    """The stage every phone shows at this version, without anyone's facts (``live_push``)."""
    return render_template("play/live/_stage.html", session=session, **stage_context(session, None))


@bp.post("/live/<int:session_id>/answer")
@rate_limited("answer", by="participant")
@reads_first
def live_answer(session_id: int) -> HttpResponse | tuple[HttpResponse, int]:
    try:
        question_id: int | None = parse_id(request.form.get("question_id", ""))
    except ValueError:
        question_id = None
    if question_id is not None:  # the three rows below in one query, held for the request
        seat = participant_id_in(request.cookies.get(cookie_name_for(session_id)))
        g.answer_rows = load_answer_rows(session_id, seat, question_id)
    session = live_session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return answer_refused(session, "Join the game first.", 403)
    if question_id is None:
        return answer_refused(session, "That answer came without its question.", 400)
    question = current_question_by_id(session, question_id)
    if question is None:
        return answer_refused(session, "That question is not open any more.", 409)
    try:
        result = record_answer(Live(participant), question_id, request.form, utc_now())
    except InvalidResponse as error:
        return answer_refused(session, str(error), 400)
    except (LiveError, PlayError) as error:
        return answer_refused(session, str(error), 409)
    commit(keep_loaded=True)  # the lock goes; what was read stays (no reading it again)
    if wants_json():  # the page marks the answer from the facts, without fetching its stage
        me = facts_after_answer(session, participant, question, result, utc_now())
        return jsonify(ok=True, version=session.version, me=me)
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
            push=push_enabled(),
            error=message,
            **stage_context(session, participant),
        ),
        status,
    )


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
