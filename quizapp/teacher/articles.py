"""A teacher's articles: the list, adding one (pasted or uploaded), regenerating, deleting,
publishing to the public shelf and what the public's practice on it shows."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from ..database import begin_write, end_transaction
from ..extensions import db
from ..generation import UnusableText, generate
from ..heavy import run_niced
from ..models import Article, Question, QuizItem, Teacher
from ..models.base import utcnow as utc_now
from ..operations.articles import RegenerationSummary, regenerate, store_article
from ..operations.practice import practice_counts, practice_stats
from ..operations.questions import visible_to
from ..operations.quotas import QuotaExceeded, check_generation_quota
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


def quota_limits() -> dict[str, int]:
    return {
        "per_hour": current_app.config["ARTICLES_PER_HOUR"],
        "max_bytes": current_app.config["MAX_STORED_ARTICLE_BYTES"],
    }


def generate_then_store(
    owner_id: int, text: str, title: str | None
) -> tuple[Article, RegenerationSummary]:
    """Generate the questions outside any transaction, then store them in one short one.

    A POST's transaction holds SQLite's write lock from its first query (``database.py``), and
    generating a 500 KB article takes seconds: every other writer (students answering, teachers
    signing in) would wait that long, and past the busy timeout fail. So the quota is checked,
    the transaction ended, the questions generated (pure CPU, no database), and only then is the
    write lock taken: the quota is checked again under it (another upload may have landed
    meanwhile; on PostgreSQL the teacher's row is locked for that) and the article stored.
    Raises ``QuotaExceeded`` or ``UnusableText`` with nothing written.
    """
    size = len(text.encode("utf-8"))
    same = same_text_article(owner_id, text)
    check_generation_quota(owner_id, utc_now(), new_bytes=size, replacing=same, **quota_limits())
    end_transaction()
    bank = run_niced(current_app.config["GENERATION_NICENESS"], generate, text, title)
    begin_write()
    owner = db.session.get(Teacher, owner_id, with_for_update=True)
    same = same_text_article(owner_id, text)
    check_generation_quota(owner_id, utc_now(), new_bytes=size, replacing=same, **quota_limits())
    return store_article(text, title=title, owner=owner, bank=bank)


def same_text_article(owner_id: int, text: str) -> int | None:
    """The id of the teacher's article with this very text (storing it again replaces it)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return db.session.scalar(
        select(Article.id).where(Article.owner_id == owner_id, Article.sha256 == digest)
    )


@bp.route("/articles/new", methods=["GET", "POST"])
@login_required
def new_article() -> str | tuple[str, int] | Response:
    status = 200
    if request.method == "POST":
        owner_id = current_user.id
        # Reading and converting an upload takes a while too: not under the write lock.
        end_transaction()
    form = ArticleForm()
    if form.validate_on_submit():
        try:
            article, summary = generate_then_store(
                owner_id, form.article_text, form.title.data or None
            )
        except QuotaExceeded as error:
            db.session.rollback()
            form.form_errors.append(str(error))
            status = 429
        except UnusableText as error:
            db.session.rollback()
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
    if status == 200 and (form.errors or form.form_errors):
        status = 400
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
        # As for a new article: generate outside any transaction, then write in a short one.
        body, title = article.body, article.title
        check_generation_quota(current_user.id, utc_now(), **quota_limits())
        end_transaction()
        bank = run_niced(current_app.config["GENERATION_NICENESS"], generate, body, title)
        begin_write()
        article = owned_or_404(Article, article_id)
        check_generation_quota(current_user.id, utc_now(), **quota_limits())
        summary = regenerate(article, bank)
    except (UnusableText, QuotaExceeded) as error:
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
