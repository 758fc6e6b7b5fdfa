"""Reviewing an article's question bank: approve, reject, edit, and write questions by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..generation.sentences import sentences
from ..generation.text import layout, tidy_spaces, without_marks
from ..kinds import KIND_LABELS, REGISTRY, get_kind
from ..models import Article, Question
from ..operations.questions import (
    InvalidQuestion,
    add_question,
    bank_for,
    is_shared,
    own_question,
    set_status_for,
    update_question,
)
from ..reading import readable
from ..reports import bank_item_stats
from .access import editable_article_or_404, readable_article_or_404
from .article_forms import (
    BANK_ORDERS,
    STATUS_FILTERS,
    ActionForm,
    BulkForm,
    KindActionForm,
    StatusForm,
    question_form,
)
from .blueprint import bp

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
#: Characters of context shown on each side of a source sentence in a very long paragraph.
CONTEXT_CHARS = 400


def source_in_context(body: str, start: int, end: int, sentence: str) -> Markup:
    """The paragraph around ``body[start:end]``, with that sentence in ``<mark>``.

    Paragraphs are bounded by blank lines; a very long one is cut to ``CONTEXT_CHARS`` each side.
    If the offsets do not fit the body, the stored sentence alone is shown.
    """
    if not (0 <= start < end <= len(body)):
        return Markup("<mark>{}</mark>").format(readable(sentence))
    before = [m.end() for m in PARAGRAPH_BREAK.finditer(body, 0, start)]
    para_start = before[-1] if before else 0
    after = PARAGRAPH_BREAK.search(body, end)
    para_end = after.start() if after else len(body)
    lead = body[para_start:start].lstrip()
    tail = body[end:para_end].rstrip()
    if len(lead) > CONTEXT_CHARS:
        lead = "…" + lead[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(tail) > CONTEXT_CHARS:
        tail = tail[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    lead, tail = tidy_spaces(without_marks(lead)), tidy_spaces(without_marks(tail))
    return Markup("{}{}{}").format(lead, _marked(readable(body[start:end])), tail)


def _marked(passage: str) -> Markup:
    """``passage`` in ``<mark>``, paragraph by paragraph: a matching or ordering question cites
    several, and the blank lines between them stay unmarked."""
    return Markup("\n\n").join(
        Markup("<mark>{}</mark>").format(part) for part in passage.split("\n\n")
    )


def status_filter() -> str:
    """The bank's filter from the query string; anything unknown shows everything."""
    value = request.args.get("status", "all")
    return value if value in STATUS_FILTERS else "all"


def bank_order() -> str:
    """The bank's order from the query string; anything unknown keeps the article's order."""
    value = request.args.get("order", "article")
    return value if value in BANK_ORDERS else "article"


def bank_url(
    article_id: int, show: str | None, anchor: str | None = None, order: str | None = None
) -> str:
    show = show if show in STATUS_FILTERS and show != "all" else None
    order = order if order in BANK_ORDERS and order != "article" else None
    url = url_for("teacher.article_questions", article_id=article_id, status=show, order=order)
    return f"{url}#{anchor}" if anchor else url


def ordered(questions: list[Question], order: str) -> list[Question]:
    """``questions`` weakest first by the generator's quality estimate (ties in bank order) when
    ``order`` is "weakest"; as they are otherwise."""
    if order != "weakest":
        return questions
    return sorted(questions, key=lambda q: q.quality)


def question_or_404(question_id: int) -> Question:
    """A question of a bank the teacher may read: another teacher's own question is a 404.

    A shared question is read-only: changes go to the teacher's copy (``own_question``).
    """
    question = db.session.get(Question, question_id)
    if question is None or question.owner_id not in (None, current_user.id):
        abort(404)
    editable_article_or_404(question.article_id)
    return question


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    questions: list[Question]
    pending: int


@bp.get("/articles/<int:article_id>/questions")
@login_required
def article_questions(article_id: int) -> str:
    article = readable_article_or_404(article_id)
    show = status_filter()
    order = bank_order()
    questions = bank_for(article, current_user.id)
    totals = {name: 0 for name in STATUS_FILTERS}
    totals["all"] = len(questions)
    for question in questions:
        totals[question.status] += 1
    shown = [q for q in questions if show == "all" or q.status == show]
    groups = []
    for kind in REGISTRY:
        of_kind = ordered([q for q in shown if q.kind == kind.name], order)
        if of_kind:
            pending = sum(q.status == "pending" for q in questions if q.kind == kind.name)
            groups.append(KindGroup(kind.name, kind.label, of_kind, pending))
    contexts = {
        q.id: source_in_context(article.body, q.source_start, q.source_end, q.source_sentence)
        for q in shown
    }
    return render_template(
        "teacher/questions/bank.html",
        article=article,
        show=show,
        filters=STATUS_FILTERS,
        order=order,
        orders=BANK_ORDERS,
        totals=totals,
        groups=groups,
        contexts=contexts,
        action_form=ActionForm(),
        can_delete=article.owner_id is not None,
        item_stats=bank_item_stats(article.id, current_user.id),
    )


@bp.post("/questions/<int:question_id>/status")
@login_required
def set_question_status(question_id: int) -> Response | tuple[str, int]:
    question = question_or_404(question_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return bad_request("That is not a status a question can have.", question.article)
    shared = is_shared(question) and question.status != form.status.data
    question = own_question(question, current_user.id) if shared else question
    set_status_for([question], form.status.data, current_user.id)
    db.session.commit()
    word = {"approved": "approved", "rejected": "rejected", "pending": "back to pending"}
    note = " (your own copy: the shared question is unchanged)" if shared else ""
    flash(f"Question {word[form.status.data]}{note}.", "success")
    return redirect(
        bank_url(question.article_id, form.show.data, f"q-{question.id}", form.order.data)
    )


@bp.post("/articles/<int:article_id>/questions/bulk")
@login_required
def bulk_questions(article_id: int) -> Response | tuple[str, int]:
    article = editable_article_or_404(article_id)
    form = BulkForm()
    if not form.validate_on_submit():
        return bad_request("Choose “Approve selected” or “Reject selected”.", article)
    wanted = set(form.question.data or ())
    if not wanted:
        flash("Tick the questions first, then choose what to do with them.", "warning")
        return redirect(bank_url(article.id, form.show.data, order=form.order.data))
    chosen = [q for q in bank_for(article, current_user.id) if q.id in wanted]
    if len(chosen) != len(wanted):
        abort(404)
    changed = set_status_for(chosen, form.action.data, current_user.id)
    db.session.commit()
    verb = "approved" if form.action.data == "approved" else "rejected"
    flash(f"{changed} question{'s' if changed != 1 else ''} {verb}.", "success")
    return redirect(bank_url(article.id, form.show.data, order=form.order.data))


@bp.post("/articles/<int:article_id>/questions/approve-pending")
@login_required
def approve_pending(article_id: int) -> Response | tuple[str, int]:
    article = editable_article_or_404(article_id)
    form = KindActionForm()
    if not form.validate_on_submit():
        return bad_request("That is not a kind of question.", article)
    kind = form.kind.data
    bank = bank_for(article, current_user.id)
    pending = [q for q in bank if q.kind == kind and q.status == "pending"]
    changed = set_status_for(pending, "approved", current_user.id)
    db.session.commit()
    noun = "question" if changed == 1 else "questions"
    flash(f"{changed} pending {KIND_LABELS[kind].lower()} {noun} approved.", "success")
    return redirect(bank_url(article.id, form.show.data, f"kind-{kind}", form.order.data))


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit_question(question_id: int) -> str | tuple[str, int] | Response:
    question = question_or_404(question_id)
    article = question.article
    kind = get_kind(question.kind)
    form = question_form(kind)
    if request.method == "GET":
        form.fill_from(question)
    elif form.validate_on_submit():
        shared = is_shared(question)
        try:
            fields = form.content(question.option_texts)
            saved = update_question(own_question(question, current_user.id), fields)
        except InvalidQuestion as error:
            db.session.rollback()
            form.add_error(error.field, str(error))
        else:
            db.session.commit()
            if shared:
                flash(
                    "Saved as your own copy: your quizzes use it from now on; the shared "
                    "question stays as it was for everyone else.",
                    "success",
                )
            else:
                flash(
                    "Question saved. Regenerating the article's questions will keep it.", "success"
                )
            return redirect(bank_url(article.id, request.args.get("show"), f"q-{saved.id}"))
    return render_template(
        "teacher/questions/edit.html",
        form=form,
        article=article,
        question=question,
        kind=kind,
        context=source_in_context(
            article.body, question.source_start, question.source_end, question.source_sentence
        ),
    ), 400 if form.errors else 200


def sentence_choices(article: Article) -> tuple[list[SelectChoice], list[tuple[int, int]]]:
    """The article's sentences as select choices grouped by section, and their offsets."""
    norm, found = layout(article.body, article.title)
    spans: list[tuple[int, int]] = []
    choices: list[SelectChoice] = []
    for sentence in sentences(norm, found.blocks):
        text = article.body[sentence.start : sentence.end]
        label = text if len(text) <= 110 else text[:108].rstrip() + "…"
        group = sentence.section or "Introduction"
        choices.append(SelectChoice(str(len(spans)), label, optgroup=group))
        spans.append((sentence.start, sentence.end))
    return choices, spans


@bp.route("/articles/<int:article_id>/questions/new", methods=["GET", "POST"])
@login_required
def new_question(article_id: int) -> str | tuple[str, int] | Response:
    article = editable_article_or_404(article_id)
    name = request.args.get("kind")
    if name is None:
        return render_template(
            "teacher/questions/choose_kind.html", article=article, kinds=list(REGISTRY)
        )
    if name not in REGISTRY:
        return bad_request("That is not a kind of question. Choose one from the list.", article)
    kind = get_kind(name)
    form = question_form(kind)
    choices, spans = sentence_choices(article)
    form.source.choices = choices
    if form.validate_on_submit():
        fields = form.content()
        fields["kind"] = kind.name
        index = form.source.data
        if isinstance(index, int) and 0 <= index < len(spans):
            fields["source_start"], fields["source_end"] = spans[index]
        try:
            question = add_question(article, fields, current_user.id)
        except InvalidQuestion as error:
            db.session.rollback()
            form.add_error(error.field, str(error))
        else:
            db.session.commit()
            flash("Question added and approved.", "success")
            return redirect(bank_url(article.id, None, f"q-{question.id}"))
    return render_template(
        "teacher/questions/edit.html",
        form=form,
        article=article,
        question=None,
        kind=kind,
        context=None,
    ), 400 if form.errors else 200


def bad_request(message: str, article: Article | None) -> tuple[str, int]:
    """A 400 page that says what was wrong and links back to the article's questions."""
    return render_template(
        "teacher/articles/problem.html",
        heading="That did not work",
        message=message,
        article=article,
    ), 400
