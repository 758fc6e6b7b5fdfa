"""quizapp's own commands, registered on the app by ``create_app``."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from flask import current_app
from flask.cli import with_appcontext

from .database import PRIVATE_FILE_MODE, upgrade_schema
from .extensions import db
from .generation import UnusableText, generate
from .operations.articles import builtin_article_text, store_article
from .operations.sessions import IdleLimits, close_idle_sessions
from .paths import MIGRATIONS_DIR


@click.command("generate")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--builtin", is_flag=True, help="Use the article that ships with quizapp.")
@click.option("--json", "as_json", is_flag=True, help="Print the questions as JSON; store nothing.")
@click.option("--title", help="The article's title (default: its first line).")
@with_appcontext
def generate_command(path: Path | None, builtin: bool, as_json: bool, title: str | None) -> None:
    """Generate questions from the article at PATH (plain text or Markdown), or --builtin.

    Without --json the article and its questions are stored (again: regenerating keeps every
    question a teacher edited) and a summary is printed.
    """
    if builtin == (path is not None):
        raise click.UsageError("Give either PATH or --builtin.")
    text = builtin_article_text() if builtin else read_article(path)
    try:
        if as_json:
            bank = generate(text, title)
            click.echo(json.dumps(bank.to_json(), ensure_ascii=False, indent=2))
        else:
            click.echo(store_and_summarise(text, title, builtin))
    except UnusableText as error:
        raise click.ClickException(str(error)) from None


def read_article(path: Path) -> str:
    """Read a UTF-8 text file, or stop with a one-line error."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise click.ClickException(f"No such file: {path}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text.") from None
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror}.") from None


def store_and_summarise(text: str, title: str | None, builtin: bool) -> str:
    """Store the article with its questions and say what changed."""
    article, summary = store_article(text, title=title, builtin=builtin)
    db.session.commit()
    kinds = Counter(question.kind for question in article.questions)
    kinds_text = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    return (
        f"Stored article {article.id} “{article.title}”: {summary.generated} questions generated "
        f"({summary.added} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.kept_edited} kept as the teacher edited them, {summary.removed} removed).\n"
        f"Question bank: {len(article.questions)} questions ({kinds_text})."
    )


# --- backup and restore ------------------------------------------------------------------------

PG_DUMP_HELP = (
    "This database is PostgreSQL: back it up with pg_dump, e.g.\n"
    '  pg_dump --format=custom --file=quizapp.dump "postgresql://USER@HOST:PORT/DB"\n'
    "and restore with pg_restore --clean --if-exists --dbname=... quizapp.dump"
    " (give pg_dump the URL without '+psycopg')."
)

#: Tables that every quizapp schema revision has: a backup without them is not ours.
QUIZAPP_TABLES = frozenset({"alembic_version", "teacher", "article", "question"})


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace PATH if it exists.")
@with_appcontext
def backup_command(path: Path, yes: bool) -> None:
    """Copy the SQLite database to PATH, consistently, while the app keeps running.

    SQLite's online backup API copies the database as it was at one moment; the app's readers and
    writers carry on meanwhile. The copy is one self-contained file (no -wal beside it), checked
    with PRAGMA integrity_check, and written under a temporary name first, so PATH is never half
    a backup.

    On PostgreSQL this command stops with status 1: use pg_dump (pg_dump --format=custom
    --file=quizapp.dump "postgresql://USER@HOST:PORT/DB") and pg_restore.
    """
    source = sqlite_database_path()
    if path.exists() and not yes:
        raise click.ClickException(f"{path} exists; run again with --yes to replace it.")
    revision = backup_sqlite(source, path)
    size = path.stat().st_size
    click.echo(f"Backed up {source} to {path} ({size:,} bytes, schema revision {revision}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the current database without stopping to ask.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the SQLite database with the quizapp backup at PATH, then migrate it.

    PATH must be a quizapp database (as `quizapp backup` writes): it must pass PRAGMA
    integrity_check and carry an alembic_version this quizapp knows. Every row in the current
    database is replaced, so the command refuses unless --yes is given. Stop the app's servers
    first. Afterwards the schema is brought up to the newest revision.

    On PostgreSQL this command stops with status 1: use pg_restore.
    """
    target = sqlite_database_path()
    revision = check_backup(path)
    if target.exists() and target.stat().st_size > 0 and not yes:
        raise click.ClickException(
            f"This replaces every row in {target} with the backup {path} (schema revision "
            f"{revision}). Run again with --yes to do it."
        )
    db.session.remove()
    db.engine.dispose()  # none of this process's connections may hold the old database open
    with closing(open_read_only(path)) as backup, closing(sqlite3.connect(target, 30)) as live:
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    upgrade_schema(current_app._get_current_object())
    db.engine.dispose()
    click.echo(
        f"Restored {path} (schema revision {revision}) into {target}; "
        f"schema now at {current_revision()}."
    )


def sqlite_database_path() -> Path:
    """The SQLite file the app uses; on any other database, stop with the pg_dump advice."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(PG_DUMP_HELP)
    if url.database in (None, "", ":memory:"):
        raise click.ClickException("The database is in memory: there is no file to copy.")
    return Path(url.database)


def backup_sqlite(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` with the online backup API; return the schema revision."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        # Readable by its owner only before SQLite writes to it: a backup holds everything.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE))
        os.chmod(partial, PRIVATE_FILE_MODE)  # in case a stale partial file was there
        with (
            closing(sqlite3.connect(source, 30)) as live,
            closing(sqlite3.connect(partial)) as copy,
        ):
            live.backup(copy)  # one step: a consistent snapshot, writers are not held up
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            problem = database_problem(copy)
        if problem:
            raise click.ClickException(f"The copy failed its check: {problem}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return check_backup(target)


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_backup(path: Path) -> str:
    """The schema revision of the quizapp backup at ``path``, or a one-line error."""
    try:
        with closing(open_read_only(path)) as backup:
            problem = database_problem(backup)
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{path} is not a SQLite database ({error}).") from None
    if problem:
        raise click.ClickException(f"{path} is not a quizapp backup: {problem}")
    with closing(open_read_only(path)) as backup:
        revision = backup.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    try:
        known = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except (CommandError, RevisionError):
        known = False
    if not known:
        raise click.ClickException(f"{path} has schema revision {revision}, unknown here.")
    return revision


def database_problem(connection: sqlite3.Connection) -> str | None:
    """What is wrong with a database to be kept or restored, or None."""
    check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        return f"PRAGMA integrity_check says {check!r}"
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if missing := QUIZAPP_TABLES - tables:
        return f"it has no {', '.join(sorted(missing))} table"
    versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(versions) != 1:
        return f"alembic_version has {len(versions)} rows, not one"
    return None


def current_revision() -> str:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()


@click.command("close-idle")
@with_appcontext
def close_idle_command() -> None:
    """Close every session left open and idle longer than LIVE_IDLE_MINUTES / HOMEWORK_IDLE_DAYS.

    Sessions are also closed lazily when someone comes to them; run this from cron to close the
    ones nobody comes back to.
    """
    closed = close_idle_sessions(datetime.now(UTC), IdleLimits.from_config(current_app.config))
    db.session.commit()
    click.echo(f"Closed {len(closed)} idle session{'' if len(closed) == 1 else 's'}.")
    for session in closed:
        click.echo(f"  {session.join_code}  {session.mode:10}  {session.title}")
