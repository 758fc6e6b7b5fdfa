"""quizapp's own commands, registered on the app by ``create_app``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
from flask.cli import with_appcontext

from .extensions import db
from .generation import UnusableText, generate
from .operations.articles import builtin_article_text, store_article


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
