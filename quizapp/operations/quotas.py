"""Per-account limits on the heavy work: articles generated per hour, and article text stored.

Generating a 500 KB article's questions takes seconds of a server's CPU, and its text stays in
the database. One account (or a stolen password) must not be able to keep every worker busy or
fill the disk, so each teacher gets a budget. Counted in the database, so every worker and
server counts the same.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import LargeBinary, cast, func, or_, select

from ..extensions import db
from ..models import Article


class QuotaExceeded(ValueError):
    """The account has used its budget; the message says which and when it frees up."""


def text_bytes(column):
    """SQL: a text column's size in bytes (SQLite has no octet_length before 3.43)."""
    if db.engine.dialect.name == "sqlite":
        return func.length(cast(column, LargeBinary))
    return func.octet_length(column)


def articles_generated_since(owner_id: int, since: datetime) -> int:
    """Articles of the teacher added or regenerated since ``since``."""
    return db.session.scalar(
        select(func.count(Article.id)).where(
            Article.owner_id == owner_id,
            or_(Article.created_at >= since, Article.generated_at >= since),
        )
    )


def stored_bytes(owner_id: int, leaving_out: int | None = None) -> int:
    """Bytes of article text the teacher keeps (leaving out one article about to be replaced)."""
    query = select(func.coalesce(func.sum(text_bytes(Article.body)), 0)).where(
        Article.owner_id == owner_id
    )
    if leaving_out is not None:
        query = query.where(Article.id != leaving_out)
    return int(db.session.scalar(query))


def check_generation_quota(
    owner_id: int,
    now: datetime,
    *,
    per_hour: int,
    max_bytes: int,
    new_bytes: int = 0,
    replacing: int | None = None,
) -> None:
    """Refuse (``QuotaExceeded``) a generation that would pass the teacher's budget.

    ``new_bytes`` is the size of a new article's text (0 for a regeneration); ``replacing`` the
    id of an article whose text it replaces (the same text stored again), not counted twice.
    """
    if articles_generated_since(owner_id, now - timedelta(hours=1)) >= per_hour:
        raise QuotaExceeded(
            f"You have added or regenerated {per_hour} articles in the last hour, the most an "
            "account may. Please wait a while and try again."
        )
    if new_bytes and stored_bytes(owner_id, replacing) + new_bytes > max_bytes:
        raise QuotaExceeded(
            f"Your articles would take more than {max_bytes / 1_000_000:g} MB of text, the most "
            "an account may keep. Delete articles you no longer use, then try again."
        )
