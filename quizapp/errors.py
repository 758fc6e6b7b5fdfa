"""Friendly error pages for the whole app: a page in the site's layout, or JSON for scripts.

A page says in plain words what happened and what to do next; a request that prefers JSON (the
live pages' scripts send ``Accept: application/json``) gets ``{"error": message, "status": code}``.
The 500 page never shows the exception: Flask logs it, the visitor reads an apology.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db, limiter


@dataclass(frozen=True)
class ErrorText:
    heading: str
    message: str


#: What each status says when the view gave no message of its own.
ERROR_TEXTS = {
    400: ErrorText(
        "That did not work",
        "Something in what was sent was missing or not as expected. Go back, reload the page and "
        "try again.",
    ),
    403: ErrorText(
        "You cannot open this page",
        "This page belongs to someone else, or you are no longer allowed in. If you think you "
        "should see it, sign in with your own account or ask your teacher.",
    ),
    404: ErrorText(
        "Page not found",
        "There is nothing at this address. Check the link, or start again from the home page.",
    ),
    405: ErrorText(
        "That does not work here",
        "This address does not take that kind of request. Use the buttons on the page instead of "
        "typing the address.",
    ),
    410: ErrorText(
        "This has closed",
        "What you are looking for is not available any more. Ask your teacher for a new code.",
    ),
    413: ErrorText(
        "That is too large",
        "What you sent is too large. Send something smaller, or split it into parts.",
    ),
    415: ErrorText(
        "That kind of data does not work here",
        "This address takes a form sent from its page. Go back and use the page's buttons.",
    ),
    429: ErrorText(
        "Slow down a little",
        "There were too many tries in a short time. Wait a moment, then try again.",
    ),
    503: ErrorText(
        "Very busy right now",
        "Too many people are using quizapp at this moment, and your request could not be served "
        "in time. Nothing was saved from it. Wait a few seconds, then try again.",
    ),
    500: ErrorText(
        "Something went wrong on our side",
        "This is not your fault, and nothing you did was lost on purpose. Go back and try again "
        "in a moment; if it keeps happening, tell the person who runs this quizapp.",
    ),
}

#: The page shown if even the error page cannot be drawn (the database is down, say).
BARE_500 = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong · quizapp"
    "</title><h1>Something went wrong on our side</h1><p>Go back and try again in a moment.</p>"
)


def prefers_json() -> bool:
    """Whether the client asked for JSON rather than a page (``*/*`` means a page)."""
    accept = request.accept_mimetypes
    best = accept.best_match(["text/html", "application/json"])
    if best == "application/json":
        return True
    return request.is_json and accept.quality("text/html") <= accept.quality("application/json")


def message_for(error: HTTPException, code: int) -> str:
    """The view's own message (``abort(400, description=...)``), else the status's text."""
    if isinstance(error, CSRFError):
        return (
            f"The form was missing its security token or it had expired ({error.description}). "
            "Reload the page and send the form again."
        )
    if code == 413:
        return too_large_message()
    if code == 429:
        return f"{error.description} {retry_phrase(retry_after_seconds())}".strip()
    default = type(error).description
    if code < 500 and error.description and error.description != default:
        return str(error.description)
    return ERROR_TEXTS[code].message


def too_large_message() -> str:
    """Teachers' uploads hit this most: say what the article limit is."""
    if (request.blueprint or "") == "teacher":
        from .teacher.article_forms import size_label

        limit = current_app.config["MAX_ARTICLE_BYTES"]
        return (
            f"What you sent is too large. Articles can be at most {size_label(limit)}: split a "
            "long article into parts, or paste its text instead of uploading the file."
        )
    return ERROR_TEXTS[413].message


def retry_after_seconds() -> int | None:
    """Seconds until the limit that was hit lets requests through again."""
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, math.ceil(current.reset_at - time.time()))


def retry_phrase(seconds: int | None) -> str:
    if seconds is None:
        return ""
    if seconds < 90:
        return f"You can try again in {seconds} second{'s' if seconds != 1 else ''}."
    return f"You can try again in about {math.ceil(seconds / 60)} minutes."


def error_response(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    if code not in ERROR_TEXTS:
        return error
    text = ERROR_TEXTS[code]
    message = message_for(error, code)
    headers: dict[str, str] = {}
    if code == 405 and (allow := dict(error.get_headers()).get("Allow")):
        headers["Allow"] = allow
    if code == 429 and (seconds := retry_after_seconds()) is not None:
        headers["Retry-After"] = str(seconds)
    if prefers_json():
        return jsonify(error=message, status=code), code, headers
    page = render_template("errors/error.html", code=code, heading=text.heading, message=message)
    return page, code, headers


def server_error(error: InternalServerError) -> ResponseReturnValue:
    """A 500: roll the request's half-done work back and apologise, without any detail."""
    try:
        db.session.rollback()
    except Exception:  # the database itself may be what failed
        current_app.logger.exception("Rolling back after an error failed")
    text = ERROR_TEXTS[500]
    if prefers_json():
        return jsonify(error=text.message, status=500), 500
    try:
        page = render_template(
            "errors/error.html", code=500, heading=text.heading, message=text.message
        )
    except Exception:
        current_app.logger.exception("The error page could not be drawn")
        return BARE_500, 500, {"Content-Type": "text/html; charset=utf-8"}
    return page, 500


#: Seconds a client is asked to wait after a 503 (``Retry-After``).
BUSY_RETRY_SECONDS = 3


def is_overload(error: Exception) -> bool:
    """Whether the database turned the request away for want of capacity, not for a fault.

    A full connection pool (every connection of the process in use for the pool's timeout) or
    SQLite's write lock not free within the busy timeout: the request did nothing, and the same
    request a few seconds later works.
    """
    if isinstance(error, PoolTimeout):
        return True
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)


def database_error(error: SQLAlchemyError) -> ResponseReturnValue:
    """Overload answers 503 "try again" (logged as a warning); any other database error goes on
    to be the 500 it is (re-raised: Flask logs it and draws the 500 page)."""
    if not is_overload(error):
        raise error
    current_app.logger.warning("Overloaded, answered 503: %s", error)
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.exception("Rolling back after overload failed")
    text = ERROR_TEXTS[503]
    headers = {"Retry-After": str(BUSY_RETRY_SECONDS)}
    if prefers_json():
        return jsonify(error=text.message, status=503), 503, headers
    page = render_template(
        "errors/error.html", code=503, heading=text.heading, message=text.message
    )
    return page, 503, headers


def register_error_pages(app: Flask) -> None:
    """Register the pages app-wide. Call after the blueprints, so that these replace theirs."""
    for code in ERROR_TEXTS:
        if code != 500:
            app.register_error_handler(code, error_response)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(SQLAlchemyError, database_error)
