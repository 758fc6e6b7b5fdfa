"""Response headers that keep pages from being framed, sniffed or made to run foreign script.

Also what depends on how the site is reached: Secure cookies and HSTS under HTTPS, the reverse
proxies whose ``X-Forwarded-*`` headers are believed, and URL ids bounded to what a database holds.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request
from flask_login import current_user
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from .config import is_production

#: Everything comes from this origin; no inline script or style anywhere (QR codes are inline SVG
#: markup with presentation attributes, which CSP does not count as inline style).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: The rate-limit settings, checked at start so that a typo fails loudly, not at the first login.
RATE_LIMIT_SETTINGS = (
    "RATELIMIT_LOGIN",
    "RATELIMIT_REGISTER",
    "RATELIMIT_JOIN",
    "RATELIMIT_NEW_PLAYER",
    "RATELIMIT_ANSWER",
    "RATELIMIT_PRACTICE_START",
    "RATELIMIT_PRACTICE_ANSWER",
)

#: Ids are 32-bit integers in every database quizapp runs on (SQLite and PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


def parse_id(text: object) -> int:
    """A submitted id or index: ASCII digits only, no larger than an id can be.

    ``str.isdigit`` accepts "²" and ``int`` accepts any size, so checking with them lets a form
    field crash a view; this raises ``ValueError`` instead (``request.args.get(type=...)`` then
    gives the default).
    """
    value = str(text).strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 10 or int(value) > MAX_ID:
        raise ValueError(f"not an id: {value[:20]!r}")
    return int(value)


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` in URLs, but no larger than an id can be.

    Without a bound ``/play/99999999999999999999`` reaches the database, which cannot hold the
    number (SQLite raises ``OverflowError``): a 500 instead of a 404.
    """

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


#: Endpoints that read a JSON body. None does: every form posts form data (live.js too). Flask-WTF
#: would read a JSON body as the form, and one that is not an object (``false``, ``[[1]]``) makes
#: it raise: a 500 on every form. A future JSON API adds its endpoints here.
JSON_BODY_ENDPOINTS: frozenset[str] = frozenset()


def refuse_json_bodies() -> None:
    """A JSON body where a form is expected: 415 with a message, never a crash in the form."""
    if (
        request.is_json
        and request.method not in ("GET", "HEAD", "OPTIONS")
        and request.endpoint not in JSON_BODY_ENDPOINTS
    ):
        abort(415, description="This address takes a form, not JSON.")


def refuse_nul_in_address() -> None:
    """A NUL character in the path or query: 400, not a crash where PostgreSQL refuses it.

    No address the app makes holds one; PostgreSQL cannot store or compare text holding one.
    """
    values = [*(request.view_args or {}).values(), *request.args.keys(), *request.args.values()]
    if any(isinstance(value, str) and "\x00" in value for value in values):
        abort(400, description="This address holds a character that is not allowed.")


#: Blueprints whose every page is about one teacher's classes.
TEACHER_BLUEPRINTS = frozenset({"teacher", "host"})


def private_page(response: Response) -> None:
    """A teacher's pages are never stored by a browser or a proxy (a shared school computer).

    Pages that set their own ``Cache-Control`` (polled state behind an ETag) keep theirs.
    """
    if request.endpoint == "static" or "Cache-Control" in response.headers:
        return
    if request.blueprint in TEACHER_BLUEPRINTS or current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    private_page(response)
    max_age = current_app.config.get("HSTS_MAX_AGE") or 0
    if request.is_secure and max_age:
        # Not ``includeSubDomains``: a school's other hosts may still be served over HTTP.
        response.headers.setdefault("Strict-Transport-Security", f"max-age={int(max_age)}")
    return response


def cookies_are_secure(app: Flask) -> bool:
    """Secure cookies under HTTPS or in production, unless ``SECURE_COOKIES`` says otherwise."""
    setting = app.config.get("SECURE_COOKIES")
    if setting is not None:
        return bool(setting)
    return app.config.get("PREFERRED_URL_SCHEME") == "https" or is_production(app.config)


def check_rate_limits(app: Flask) -> None:
    """Every rate-limit setting must parse, e.g. ``"10 per minute;50 per hour"``."""
    for name in RATE_LIMIT_SETTINGS:
        value = app.config.get(name)
        try:
            if not value or not parse_many(str(value)):
                raise ValueError(value)
        except ValueError:
            raise RuntimeError(
                f"{name} = {value!r} is not a rate limit; write e.g. '10 per minute;50 per hour'."
            ) from None


def init_security(app: Flask) -> None:
    """Headers on every response, Secure cookies under HTTPS, trusted proxies, bounded ids.

    Call before the blueprints are registered: their URL rules pick the ``int`` converter then.
    """
    app.before_request(refuse_json_bodies)
    app.before_request(refuse_nul_in_address)
    app.after_request(add_security_headers)
    if cookies_are_secure(app):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    app.url_map.converters["int"] = BoundedIntegerConverter
    check_rate_limits(app)
