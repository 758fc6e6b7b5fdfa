"""Configuration: defaults here, then the instance folder, the environment, and a test mapping.

``create_app`` applies them in that order, so a test mapping always wins and a deployment only
needs environment variables.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any, ClassVar


class Defaults:
    """Settings that suit a teacher running quizapp on one machine."""

    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {}
    #: Connections each worker process keeps to a server database (PostgreSQL), and how many more
    #: it may open at a peak (SQLAlchemy's defaults are 5 and 10). See :func:`pool_options`.
    DATABASE_POOL_SIZE = 3
    DATABASE_MAX_OVERFLOW = 2
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    #: Largest article a teacher may paste or upload, in bytes.
    MAX_ARTICLE_BYTES = 500_000
    #: Per account: articles added or regenerated in any hour (each takes seconds of CPU).
    ARTICLES_PER_HOUR = 20
    #: Per account: bytes of article text kept (40 articles of the largest size).
    MAX_STORED_ARTICLE_BYTES = 20_000_000
    #: How much less urgent (``nice``) the child process that generates questions runs: the
    #: requests of others go first. 0 generates in the worker itself (``quizapp/heavy.py``).
    GENERATION_NICENESS = 10
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    #: Players one session takes at most (removed players count), so that a flood of joins
    #: cannot grow a game, and the host's lobby, without bound.
    MAX_PLAYERS = 2000
    #: Load the built-in article and its questions when the database has no articles yet.
    SEED_BUILTIN_ARTICLE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None

    #: ``production`` (``QUIZAPP_ENV=production``) requires ``SECRET_KEY`` from the environment
    #: and marks cookies Secure; anything else is development.
    ENV = "development"
    #: Secure cookies: None decides by itself (on under HTTPS or in production); True or False
    #: forces it, e.g. ``QUIZAPP_SECURE_COOKIES=false`` for a production install on plain HTTP.
    SECURE_COOKIES: bool | None = None
    #: Sent on HTTPS responses only; 0 leaves the header out.
    HSTS_MAX_AGE = 365 * 24 * 3600
    #: How many reverse proxies (nginx, a load balancer) stand in front of the app and set
    #: ``X-Forwarded-For``/``-Proto``/``-Host``. 0 trusts none of these headers. Behind a proxy
    #: this must be set, or every student shares the proxy's address in the rate limits.
    TRUSTED_PROXIES = 0

    #: A live game nobody has touched for this long closes itself (0: never); a homework
    #: (self-paced) session after this many idle days, never before its deadline. Checked when
    #: someone comes to the session and by ``quizapp close-idle``; nothing runs in the background.
    LIVE_IDLE_MINUTES = 180
    HOMEWORK_IDLE_DAYS = 30

    #: Rate limits (Flask-Limiter). ``memory://`` counts in each process on its own, so with N
    #: gunicorn workers a client gets up to N times the limit; set ``redis://host:6379`` (needs
    #: the ``redis`` package) to count across processes and servers.
    #: Live games: push changes to phones over Server-Sent Events (True), let them poll (False),
    #: or None: push where an open stream is cheap, i.e. under gunicorn's gevent worker.
    LIVE_PUSH: bool | None = None

    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_STRATEGY = "fixed-window"
    RATELIMIT_KEY_PREFIX = "quizapp"
    #: Failed sign-ins per address (successful ones do not count). A staff room shares an address.
    RATELIMIT_LOGIN = "10 per minute;50 per hour"
    #: Account registrations tried per address.
    RATELIMIT_REGISTER = "10 per minute;50 per hour"
    #: Requests to the join pages per address (each join is about two: the link, the nickname).
    #: A whole class, or a school, shares one address behind its NAT: keep this generous. Load
    #: tests from one machine raise it and the next: ``QUIZAPP_RATELIMIT_JOIN="100000 per minute"``.
    RATELIMIT_JOIN = "240 per minute"
    #: New players per address: only joins that add a player count. A class of 30 phones behind
    #: one school router joins in a minute with room to spare; a script adding hundreds does not.
    RATELIMIT_NEW_PLAYER = "90 per minute;1000 per hour"
    #: Answers per student (keyed by their participant cookie, not their address).
    RATELIMIT_ANSWER = "60 per minute"
    #: The public practice: starts per address (a class shares one), answers per practice.
    RATELIMIT_PRACTICE_START = "60 per minute;600 per hour"
    RATELIMIT_PRACTICE_ANSWER = "30 per minute"


def sqlite_url(instance_path: str) -> str:
    """The default database: one SQLite file in the instance folder."""
    return f"sqlite:///{Path(instance_path) / 'quizapp.sqlite'}"


def from_environment() -> dict[str, Any]:
    """Settings given as environment variables: ``DATABASE_URL`` and any ``QUIZAPP_<NAME>``."""
    settings: dict[str, Any] = {}
    if url := os.environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if key := os.environ.get("SECRET_KEY"):
        settings["SECRET_KEY"] = key
    for name, value in os.environ.items():
        if name.startswith("QUIZAPP_") and len(name) > len("QUIZAPP_"):
            settings[name.removeprefix("QUIZAPP_")] = parse_value(value)
    return settings


def pool_options(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The engine's pool settings from ``DATABASE_POOL_SIZE`` and ``DATABASE_MAX_OVERFLOW``.

    Every gunicorn worker has its own pool, and PostgreSQL runs one process per connection:
    eight workers with SQLAlchemy's default of up to 15 each can keep 120 server processes busy
    on a small machine. With fewer, a request waits for a free connection cooperatively (gevent)
    instead: measured with 2,000 phones on two servers of four workers, answer p99 fell from
    3.6-5.8 s with up to 15 connections a worker to 1.1 s with 5 (``benchmarks/live_load.py``).
    SQLite (one file, one writer) keeps its defaults.
    """
    if str(settings.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        return {}
    options = {
        "pool_size": settings.get("DATABASE_POOL_SIZE"),
        "max_overflow": settings.get("DATABASE_MAX_OVERFLOW"),
    }
    return {name: value for name, value in options.items() if value is not None}


def normalise_database_url(url: str) -> str:
    """Let ``postgres://`` and ``postgresql://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def parse_value(value: str) -> Any:
    """Read ``true``/``false`` and integers as such; anything else stays a string."""
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "on", "1"}:
        return True
    if lowered in {"false", "no", "off", "0"}:
        return False
    try:
        return int(value)
    except ValueError:
        return value


#: Shortest secret key accepted in production.
SECRET_KEY_MIN_LENGTH = 16


def is_production(settings: Mapping[str, Any]) -> bool:
    """Whether the app runs as a production install (``QUIZAPP_ENV=production``)."""
    return str(settings.get("ENV") or "").strip().lower() == "production"


def ensure_secret_key(settings: MutableMapping[str, Any], instance_path: str) -> None:
    """Production: ``SECRET_KEY`` must be given, and long. Development: generate one once.

    A generated key in the instance folder is fine for one machine, but a production install
    must not depend on a file that a redeploy or a second server would not have.
    """
    key = settings.get("SECRET_KEY")
    if is_production(settings):
        if not key:
            raise RuntimeError(
                "SECRET_KEY is not set. In production (QUIZAPP_ENV=production) quizapp needs a "
                "secret key from the environment: export SECRET_KEY=$(python3 -c "
                "'import secrets; print(secrets.token_hex(32))') and keep it the same across "
                "restarts and servers."
            )
        if len(str(key)) < SECRET_KEY_MIN_LENGTH:
            raise RuntimeError(
                f"SECRET_KEY is too short for production: use at least {SECRET_KEY_MIN_LENGTH} "
                "random characters, e.g. from python3 -c "
                "'import secrets; print(secrets.token_hex(32))'."
            )
    elif not key:
        settings["SECRET_KEY"] = instance_secret_key(instance_path)


def instance_secret_key(instance_path: str) -> str:
    """A development secret generated once and kept in the instance folder (never committed)."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
