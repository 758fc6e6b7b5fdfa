"""Joining and playing a session: the students' pages.

The rules (who may answer what, the clock, grading) live in ``quizapp.operations.play``; these
views only turn requests into calls and results into pages. Who the student is comes only from
the signed cookie (``tokens.current_participant``): nothing in a URL or form can make a browser
act as another student. The key of a question reaches the browser only once the answer is locked.
"""

from __future__ import annotations

import math
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as HttpResponse

from ..database import begin_write, reads_first
from ..extensions import db, rate_limited
from ..idle import closed_if_idle
from ..kinds import InvalidResponse, get_kind
from ..models import ClassSession, Participant, Response, SessionQuestion
from ..operations.answering import record_answer
from ..operations.live import join_live
from ..operations.play import (
    NICKNAME_MAX,
    AlreadyAnswered,
    JoinRefused,
    NicknameTaken,
    NotYourQuestion,
    PlayError,
    SelfPaced,
    SessionClosed,
    current_question,
    is_accepting,
    join_session,
    keys_shown,
    question_order,
    seconds_left,
    shown_to,
    utc_now,
)
from ..operations.sessions import find_open_session, normalise_join_code
from ..scoring import rank
from ..security import parse_id
from .blueprint import bp
from .forms import JoinForm, NicknameForm, answer_form
from .review import review_of, stem_markup
from .tokens import current_participant, remember_participant, was_removed

Page = str | HttpResponse | tuple[str, int]

CODE_SHOWN_MAX = 20
CLOSED_MESSAGE = "This session has closed. Ask your teacher for a new code."
REMOVED_MESSAGE = "Your teacher removed you from this game, so you cannot join it again."


@bp.after_request
def personal_pages_are_not_cached(response: HttpResponse) -> HttpResponse:
    """Every students' page is about one student and one moment: never store it."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def play_template_values() -> dict[str, Any]:
    return {"nickname_max": NICKNAME_MAX}


# --- Joining -----------------------------------------------------------------------------------


@bp.route("/join", methods=["GET", "POST"])
@rate_limited("join", methods=["POST"])
@rate_limited("new_player", methods=["POST"])
@reads_first  # the write lock only for the new player's row (``join_session``)
def join() -> Page:
    """Join by typing the code and a nickname."""
    form = JoinForm()
    if request.method == "GET":
        return render_template("play/join.html", form=form)
    if not form.validate():
        return render_template("play/join.html", form=form), 400
    code = normalise_join_code(form.code.data or "")
    session, status, problem = session_for_code(code)
    if session is None:
        returning = returning_participant(code)
        if returning is not None:
            return welcome_back(returning)
        form.code.errors = [problem]
        return render_template("play/join.html", form=form), status
    participant = current_participant(session)
    if participant is not None:
        return welcome_back(participant)
    return join_as(session, form, "play/join.html")


@bp.route("/join/<code>", methods=["GET", "POST"])
@rate_limited("join")
@rate_limited("new_player", methods=["POST"])
@reads_first  # the write lock only for the new player's row (``join_session``)
def join_code(code: str) -> Page:
    """What the QR code and join link open: the code is known, only the nickname is asked."""
    code = normalise_join_code(code)
    session, status, problem = session_for_code(code)
    if session is None:
        returning = returning_participant(code)
        if returning is not None:
            return welcome_back(returning)
        form = JoinForm(formdata=None, data={"code": code})
        form.code.errors = [problem]
        return render_template("play/join.html", form=form), status
    participant = current_participant(session)
    if participant is not None:
        return welcome_back(participant)
    form = NicknameForm()
    if request.method == "POST":
        if not form.validate():
            return render_template("play/join_code.html", form=form, session=session), 400
        return join_as(session, form, "play/join_code.html")
    return render_template("play/join_code.html", form=form, session=session)


def session_for_code(code: str) -> tuple[ClassSession | None, int, str]:
    """The session a code opens, or (None, HTTP status, message for the student)."""
    shown = code[:CODE_SHOWN_MAX] or "that"
    session = find_open_session(code) if code else None
    if session is not None:
        if not closed_if_idle(session) and is_accepting(session, utc_now()):
            return session, 200, ""
        return None, 410, CLOSED_MESSAGE
    if code and sessions_with_code(code):
        return None, 410, CLOSED_MESSAGE
    return None, 404, f"No quiz is open with the code {shown}. Check the code and try again."


def sessions_with_code(code: str) -> list[ClassSession]:
    """Sessions that used ``code``, newest first (a closed session's code may come round again)."""
    return list(
        db.session.scalars(
            select(ClassSession)
            .where(ClassSession.join_code == code)
            .order_by(ClassSession.id.desc())
            .limit(5)
        )
    )


def returning_participant(code: str) -> Participant | None:
    """A student coming back to a closed (or past-deadline) session they played in."""
    for session in sessions_with_code(code) if code else []:
        participant = current_participant(session)
        if participant is not None:
            return participant
    return None


def join_as(session: ClassSession, form: JoinForm | NicknameForm, template: str) -> Page:
    if was_removed(session):
        form.nickname.errors = [REMOVED_MESSAGE]
        return render_template(template, form=form, session=session), 403
    # A live game has its own rule for late joiners (and tells the host's screen).
    joiner = join_live if session.mode == "live" else join_session
    try:
        participant = joiner(
            session,
            form.nickname.data or "",
            utc_now(),
            max_players=int(current_app.config["MAX_PLAYERS"]),
        )
    except SessionClosed as error:
        db.session.rollback()
        closed_form = JoinForm(formdata=None, data={"code": session.join_code})
        closed_form.code.errors = [str(error)]
        return render_template("play/join.html", form=closed_form), 410
    except NicknameTaken as error:
        db.session.rollback()
        form.nickname.errors = [str(error)]
        return render_template(template, form=form, session=session), 409
    except JoinRefused as error:
        db.session.rollback()
        form.nickname.errors = [str(error)]
        return render_template(template, form=form, session=session), 403
    except PlayError as error:
        db.session.rollback()
        form.nickname.errors = [str(error)]
        return render_template(template, form=form, session=session), 400
    db.session.commit()
    flash(f"You’re in, {participant.nickname}! Good luck.", "success")
    response = redirect(play_url(session))
    remember_participant(response, participant)
    return response


def welcome_back(participant: Participant) -> HttpResponse:
    flash(f"Welcome back, {participant.nickname}!", "success")
    return redirect(play_url(participant.session))


def play_url(session: ClassSession) -> str:
    """Where a joined student plays: their own pace here, a live game on the live page."""
    if session.mode == "live":
        return url_for("play.live", session_id=session.id)
    return url_for("play.play", session_id=session.id)


# --- Playing -----------------------------------------------------------------------------------


def session_or_404(session_id: int) -> ClassSession:
    session = db.session.get(ClassSession, session_id)
    if session is None:
        abort(404)
    return session


def not_joined() -> HttpResponse:
    """Back to the join page. The session's code is not put in the URL: an id is not a code."""
    flash("Join the quiz with its code and a nickname first.", "info")
    return redirect(url_for("play.join"))


@bp.get("/play/<int:session_id>")
def play(session_id: int) -> Page:
    """The student's current question, one at a time."""
    session = session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return not_joined()
    now = utc_now()
    if not is_accepting(session, now):
        return render_results(session, participant, closed=True)
    if session.mode != "self_paced":
        # A live game moves at the teacher's pace: answering ahead here would be unfair.
        return redirect(url_for("play.live", session_id=session.id))
    if participant.shown_at is None:
        begin_write()  # this GET starts the question's clock: a write, so take the lock first
    question = current_question(participant, now)
    db.session.commit()  # the question's clock starts once, at the first showing
    if question is None:
        return redirect(url_for("play.results", session_id=session.id))
    return render_question(session, participant, question)


def render_question(
    session: ClassSession,
    participant: Participant,
    question: SessionQuestion,
    error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """The question page. It shows the stem and the options, never the key or the source."""
    shown = shown_to(participant, question)
    form = answer_form(question, shown)
    if error:
        form.form_errors.append(error)
    left = seconds_left(participant, utc_now())
    page = render_template(
        "play/question.html",
        session=session,
        participant=participant,
        question=question,
        stem=stem_markup(question.stem),
        kind=get_kind(question.kind),
        shown=shown,
        form=form,
        number=min(participant.position + 1, len(session.questions)),
        total=len(session.questions),
        seconds=None if left is None else math.ceil(left),
        seconds_exact=left,
        show_score=shows_running_score(session, participant),
    )
    return page, status


@bp.post("/play/<int:session_id>/answer")
@rate_limited("answer", by="participant")
def answer(session_id: int) -> Page:
    """Lock the student's answer to their current question."""
    session = session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return not_joined()
    if session.mode != "self_paced":
        return redirect(play_url(session))  # live answers go through the live page
    now = utc_now()
    raw_id = str(request.form.get("question_id", "")).strip()
    try:
        question_id = parse_id(raw_id)
    except ValueError:
        question_id = -1
    try:
        result = record_answer(
            SelfPaced(participant, CLOSED_MESSAGE), question_id, request.form, now
        )
    except SessionClosed as error:
        db.session.rollback()
        return render_results(session, participant, closed=True, notice=str(error), status=410)
    except (AlreadyAnswered, NotYourQuestion) as error:
        db.session.rollback()
        return render_message(
            session, participant, "Already moved on", str(error), status=409, link=True
        )
    except (InvalidResponse, PlayError) as error:
        db.session.rollback()
        return replay_with_error(session, participant, str(error))
    db.session.commit()
    if session.feedback == "each":
        return redirect(
            url_for("play.feedback", session_id=session.id, question_id=result.question.id)
        )
    return redirect(url_for("play.play", session_id=session.id))


def replay_with_error(session: ClassSession, participant: Participant, message: str) -> Page:
    """The current question again, with what was wrong (HTTP 400)."""
    question = current_question(participant, utc_now())
    db.session.commit()
    if question is None:
        return render_message(session, participant, "Nothing to answer", message, 400, link=True)
    return render_question(session, participant, question, error=message, status=400)


@bp.get("/play/<int:session_id>/feedback/<int:question_id>")
def feedback(session_id: int, question_id: int) -> Page:
    """Right or wrong, the key and the source sentence: only for an answered question."""
    session = session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return not_joined()
    response = db.session.scalar(
        select(Response).where(
            Response.participant_id == participant.id,
            Response.session_question_id == question_id,
        )
    )
    if response is None:
        abort(404)
    now = utc_now()
    finished = participant.finished_at is not None or not is_accepting(session, now)
    if not keys_shown(session, now):
        # The teacher chose feedback at the end: no key while the session takes answers.
        return redirect(url_for("play.results" if finished else "play.play", session_id=session.id))
    order = question_order(participant)
    number = next(
        (n for n, pos in enumerate(order, 1) if session.questions[pos].id == question_id), 1
    )
    return render_template(
        "play/feedback.html",
        session=session,
        participant=participant,
        review=review_of(number, response.session_question, response),
        total=len(session.questions),
        finished=finished,
        show_score=True,
    )


@bp.get("/play/<int:session_id>/done")
def results(session_id: int) -> Page:
    """The end page: score, rank, and every question reviewed."""
    session = session_or_404(session_id)
    participant = current_participant(session)
    if participant is None:
        return not_joined()
    accepting = is_accepting(session, utc_now())
    if accepting and participant.finished_at is None:
        return redirect(url_for("play.play", session_id=session.id))
    return render_results(session, participant, closed=not accepting)


def render_results(
    session: ClassSession,
    participant: Participant,
    *,
    closed: bool = False,
    notice: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    answered = {r.session_question_id: r for r in participant.responses}
    reviews = [
        review_of(number, session.questions[position], answered.get(session.questions[position].id))
        for number, position in enumerate(question_order(participant), 1)
    ]
    players = {p.id: p.score for p in session.participants if not p.removed}
    keys = keys_shown(session, utc_now())
    ranks = rank(players)
    page = render_template(
        "play/results.html",
        session=session,
        participant=participant,
        reviews=reviews,
        keys=keys,
        closed=closed,
        notice=notice,
        finished=participant.finished_at is not None,
        place=ranks.get(participant.id),
        players=len(players),
        correct=sum(1 for r in participant.responses if r.correct),
        total=len(session.questions),
        show_score=True,
    )
    return page, status


def render_message(
    session: ClassSession,
    participant: Participant | None,
    title: str,
    text: str,
    status: int = 200,
    *,
    link: bool = False,
) -> tuple[str, int]:
    page = render_template(
        "play/message.html",
        session=session,
        participant=participant,
        title=title,
        text=text,
        link=link,
        show_score=participant is not None and shows_running_score(session, participant),
    )
    return page, status


def shows_running_score(session: ClassSession, participant: Participant) -> bool:
    """With feedback at the end, a score that moves would tell right from wrong: hide it."""
    return session.feedback == "each" or participant.finished_at is not None


# --- Reviewing answers -------------------------------------------------------------------------
