"""``quizapp export`` and ``quizapp import``: question banks and quizzes in open formats.

``export`` writes what a format carries of a bank's approved questions (or a quiz's) and says on
stderr what it leaves out. ``import`` reads a file in any format (named, or detected from its
content); with ``--dry-run --json`` it prints what it found and stores nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from .extensions import db
from .formats import FORMATS, FormatError, export, get_format, import_file
from .models import Article, Question, Quiz
from .operations.articles import find_builtin_article
from .operations.transfer import (
    bank_questions,
    candidates,
    import_bank,
    item_from_question,
    problems,
    quiz_questions,
    teacher_by_email,
)

FORMAT_NAMES = click.Choice(list(FORMATS))


@click.command("export")
@click.argument("article_id", required=False, type=int)
@click.option("--builtin", is_flag=True, help="Export the built-in article's bank.")
@click.option("--quiz", "quiz_id", type=int, help="Export this quiz's questions, in its order.")
@click.option("--format", "format_name", required=True, type=FORMAT_NAMES, help="The format.")
@click.option("-o", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (text formats go to stdout without it).")  # fmt: skip
@with_appcontext
def export_command(
    article_id: int | None,
    builtin: bool,
    quiz_id: int | None,
    format_name: str,
    output: Path | None,
) -> None:
    """Export ARTICLE_ID's bank, the --builtin one or a --quiz in --format.

    A bank gives its approved questions (all not rejected if none is approved yet).
    """
    if sum((article_id is not None, builtin, quiz_id is not None)) != 1:
        raise click.UsageError("Give one of ARTICLE_ID, --builtin or --quiz QUIZ_ID.")
    fmt = get_format(format_name)
    title, questions, note = source_questions(article_id, builtin, quiz_id)
    if note:
        click.echo(note, err=True)
    quiz = db.session.get(Quiz, quiz_id) if quiz_id is not None else None
    seconds = quiz.time_limit if quiz else None
    exported = export(fmt, [item_from_question(q) for q in questions], title, seconds)
    for message in exported.left_out:
        click.echo(message, err=True)
    if output is None and fmt.binary:
        raise click.UsageError(f"{fmt.label} is a binary file: give -o PATH.")
    if output is None:
        click.echo(exported.content, nl=False)  # bytes go to the binary stream, as written
        return
    try:
        output.write_bytes(exported.content)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    click.echo(f"Wrote {len(exported.kept)} questions to {output} ({fmt.label}).", err=True)


def source_questions(
    article_id: int | None, builtin: bool, quiz_id: int | None
) -> tuple[str, list[Question], str | None]:
    """(title, questions, note) of the bank or quiz asked for, or a one-line error."""
    if quiz_id is not None:
        quiz = db.session.get(Quiz, quiz_id)
        if quiz is None:
            raise click.ClickException(f"No quiz {quiz_id}.")
        return quiz.title, quiz_questions(quiz), None
    article = find_builtin_article() if builtin else db.session.get(Article, article_id)
    if article is None:
        missing = "No built-in article." if builtin else f"No article {article_id}."
        raise click.ClickException(missing)
    questions, note = bank_questions(article.questions)
    return article.title, questions, note


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "format_name", type=FORMAT_NAMES, help="The format (default: detect).")
@click.option("--teacher", "email", help="Give the new bank to this teacher (default: nobody).")
@click.option("--dry-run", is_flag=True, help="Read and check the file; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was found as JSON.")
@with_appcontext
def import_command(
    path: Path, format_name: str | None, email: str | None, dry_run: bool, as_json: bool
) -> None:
    """Import the questions in PATH (GIFT, Moodle XML, Aiken, QTI, Kahoot or Wayground .xlsx)
    into a new bank titled after the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        result = import_file(data, format_name)
    except FormatError as error:
        raise click.ClickException(f"{path}: {error}") from None
    found = candidates(result)
    skipped = problems(result, found)
    good = [c for c in found if c.ok]
    if not good and not dry_run:
        raise click.ClickException(f"{path}: no question in the file can be imported.")
    if as_json:
        click.echo(json.dumps({
            "format": result.format,
            "questions": [c.to_json() for c in good],
            "skipped": [problem.to_json() for problem in skipped],
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for problem in skipped:
            click.echo(f"{problem.where}: {problem.reason}", err=True)
    if dry_run:
        if not as_json:
            click.echo(f"{len(good)} questions can be imported, {len(skipped)} skipped (dry run).")
        return
    owner = None
    if email:
        owner = teacher_by_email(email)
        if owner is None:
            raise click.ClickException(f"No teacher has the e-mail {email}.")
    article = import_bank(owner, path.stem, found)
    db.session.commit()
    if not as_json:
        click.echo(
            f"Imported {len(good)} questions ({result.format}) into bank {article.id} "
            f"“{article.title}”; {len(skipped)} skipped."
        )
