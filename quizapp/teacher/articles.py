"""A teacher's articles: the list, adding one (pasted or uploaded), regenerating, deleting,
publishing to the public shelf and what the public's practice on it shows."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from ..extensions import db
from ..generation import UnusableText
from ..models import Article, Question, QuizItem
from ..operations.articles import regenerate, store_article
from ..operations.practice import practice_counts, practice_stats
from ..operations.questions import visible_to
from .access import owned_or_404, readable_article_or_404, readable_articles_query
from .article_forms import ActionForm, ArticleForm
from .blueprint import bp


def status_counts(article_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per article: how many questions are pending, approved and rejected, as this teacher
    sees the bank (their copies in place of shared originals)."""
    counts: dict[int, dict[str, int]] = {
        i: {"pending": 0, "approved": 0, "rejected": 0} for i in article_ids
    }
    if article_ids:
        rows = db.session.execute(
            select(Question.article_id, Question.status, func.count(Question.id))
            .where(Question.article_id.in_(article_ids), visible_to(current_user.id))
            .group_by(Question.article_id, Question.status)
        )
        for article_id, status, count in rows:
            counts[article_id][status] = count
    return counts


@bp.get("/articles")
@login_required
def articles() -> str:
    found = db.session.scalars(
        readable_articles_query().order_by(Article.is_builtin.desc(), Article.created_at.desc())
    ).all()
    ids = [article.id for article in found]
    return render_template(
        "teacher/articles/list.html",
        articles=found,
        counts=status_counts(ids),
        practised=practice_counts(ids),
        action_form=ActionForm(),
    )


@bp.route("/articles/new", methods=["GET", "POST"])
@login_required
def new_article() -> str | tuple[str, int] | Response:
    form = ArticleForm()
    if form.validate_on_submit():
        try:
            article, summary = store_article(
                form.article_text, title=form.title.data or None, owner=current_user
            )
        except UnusableText as error:
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            if summary.added:
                flash(
                    f"“{article.title}” is saved with {summary.generated} questions to review.",
                    "success",
                )
            else:
                flash(f"You had added this article already: “{article.title}”.", "info")
            return redirect(url_for("teacher.article_questions", article_id=article.id))
    status = 400 if form.errors else 200
    return render_template("teacher/articles/new.html", form=form), status


@bp.post("/articles/<int:article_id>/regenerate")
@login_required
def regenerate_article(article_id: int) -> Response:
    # A shared article's bank is read-only to teachers (and regenerating costs seconds of CPU).
    article = owned_or_404(Article, article_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash("The form had expired; please try again.", "error")
        return redirect(url_for("teacher.article_questions", article_id=article.id))
    try:
        summary = regenerate(article)
    except UnusableText as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(
            f"Questions regenerated: {summary.added} new, {summary.kept_edited} edited by a "
            f"teacher kept as they were, {summary.removed} removed.",
            "success",
        )
    return redirect(url_for("teacher.article_questions", article_id=article.id))


@bp.route("/articles/<int:article_id>/delete", methods=["GET", "POST"])
@login_required
def delete_article(article_id: int) -> str | tuple[str, int] | Response:
    article = readable_article_or_404(article_id)
    if article.owner_id != current_user.id:
        message = (
            "This article is shared by every teacher on this quizapp, so it cannot be deleted. "
            "You can reject the questions you do not want."
        )
        return render_template(
            "teacher/articles/problem.html",
            heading="This article cannot be deleted",
            message=message,
            article=article,
        ), 403
    form = ActionForm()
    if form.validate_on_submit():
        title = article.title
        db.session.delete(article)
        db.session.commit()
        flash(f"“{title}” and its questions are deleted.", "success")
        return redirect(url_for("teacher.articles"))
    in_quizzes = db.session.scalar(
        select(func.count(QuizItem.id))
        .join(Question, QuizItem.question_id == Question.id)
        .where(Question.article_id == article.id)
    )
    return render_template(
        "teacher/articles/delete.html", article=article, form=form, in_quizzes=in_quizzes
    )


@bp.get("/articles/<int:article_id>/practice")
@login_required
def article_practice(article_id: int) -> str:
    """The public side of an article: published or not, how many practised it, the hardest."""
    article = readable_article_or_404(article_id)
    return render_template(
        "teacher/articles/practice.html",
        article=article,
        stats=practice_stats(article),
        action_form=ActionForm(),
        mine=article.owner_id == current_user.id,
    )


@bp.post("/articles/<int:article_id>/publish")
@login_required
def publish_article(article_id: int) -> Response:
    """Put the teacher's own article on the public shelf, for anyone to read and practise."""
    return set_public(article_id, True)


@bp.post("/articles/<int:article_id>/unpublish")
@login_required
def unpublish_article(article_id: int) -> Response:
    """Take the teacher's own article off the public shelf; its public pages answer 404."""
    return set_public(article_id, False)


def set_public(article_id: int, public: bool) -> Response:
    # Only the owner: another teacher's article is a 404, and the built-in one (no owner) stays.
    article = owned_or_404(Article, article_id)
    form = ActionForm()
    if request.form.get("back") == "list":
        back = url_for("teacher.articles")
    else:
        back = url_for("teacher.article_practice", article_id=article.id)
    if not form.validate_on_submit():
        flash("The form had expired; please try again.", "error")
        return redirect(back)
    article.is_public = public
    db.session.commit()
    if public:
        flash(
            f"“{article.title}” is on the public shelf: anyone can read it and practise.", "success"
        )
    else:
        flash(f"“{article.title}” is no longer public.", "success")
    return redirect(back)
