"""Quizzes: build one from approved questions, order it, set it up, open sessions from it."""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..models import Article, ClassSession, Question, Quiz, QuizItem
from ..operations.quizzes import (
    QuizError,
    add_questions,
    create_quiz,
    delete_quiz,
    find_item,
    move_item,
    pick_random_questions,
    remove_item,
    set_questions,
    update_quiz,
    usable_questions_query,
)
from ..security import parse_id
from .access import owned_or_404, readable_article_or_404, readable_articles_query
from .blueprint import bp
from .quiz_forms import (
    AddQuestionsForm,
    ConfirmForm,
    EditQuizForm,
    MoveForm,
    NewQuizForm,
    OpenSessionForm,
)

#: The random-pick "From" choice meaning every readable article.
ALL_ARTICLES = "all"


@bp.get("/quizzes")
@login_required
def quizzes() -> str:
    item_counts = (
        select(func.count(QuizItem.id)).where(QuizItem.quiz_id == Quiz.id).scalar_subquery()
    )
    session_counts = (
        select(func.count(ClassSession.id)).where(ClassSession.quiz_id == Quiz.id).scalar_subquery()
    )
    rows = db.session.execute(
        select(Quiz, item_counts, session_counts)
        .where(Quiz.owner_id == current_user.id)
        .order_by(Quiz.created_at.desc(), Quiz.id.desc())
    ).all()
    return render_template("teacher/quizzes/list.html", rows=rows)


@bp.route("/quizzes/new", methods=["GET", "POST"])
@login_required
def new_quiz() -> str | Response | tuple[str, int]:
    article_id = request.args.get("article_id", type=parse_id)
    article = readable_article_or_404(article_id) if article_id is not None else None
    questions = usable_questions(article)
    form = NewQuizForm()
    form.random_article.choices = random_article_choices(article)
    if request.method == "GET" and article is not None:
        form.random_article.data = str(article.id)
    if form.validate_on_submit():
        try:
            ids = chosen_ids(form)
            quiz = create_quiz(current_user, form.title.data, form.settings())
            set_questions(quiz, ids)
        except QuizError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Quiz “{quiz.title}” created with {len(quiz.items)} questions.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    status = 400 if form.errors or form.form_errors else 200
    page = render_template(
        "teacher/quizzes/new.html",
        form=form,
        article=article,
        groups=group_questions(questions),
        selected=set(form.question_ids.data or []),
    )
    return page, status


def usable_questions(article: Article | None) -> list[Question]:
    query = usable_questions_query(current_user.id).options(selectinload(Question.article))
    if article is not None:
        query = query.where(Question.article_id == article.id)
    return list(db.session.scalars(query))


def random_article_choices(article: Article | None) -> list[SelectChoice]:
    """ "All the articles" and every readable article; the page's own article first if any."""
    articles = db.session.scalars(
        readable_articles_query().order_by(Article.is_builtin.desc(), Article.title)
    ).all()
    choices = [SelectChoice(str(found.id), found.title) for found in articles]
    every = SelectChoice(ALL_ARTICLES, "All the articles I can use")
    if article is None:
        return [every, *choices]
    own = [choice for choice in choices if choice.value == str(article.id)]
    return own + [every] + [choice for choice in choices if choice not in own]


def chosen_ids(form: NewQuizForm) -> list[int]:
    """The question ids the teacher ticked, or a random pick across kinds."""
    if form.action.data != "random":
        return list(form.question_ids.data or [])
    # The questions this teacher may use: their copies stand in for shared originals.
    query = usable_questions_query(current_user.id)
    if form.random_article.data != ALL_ARTICLES:
        query = query.where(Question.article_id == int(form.random_article.data))
    questions = db.session.scalars(query).all()
    rng = random.Random(secrets.randbits(64))
    picked = pick_random_questions(questions, form.random_count.data, rng)
    if not picked:
        raise QuizError("There are no approved questions to pick from there yet.")
    return [question.id for question in picked]


def group_questions(questions: Sequence[Question]) -> list[tuple[Article, list[tuple[str, list]]]]:
    """[(article, [(kind, [question, ...]), ...]), ...] in the order given."""
    groups: dict[int, tuple[Article, dict[str, list[Question]]]] = {}
    for question in questions:
        _, by_kind = groups.setdefault(question.article_id, (question.article, {}))
        by_kind.setdefault(question.kind, []).append(question)
    return [(article, list(by_kind.items())) for article, by_kind in groups.values()]


@bp.get("/quizzes/<int:quiz_id>")
@login_required
def quiz(quiz_id: int) -> str:
    return render_quiz(owned_or_404(Quiz, quiz_id))


def render_quiz(
    quiz: Quiz,
    *,
    add_form: AddQuestionsForm | None = None,
    open_form: OpenSessionForm | None = None,
    status: int = 200,
):
    present = {item.question_id for item in quiz.items}
    addable = [q for q in usable_questions(None) if q.id not in present]
    sessions = db.session.scalars(
        select(ClassSession)
        .where(ClassSession.quiz_id == quiz.id)
        .order_by(ClassSession.created_at.desc())
    ).all()
    page = render_template(
        "teacher/quizzes/detail.html",
        quiz=quiz,
        add_form=add_form or AddQuestionsForm(formdata=None),
        open_form=open_form or OpenSessionForm(formdata=None),
        groups=group_questions(addable),
        selected=set(add_form.question_ids.data or []) if add_form else set(),
        sessions=sessions,
    )
    return page, status


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
@login_required
def edit_quiz(quiz_id: int) -> str | Response | tuple[str, int]:
    quiz = owned_or_404(Quiz, quiz_id)
    form = EditQuizForm(obj=quiz)
    if form.validate_on_submit():
        try:
            update_quiz(quiz, form.title.data, form.settings())
        except QuizError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash("Settings saved. Sessions opened before keep their own settings.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("teacher/quizzes/edit.html", quiz=quiz, form=form), status


@bp.post("/quizzes/<int:quiz_id>/questions")
@login_required
def add_quiz_questions(quiz_id: int) -> Response | tuple[str, int]:
    quiz = owned_or_404(Quiz, quiz_id)
    form = AddQuestionsForm()
    if form.validate_on_submit():
        try:
            added = add_questions(quiz, form.question_ids.data or [])
        except QuizError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            noun = "question" if added == 1 else "questions"
            flash(f"Added {added} {noun} at the end of the quiz.", "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_quiz(quiz, add_form=form, status=400)


@bp.post("/quizzes/<int:quiz_id>/items/<int:item_id>/move")
@login_required
def move_quiz_item(quiz_id: int, item_id: int) -> Response:
    quiz = owned_or_404(Quiz, quiz_id)
    item = item_or_404(quiz, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400, description="Say whether to move the question up or down.")
    old = item.position + 1
    new = move_item(quiz, item.id, -1 if form.direction.data == "up" else 1) + 1
    db.session.commit()
    if new != old:
        flash(f"Moved question {old} to position {new}.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor=f"item-{item.id}"))


@bp.post("/quizzes/<int:quiz_id>/items/<int:item_id>/remove")
@login_required
def remove_quiz_item(quiz_id: int, item_id: int) -> Response:
    quiz = owned_or_404(Quiz, quiz_id)
    item = item_or_404(quiz, item_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form has expired; reload the page and try again.")
    number = item.position + 1
    remove_item(quiz, item.id)
    db.session.commit()
    flash(f"Removed question {number} from the quiz.", "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor="questions-title"))


@bp.post("/quizzes/<int:quiz_id>/delete", endpoint="delete_quiz")
@login_required
def delete_quiz_view(quiz_id: int) -> Response:
    quiz = owned_or_404(Quiz, quiz_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form has expired; reload the page and try again.")
    title = quiz.title
    delete_quiz(quiz)
    db.session.commit()
    flash(f"Deleted the quiz “{title}”. Its sessions and their results are kept.", "success")
    return redirect(url_for("teacher.quizzes"))


def item_or_404(quiz: Quiz, item_id: int) -> QuizItem:
    try:
        return find_item(quiz, item_id)
    except QuizError:
        abort(404)
