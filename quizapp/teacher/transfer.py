"""Export a bank or a quiz in an open format; import a question file into a bank of one's own.

Export: the page lists, for every format, what it keeps and loses and which of these questions it
leaves out, before the download. Import: an upload is read and checked without storing anything;
the preview lists each question with its kind and each problem with where it is; the confirmed
questions travel back signed (nothing is kept in server memory between the two requests).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from ..extensions import db
from ..formats import FORMATS, Format, FormatError, Item, export, import_file, left_out
from ..kinds import KIND_LABELS, AnswerShape, get_kind
from ..models import Quiz
from ..operations.questions import bank_for
from ..operations.transfer import (
    Candidate,
    bank_questions,
    candidate,
    candidates,
    import_bank,
    item_from_question,
    problems,
    quiz_questions,
)
from ..reports import slugify
from .access import owned_or_404, readable_article_or_404
from .blueprint import bp
from .reports import download
from .transfer_forms import DETECT, ConfirmImportForm, ImportForm

SIGNING_SALT = "quizapp.import-preview"


@dataclass
class FormatOffer:
    """One format on the export page: what it keeps of these questions and what it leaves out."""

    format: Format
    kept: int
    left_out: list[str]


def offers(items: list[Item]) -> list[FormatOffer]:
    found = []
    for fmt in FORMATS.values():
        kept, messages = left_out(fmt, items)
        found.append(FormatOffer(fmt, len(kept), messages))
    return found


# --- export --------------------------------------------------------------------------------------


@bp.get("/articles/<int:article_id>/export")
@login_required
def export_article(article_id: int) -> str:
    article = readable_article_or_404(article_id)
    questions, note = bank_questions(bank_for(article, current_user.id))
    items = [item_from_question(q) for q in questions]
    return render_template(
        "teacher/transfer/export.html", source=article, kind="bank", count=len(items), note=note,
        offers=offers(items),
        download_endpoint="teacher.download_article", id_field="article_id",
    )  # fmt: skip


@bp.get("/articles/<int:article_id>/export/<format_name>")
@login_required
def download_article(article_id: int, format_name: str) -> Response:
    article = readable_article_or_404(article_id)
    questions, _ = bank_questions(bank_for(article, current_user.id))
    return exported_file(article.title, questions, format_name)


@bp.get("/quizzes/<int:quiz_id>/export")
@login_required
def export_quiz(quiz_id: int) -> str:
    quiz = owned_or_404(Quiz, quiz_id)
    items = [item_from_question(q) for q in quiz_questions(quiz)]
    return render_template(
        "teacher/transfer/export.html", source=quiz, kind="quiz", count=len(items), note=None,
        offers=offers(items),
        download_endpoint="teacher.download_quiz", id_field="quiz_id",
    )  # fmt: skip


@bp.get("/quizzes/<int:quiz_id>/export/<format_name>")
@login_required
def download_quiz(quiz_id: int, format_name: str) -> Response:
    quiz = owned_or_404(Quiz, quiz_id)
    return exported_file(quiz.title, quiz_questions(quiz), format_name, quiz.time_limit)


def exported_file(
    title: str, questions: list, format_name: str, seconds: int | None = None
) -> Response:
    fmt = FORMATS.get(format_name)
    if fmt is None:
        abort(404)
    exported = export(fmt, [item_from_question(q) for q in questions], title, seconds)
    filename = f"{slugify(title, 'questions')}.{fmt.extension}"
    return download(exported.content, fmt.media_type, filename)


# --- import --------------------------------------------------------------------------------------


def serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SIGNING_SALT)


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_questions() -> str | tuple[str, int]:
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("teacher/transfer/import.html", form=form), status
    upload = form.upload.data
    if upload is None or not getattr(upload, "filename", ""):
        form.upload.errors.append("Choose a file to import.")
        return render_template("teacher/transfer/import.html", form=form), 400
    try:
        data = upload.read()
    finally:
        upload.close()  # a large upload is spooled to a temporary file: close it now
    name = None if form.format.data == DETECT else form.format.data
    try:
        result = import_file(data, name)
    except FormatError as error:
        form.upload.errors.append(str(error))
        return render_template("teacher/transfer/import.html", form=form), 400
    found = candidates(result)
    title = form.title.data or upload.filename.rsplit(".", 1)[0]
    good = [c for c in found if c.ok]
    payload = serializer().dumps({"title": title, "items": [pack(c.item) for c in good],
                                  "places": [c.where for c in good]})  # fmt: skip
    confirm = ConfirmImportForm(payload=payload)
    return render_template(
        "teacher/transfer/preview.html", title=title, fmt=FORMATS.get(result.format),
        found=found, skipped=result.skipped, problems=problems(result, found),
        good=good, confirm=confirm, kind_labels=KIND_LABELS,
        keys=[get_kind(c.kind).describe_answer(c.content["answer"]) for c in good],
    )  # fmt: skip


@bp.post("/import/confirm")
@login_required
def confirm_import() -> Response | tuple[str, int]:
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        data = serializer().loads(form.payload.data)
    except BadSignature:
        abort(400)
    picks = set(form.picks.data or [])
    chosen: list[Candidate] = [
        candidate(unpack(raw), where)
        for index, (raw, where) in enumerate(zip(data["items"], data["places"], strict=True))
        if index in picks
    ]
    try:
        article = import_bank(current_user, data["title"], chosen)
    except FormatError as error:
        flash(str(error) + " Tick at least one question.", "error")
        return redirect(url_for("teacher.import_questions"))
    db.session.commit()
    flash(f"Imported {len(article.questions)} questions into “{article.title}”.", "success")
    return redirect(url_for("teacher.article_questions", article_id=article.id))


def pack(item: Item) -> dict:
    return {
        "shape": item.shape.value, "stem": item.stem, "answer": item.answer,
        "options": item.options, "accepted": item.accepted, "tolerance": item.tolerance,
        "percent": item.tolerance_percent, "feedback": item.feedback,
    }  # fmt: skip


def unpack(raw: dict) -> Item:
    return Item(
        AnswerShape(raw["shape"]), raw["stem"], raw["answer"], raw["options"], raw["accepted"],
        raw["tolerance"], raw["percent"], raw["feedback"],
    )  # fmt: skip
