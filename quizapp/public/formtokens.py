"""CSRF for the public forms without a cookie.

Flask-WTF keeps its CSRF secret in the session cookie. The public pages promise to need no cookie,
so their forms carry instead a token signed with the app's secret, bound to what the form acts on
("start:<article id>", "attempt:<token>") and valid for ``MAX_AGE`` seconds; the views that take
these forms are exempt from Flask-WTF's session check and call ``check_form_token``. A request
whose ``Origin`` (or ``Sec-Fetch-Site``) says it comes from another site is refused as well.

There is no account behind these forms, so there is no ambient authority a forged request could
borrow; the token keeps stray and replayed posts out and makes every form say what it is for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import current_app, g, request
from itsdangerous import BadData, URLSafeTimedSerializer

SALT = "quizapp-public-form"
#: A practice page left open over a school day still submits.
MAX_AGE = 12 * 3600


class FormExpired(ValueError):
    """The form's token is missing, forged, for something else or too old."""


def field_name() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def form_token(scope: str) -> str:
    """A token for a form acting on ``scope``."""
    return serializer().dumps(scope)


def enabled() -> bool:
    return bool(current_app.config.get("WTF_CSRF_ENABLED", True))


def check_form_token(scope: str) -> None:
    """Refuse (``FormExpired``) a post whose token is not for ``scope`` or from another site."""
    if not enabled():
        return
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or not same_origin(
        request.headers.get("Origin")
    ):
        raise FormExpired("This form was sent from another site.")
    try:
        signed = serializer().loads(request.form.get(field_name(), ""), max_age=MAX_AGE)
    except BadData:
        raise FormExpired(
            "This page was open too long or has expired. Reload it and try again."
        ) from None
    if signed != scope:
        raise FormExpired("This form belongs to another page. Reload it and try again.")


def same_origin(origin: str | None) -> bool:
    """Whether an ``Origin`` header names this host (by name only: a TLS proxy changes scheme)."""
    if not origin:
        return True  # old browsers and privacy settings leave it out; the token still counts
    theirs = urlsplit(origin).hostname
    return theirs is not None and theirs == urlsplit(request.host_url).hostname


@contextmanager
def stateless_csrf(scope: str) -> Iterator[str]:
    """Build Flask-WTF forms inside this block and their ``csrf_token`` is ``form_token(scope)``.

    Flask-WTF's ``generate_csrf`` returns the token cached on ``g`` without touching the session,
    so no cookie is set; the cached value is removed afterwards so that any other form on the page
    (a signed-in teacher's "Sign out") still gets Flask-WTF's own token.
    """
    name = field_name()
    token = form_token(scope)
    had, previous = name in g, g.get(name)
    setattr(g, name, token)
    try:
        yield token
    finally:
        if had:
            setattr(g, name, previous)
        else:
            g.pop(name, None)
