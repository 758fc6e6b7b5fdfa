"""A quiz on paper: numbered questions, lettered options, room to answer, and a separate key.

Two versions (A in the quiz's order, B with questions and options shuffled, the same every time)
let neighbours sit different papers. The student sheets hold no key; the key is its own page.
What each question shows is decided by its kind's answer shape, never by the kind's name.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from flask import render_template, request
from flask_login import login_required

from ..kinds import AnswerShape, get_kind
from ..models import Question, Quiz
from .access import owned_or_404
from .blueprint import bp

LETTERS = string.ascii_uppercase
VERSIONS = ("A", "B")


@dataclass
class PaperQuestion:
    """One question as printed, and its key as the key page writes it."""

    number: int
    stem: str
    shape: str
    #: (letter, text) for choices, items to order or the matches of a matching question.
    options: list[tuple[str, str]] = field(default_factory=list)
    #: Matching: the items to match, numbered.
    lefts: list[str] = field(default_factory=list)
    key: str = ""


@dataclass
class Paper:
    version: str
    questions: list[PaperQuestion]


def paper_question(question: Question, number: int, rng: random.Random | None) -> PaperQuestion:
    """The printed form of ``question``; ``rng`` shuffles options (None keeps their order)."""
    shape = get_kind(question.kind).shape
    answer = question.answer
    options = list(question.option_texts or [])
    printed = PaperQuestion(number, question.stem, shape.value)
    if shape == AnswerShape.PAIRS:
        lefts = [left for left, _ in answer]
        rights = list(dict.fromkeys(options or [right for _, right in answer]))
        if rng:
            rng.shuffle(lefts)
            rng.shuffle(rights)
        letter = {text: LETTERS[i] for i, text in enumerate(rights)}
        printed.lefts, printed.options = lefts, list(zip(LETTERS, rights, strict=False))
        matches = dict(answer)
        printed.key = ", ".join(f"{i}–{letter[matches[left]]}" for i, left in enumerate(lefts, 1))
        return printed
    if rng and shape in (AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES, AnswerShape.SEQUENCE):
        rng.shuffle(options)
    printed.options = list(zip(LETTERS, options, strict=False))
    letter = {text: LETTERS[i] for i, text in enumerate(options)}
    if shape == AnswerShape.ONE_CHOICE:
        printed.key = f"{letter[answer]} ({answer})"
    elif shape == AnswerShape.MANY_CHOICES:
        printed.key = ", ".join(f"{letter[a]} ({a})" for a in answer if a in letter)
    elif shape == AnswerShape.SEQUENCE:
        printed.key = " → ".join(letter[a] for a in answer if a in letter)
    else:
        printed.key = get_kind(question.kind).describe_answer(answer)
        others = [a for a in question.accepted or [] if a != answer]
        if others:
            printed.key += f" (also: {', '.join(others)})"
    return printed


def papers(quiz: Quiz, versions: int) -> list[Paper]:
    questions = [item.question for item in quiz.items]
    made = [Paper("A", [paper_question(q, n, None) for n, q in enumerate(questions, 1)])]
    if versions == 2:
        rng = random.Random(f"quizapp-print-{quiz.id}-B")
        shuffled = list(questions)
        rng.shuffle(shuffled)
        made.append(Paper("B", [paper_question(q, n, rng) for n, q in enumerate(shuffled, 1)]))
    return made


def chosen_versions() -> int:
    return 2 if request.args.get("versions") == "2" else 1


@bp.get("/quizzes/<int:quiz_id>/print")
@login_required
def print_quiz(quiz_id: int) -> str:
    quiz = owned_or_404(Quiz, quiz_id)
    versions = chosen_versions()
    return render_template("teacher/transfer/print.html", quiz=quiz, papers=papers(quiz, versions),
                           versions=versions, answer_key=False)  # fmt: skip


@bp.get("/quizzes/<int:quiz_id>/print/key")
@login_required
def print_quiz_key(quiz_id: int) -> str:
    quiz = owned_or_404(Quiz, quiz_id)
    versions = chosen_versions()
    return render_template("teacher/transfer/print.html", quiz=quiz, papers=papers(quiz, versions),
                           versions=versions, answer_key=True)  # fmt: skip
