"""Configuration: defaults here, then the instance folder, the environment, and a test mapping.

``create_app`` applies them in that order, so a test mapping always wins and a deployment only
needs environment variables.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, ClassVar


class Defaults:
    """Settings that suit a teacher running quizapp on one machine."""

    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {}
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    #: Largest article a teacher may paste or upload, in bytes.
    MAX_ARTICLE_BYTES = 500_000
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    #: Load the built-in article and its questions when the database has no articles yet.
    SEED_BUILTIN_ARTICLE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None


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


def instance_secret_key(instance_path: str) -> str:
    """A development secret generated once and kept in the instance folder (never committed)."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
