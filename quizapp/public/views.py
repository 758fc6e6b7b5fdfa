"""Public pages: the shelf, reading an article, practising on it, and shared results.

Nobody signs in and nothing names a person. A practice lives in its URL (``/practice/<token>``,
an unguessable token) and its forms carry a signed token (``formtokens``): no cookie is needed
to read, answer or share. GET requests never write; each answer and each start is one insert.
The key of a question reaches the browser only on the feedback page of an answered question.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response as HttpResponse

from ..extensions import csrf, db, limiter
from ..kinds import InvalidResponse, get_kind
from ..models import Article, PracticeAnswer, PracticeAttempt, Question
from ..operations.answering import record_answer
from ..operations.practice import (
    PRACTICE_SIZE,
    AlreadyAnswered,
    NotCurrentQuestion,
    NothingToPractise,
    PracticeError,
    Practising,
    answers_by_question,
    attempt_questions,
    candidates_of,
    child_of,
    current_question,
    find_attempt,
    find_shared,
    missed_ids,
    practice_pool,
    practise_missed,
    shown_to,
    start_attempt,
    utc_now,
)
from ..play.forms import answer_form
from ..play.review import Review, review_of, stem_markup
from ..security import parse_id
from .formtokens import FormExpired, check_form_token, form_token, stateless_csrf
from .reading import (
    first_paragraph,
    minutes_to_read,
    sections_with_sentences,
    sentence_anchor,
    teaser,
)

bp = Blueprint("public", __name__)

Page = str | HttpResponse | tuple[str, int]

#: Pages about one practice: never cached, never indexed.
PRIVATE_ENDPOINTS = {"practice", "answer", "feedback", "done", "again", "shared", "start_practice"}


def start_limit() -> str:
    """Practices started per address: a class behind one school address starts at once."""
    return current_app.config["RATELIMIT_PRACTICE_START"]


def answer_limit() -> str:
    """Answers (and rounds) per practice: far above anyone reading the questions."""
    return current_app.config["RATELIMIT_PRACTICE_ANSWER"]


def attempt_key() -> str:
    return "practice:" + str((request.view_args or {}).get("token", ""))[:64]


limit_starts = limiter.limit(start_limit, scope="practice_start", methods=["POST"])
limit_answers = limiter.shared_limit(answer_limit, scope="practice_answer", key_func=attempt_key)


@bp.after_request
def practice_pages_are_private(response: HttpResponse) -> HttpResponse:
    endpoint = (request.endpoint or "").removeprefix("public.")
    if endpoint in PRIVATE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def start_scope(article: Article) -> str:
    return f"start:{article.id}"


def attempt_scope(attempt: PracticeAttempt) -> str:
    return f"attempt:{attempt.token}"


@bp.context_processor
def public_form_tokens() -> dict[str, Any]:
    return {"start_token": lambda article: form_token(start_scope(article))}


# --- Reading -----------------------------------------------------------------------------------


def practicable_count(article: Article) -> int:
    return min(PRACTICE_SIZE, len(practice_pool(candidates_of(article))))


@bp.get("/")
def home() -> str:
    """The shelf: the built-in article as the hero, then the articles teachers published."""
    shelf = list(
        db.session.scalars(
            select(Article)
            .where(Article.is_public)
            .order_by(Article.is_builtin.desc(), Article.created_at.desc())
            .options(selectinload(Article.questions))
        )
    )
    featured = shelf[0] if shelf else None
    return render_template(
        "public/home.html",
        featured=featured,
        intro=teaser(first_paragraph(featured)) if featured else "",
        featured_sections=sections_with_sentences(featured, []) if featured else [],
        others=shelf[1:],
        counts={article.id: practicable_count(article) for article in shelf},
        minutes=minutes_to_read,
    )


def public_article_or_404(article_id: int) -> Article:
    article = db.session.scalar(
        select(Article)
        .where(Article.id == article_id, Article.is_public)
        .options(selectinload(Article.questions))
    )
    if article is None:
        abort(404)
    return article


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> str:
    """The article to read. Each question's source sentence can be linked to as ``#s-<start>``."""
    found = public_article_or_404(article_id)
    spans = [(q.source_start, q.source_end) for q in found.questions if q.status != "rejected"]
    return render_template(
        "public/article.html",
        article=found,
        sections=sections_with_sentences(found, spans),
        question_count=practicable_count(found),
        minutes=minutes_to_read(found.words),
        back=way_back(found),
    )


def way_back(article: Article) -> str | None:
    """Opened from a practice's feedback ("read this in the article"): the link back to it."""
    token, number = request.args.get("practice", ""), request.args.get("q", "")
    attempt = find_attempt(token) if token else None
    if attempt is None or attempt.article_id != article.id:
        return None
    try:
        index = parse_id(number)  # "²" passes str.isdigit but not int(): no 500 for it
    except ValueError:
        index = 0  # not a question number: back to the practice itself
    if 1 <= index <= len(attempt.question_ids):
        return url_for("public.feedback", token=attempt.token, number=index)
    return url_for("public.practice", token=attempt.token)


# --- Practising --------------------------------------------------------------------------------


@bp.post("/articles/<int:article_id>/practice")
@csrf.exempt
@limit_starts
def start_practice(article_id: int) -> Page:
    """Start a practice on the article: its questions are chosen now, then asked one by one."""
    found = public_article_or_404(article_id)
    try:
        check_form_token(start_scope(found))
        attempt = start_attempt(found)
    except FormExpired as error:
        return message("Please try again", str(error), 400, article=found)
    except NothingToPractise as error:
        db.session.rollback()
        return message("Nothing to practise yet", str(error), 409, article=found)
    db.session.commit()
    return redirect(url_for("public.practice", token=attempt.token), 303)


def attempt_or_404(token: str) -> PracticeAttempt:
    """The attempt with this token on a public article; anything else is a 404."""
    attempt = find_attempt(token)
    if attempt is None or not attempt.article.is_public:
        abort(404)
    return attempt


@bp.get("/practice/<token>")
def practice(token: str) -> Page:
    """The question the attempt is on: its stem and options, never its key or its sentence."""
    attempt = attempt_or_404(token)
    questions = attempt_questions(attempt)
    question = current_question(attempt, questions)
    if question is None:
        return redirect(url_for("public.done", token=attempt.token))
    return render_question(attempt, questions, question)


def render_question(
    attempt: PracticeAttempt,
    questions: list[Question],
    question: Question,
    error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    shown = shown_to(attempt, question)
    with stateless_csrf(attempt_scope(attempt)):
        form = answer_form(question, shown)
    if error:
        form.form_errors.append(error)
    page = render_template(
        "public/question.html",
        attempt=attempt,
        article=attempt.article,
        question=question,
        stem=stem_markup(question.stem),
        kind=get_kind(question.kind),
        shown=shown,
        form=form,
        number=questions.index(question) + 1,
        total=len(questions),
    )
    return page, status


@bp.post("/practice/<token>/answer")
@csrf.exempt
@limit_answers
def answer(token: str) -> Page:
    """Lock the answer to the current question, then show whether it was right."""
    attempt = attempt_or_404(token)
    questions = attempt_questions(attempt)
    current = current_question(attempt, questions)
    raw_id = str(request.form.get("question_id", "")).strip()
    question = next((q for q in questions if str(q.id) == raw_id), None)
    try:
        check_form_token(attempt_scope(attempt))
    except FormExpired as error:
        if current is None:
            return message("Please try again", str(error), 400, attempt=attempt)
        return render_question(attempt, questions, current, str(error), 400)
    if question is None:
        if current is None:
            return redirect(url_for("public.done", token=attempt.token), 303)
        return render_question(
            attempt, questions, current, "That question is not part of this practice.", 400
        )
    try:
        record_answer(Practising(attempt, questions), question.id, request.form, utc_now())
    except AlreadyAnswered as error:
        db.session.rollback()
        number = questions.index(question) + 1
        return message(
            "Already answered",
            str(error),
            409,
            attempt=attempt,
            link=(url_for("public.feedback", token=attempt.token, number=number), "Your answer"),
        )
    except NotCurrentQuestion as error:
        db.session.rollback()
        return message("Not this question", str(error), 409, attempt=attempt)
    except InvalidResponse as error:
        db.session.rollback()
        return render_question(attempt, questions, question, str(error), 400)
    db.session.commit()
    number = questions.index(question) + 1
    return redirect(url_for("public.feedback", token=attempt.token, number=number), 303)


def item_of(number: int, question: Question, response: PracticeAnswer | None) -> Review:
    """What to show of an *answered* question (the key is in it: never call it before)."""
    return review_of(number, question, response, anchor=sentence_anchor(question.source_start))


@bp.get("/practice/<token>/feedback/<int:number>")
def feedback(token: str, number: int) -> Page:
    """Right or wrong, the key, the sentence, and a link to it in the article."""
    attempt = attempt_or_404(token)
    questions = attempt_questions(attempt)
    if not 1 <= number <= len(questions):
        abort(404)
    question = questions[number - 1]
    response = answers_by_question(attempt).get(question.id)
    if response is None:
        return redirect(url_for("public.practice", token=attempt.token))
    return render_template(
        "public/feedback.html",
        attempt=attempt,
        article=attempt.article,
        item=item_of(number, question, response),
        total=len(questions),
        finished=current_question(attempt, questions) is None,
        read_url=url_for(
            "public.article",
            article_id=attempt.article_id,
            practice=attempt.token,
            q=number,
            _anchor=sentence_anchor(question.source_start),
        ),
    )


def score_of(attempt: PracticeAttempt, questions: list[Question]) -> tuple[list[Review], int]:
    answered = answers_by_question(attempt)
    items = [item_of(n, q, answered.get(q.id)) for n, q in enumerate(questions, 1)]
    return items, sum(1 for item in items if item.response and item.response.correct)


@bp.get("/practice/<token>/done")
def done(token: str) -> Page:
    """The score, every question with its sentence, and the missed ones to practise again."""
    attempt = attempt_or_404(token)
    questions = attempt_questions(attempt)
    if current_question(attempt, questions) is not None:
        return redirect(url_for("public.practice", token=attempt.token))
    items, right = score_of(attempt, questions)
    next_round = child_of(attempt)
    return render_template(
        "public/done.html",
        attempt=attempt,
        article=attempt.article,
        items=items,
        right=right,
        total=len(items),
        missed=len(missed_ids(attempt)),
        next_round=next_round,
        again_token=form_token(attempt_scope(attempt)),
        share_url=url_for("public.shared", code=attempt.share_code, _external=True),
    )


@bp.post("/practice/<token>/again")
@csrf.exempt
@limit_answers
def again(token: str) -> Page:
    """A new round with exactly the questions this one missed."""
    attempt = attempt_or_404(token)
    try:
        check_form_token(attempt_scope(attempt))
        round_ = practise_missed(attempt)
    except FormExpired as error:
        return message("Please try again", str(error), 400, attempt=attempt)
    except NothingToPractise:
        db.session.rollback()
        return redirect(url_for("public.done", token=attempt.token), 303)
    except PracticeError:
        db.session.rollback()
        return redirect(url_for("public.practice", token=attempt.token), 303)
    db.session.commit()
    return redirect(url_for("public.practice", token=round_.token), 303)


@bp.get("/r/<code>")
def shared(code: str) -> Page:
    """A finished practice's result to share: the score and the questions; no name, no token."""
    attempt = find_shared(code)
    if attempt is None or not attempt.article.is_public:
        abort(404)
    questions = attempt_questions(attempt)
    if current_question(attempt, questions) is not None:
        return message(
            "Not finished yet",
            "This practice is still going: its result appears once every question is answered.",
            404,
            article=attempt.article,
        )
    items, right = score_of(attempt, questions)
    return render_template(
        "public/shared.html",
        attempt=attempt,
        article=attempt.article,
        items=items,
        right=right,
        total=len(items),
    )


def message(
    title: str,
    text: str,
    status: int,
    *,
    attempt: PracticeAttempt | None = None,
    article: Article | None = None,
    link: tuple[str, str] | None = None,
) -> tuple[str, int]:
    """A short page that says what happened and where to go (never a bare error)."""
    if link is None and attempt is not None:
        link = (url_for("public.practice", token=attempt.token), "Back to your practice")
    if link is None and article is not None:
        link = (url_for("public.article", article_id=article.id), "Back to the article")
    page = render_template(
        "public/message.html",
        title=title,
        text=text,
        link=link,
        article=article or (attempt.article if attempt else None),
    )
    return page, status
