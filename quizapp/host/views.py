"""Host screen views: the page, its polled state and stage, and the host's actions.

Actions answer JSON to the page's script and redirect otherwise, so the screen works without
JavaScript too (a reload shows the current state).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import login_required

from .. import live_state
from ..database import begin_write
from ..extensions import db
from ..idle import closed_if_idle
from ..joining import join_page_address, join_url, qr_svg, spaced_code
from ..kinds import get_kind
from ..models import ClassSession, Participant
from ..operations.live import (
    TIME_LIMIT_CHOICES,
    LiveError,
    able_to_answer_count,
    advance,
    close_if_due,
    is_due,
    pause,
    remove_player,
    resume,
    set_locked,
    set_time_limit,
    shown_live,
)
from ..operations.play import utc_now
from ..teacher.access import owned_or_404
from .stage import common_answers_of, layout_of

bp = Blueprint("host", __name__, url_prefix="/host")

TIME_FACTORS = (1.0, 1.5, 2.0)


def live_session_or_404(session_id: int) -> ClassSession:
    session = owned_or_404(ClassSession, session_id)
    if session.mode != "live":
        abort(404)
    return session


@bp.get("/<int:session_id>")
@login_required
def game(session_id: int) -> str:
    session = live_session_or_404(session_id)
    closed_if_idle(session)
    return render_template("host/game.html", session=session, **stage_context(session))


@bp.get("/<int:session_id>/stage")
@login_required
def stage(session_id: int) -> str:
    session = live_session_or_404(session_id)
    return render_template("host/_stage.html", session=session, **stage_context(session))


@bp.get("/<int:session_id>/state")
@login_required
def state(session_id: int) -> Response:
    """What the host page polls: cheap, and 304 when nothing it shows has changed."""
    session = live_session_or_404(session_id)
    now = utc_now()
    if is_due(session, now):
        begin_write()  # a GET that writes: take the write lock before reading again
        if close_if_due(session, now):
            db.session.commit()
    question = live_state.current_question(session)
    answering = session.phase == "question" and question is not None
    answered = live_state.answered_count(question) if answering else 0
    players = live_state.player_count(session)
    able = able_to_answer_count(session) if answering else players
    body = {
        "version": session.version,
        "phase": session.phase,
        "index": session.current_index,
        "answered": answered,
        "players": players,
        "able": able,
        "paused": session.paused_remaining is not None,
        "seconds_left": live_state.seconds_left(session, now),
    }
    response = jsonify(body)
    response.set_etag(f"{session.version}-{answered}-{players}-{able}", weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


def stage_context(session: ClassSession) -> dict:
    now = utc_now()
    question = live_state.current_question(session)
    context = {
        "question": question,
        "kind": get_kind(question.kind) if question else None,
        "shown": shown_live(question) if question else None,
        "options": live_state.options_of(question) if question else [],
        "seconds_left": live_state.seconds_left(session, now),
        "players": live_state.active_players(session),
        "time_factors": TIME_FACTORS,
        "time_limits": TIME_LIMIT_CHOICES,
    }
    if session.phase == "lobby":
        url = join_url(session.join_code)
        context.update(
            join_url=url,
            join_page=join_page_address(),
            spaced_code=spaced_code(session.join_code),
            qr_svg=qr_svg(url),
        )
    if session.phase == "question" and question is not None:
        context["answered"] = live_state.answered_count(question)
        context["able"] = able_to_answer_count(session)
    if question is not None:
        context["layout"] = layout_of(question)
    if session.phase == "reveal" and question is not None:
        context["reveal"] = reveal = live_state.reveal_of(question)
        if context["layout"].typed:
            context["common_answers"] = common_answers_of(question, reveal.key_text)
    if session.phase in ("leaderboard", "podium"):
        context["standings"] = live_state.standings(session)
    return context


def acted(session: ClassSession) -> Response:
    """Commit the host's action and answer the page's script, or send a browser back."""
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=True, version=session.version, phase=session.phase)
    return redirect(url_for("host.game", session_id=session.id))


def refused(session: ClassSession, error: LiveError) -> Response:
    db.session.rollback()
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=str(error)), 409
    return render_template(
        "host/game.html", session=session, error=str(error), **stage_context(session)
    ), 409


@bp.post("/<int:session_id>/next")
@login_required
def next_step(session_id: int) -> Response:
    session = live_session_or_404(session_id)
    try:
        advance(session, utc_now())
    except LiveError as error:
        return refused(session, error)
    return acted(session)


@bp.post("/<int:session_id>/pause")
@login_required
def pause_game(session_id: int) -> Response:
    session = live_session_or_404(session_id)
    try:
        if session.paused_remaining is None:
            pause(session, utc_now())
        else:
            resume(session, utc_now())
    except LiveError as error:
        return refused(session, error)
    return acted(session)


@bp.post("/<int:session_id>/timing")
@login_required
def timing(session_id: int) -> Response:
    """Set the time per question for the questions to come, or play untimed."""
    session = live_session_or_404(session_id)
    raw = request.form.get("time_limit", "").strip()
    try:
        seconds = None if raw in ("", "none") else int(raw)
    except ValueError:
        abort(400, description="Choose one of the offered times, or no time limit.")
    try:
        set_time_limit(session, seconds)
    except LiveError as error:
        return refused(session, error)
    return acted(session)


def player_or_404(session_id: int, participant_id: int) -> tuple[ClassSession, Participant]:
    """The teacher's live game and one of its players."""
    session = live_session_or_404(session_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.session_id != session.id:
        abort(404)
    return session, participant


@bp.post("/<int:session_id>/players/<int:participant_id>/remove")
@login_required
def remove(session_id: int, participant_id: int) -> Response:
    session, participant = player_or_404(session_id, participant_id)
    remove_player(session, participant)
    return acted(session)


@bp.post("/<int:session_id>/lock")
@login_required
def lock(session_id: int) -> Response:
    """Lock the lobby against new players (a flood of joins, a class complete), or reopen it."""
    session = live_session_or_404(session_id)
    wanted = request.form.get("locked", "")
    if wanted not in ("0", "1"):
        abort(400, description="Say whether to lock the game (locked=1) or open it (locked=0).")
    set_locked(session, wanted == "1")
    return acted(session)


@bp.post("/<int:session_id>/players/<int:participant_id>/time")
@login_required
def extra_time(session_id: int, participant_id: int) -> Response:
    """Give one student more time per question (an accommodation)."""
    session, participant = player_or_404(session_id, participant_id)
    try:
        factor = float(request.form.get("time_factor", ""))
    except ValueError:
        factor = 0.0
    if factor not in TIME_FACTORS:
        abort(400, description="Choose normal time, 1.5× or 2×.")
    participant.time_factor = factor
    session.version += 1
    return acted(session)
