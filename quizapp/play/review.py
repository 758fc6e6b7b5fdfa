"""What a student's review shows once their answers are locked: verdicts, keys, sources.

Shared by self-paced play and the public practice. Everything here holds the key: call it only
for answered questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..kinds import KIND_LABELS, QuestionData, get_kind
from ..models import PracticeAnswer, Question, Response, SessionQuestion
from ..reading import readable


@dataclass(frozen=True)
class Verdict:
    tone: str  # success | partial | danger | warning | neutral
    icon: str  # a character, or "clock" for the drawn clock
    title: str
    text: str


@dataclass(frozen=True)
class Review:
    """One answered (or unanswered) question, as the feedback and end pages show it."""

    number: int
    question: SessionQuestion
    response: Response | None
    stem: Markup
    kind_label: str
    given: str | None
    key: str
    verdict: Verdict
    source: Markup
    pairs: list[tuple[str, str, str, bool]] = field(default_factory=list)
    #: Where the source sentence is on the public reading page (practice only).
    anchor: str | None = None

    @property
    def points(self) -> int:
        return self.response.points if self.response else 0


def verdict_of(response: Response | None) -> Verdict:
    if response is None:
        return Verdict("neutral", "–", "Not answered", "No points for this one.")
    if response.answer is None:  # only a timed-out answer is stored without one
        return Verdict("warning", "clock", "Out of time", "Time was up — no points for this one.")
    if response.correct:
        return Verdict("success", "✓", "Right!", "Well done.")
    if response.credit > 0:
        share = round(response.credit * 100)
        return Verdict("partial", "◐", "Partly right", f"You earned {share}% of the marks.")
    return Verdict("danger", "✗", "Not quite", "Have a look at the answer below.")


def review_of(
    number: int,
    question: SessionQuestion | Question,
    response: Response | PracticeAnswer | None,
    anchor: str | None = None,
) -> Review:
    """The review of an answered question, in class or in the public practice."""
    kind = get_kind(question.kind)
    data = QuestionData.of(question)
    given = None
    if response is not None:
        if response.answer is None:  # timed out: the operations keep no late answer
            given = "Sent after the time was up"
        else:
            given = kind.describe_answer(response.answer, data.settings) or "Nothing selected"
    pairs = kind.review_rows(data, response.answer if response else None)
    return Review(
        number=number,
        question=question,
        response=response,
        stem=stem_markup(question.stem),
        kind_label=KIND_LABELS.get(question.kind, question.kind),
        given=given,
        key=kind.describe_answer(question.answer, data.settings),
        verdict=verdict_of(response),
        source=highlight(question.source_sentence, kind.key_terms(data)),
        pairs=pairs,
        anchor=anchor,
    )


BLANK = re.compile(r"_{3,}([.,;:!?…)]*)")
GAP = Markup('<span class="blank"><span class="visually-hidden">blank</span></span>')


def stem_markup(stem: str) -> Markup:
    """The stem, escaped, with each "_____" drawn as a blank that screen readers call "blank".

    Punctuation right after a blank stays on its line.
    """
    out, last = [], 0
    for match in BLANK.finditer(stem):
        out.append(escape(stem[last : match.start()]))
        out.append(Markup('<span class="blank-wrap">%s%s</span>') % (GAP, match.group(1)))
        last = match.end()
    out.append(escape(stem[last:]))
    return Markup("").join(out)


def highlight(sentence: str, terms: Iterable[str]) -> Markup:
    """``sentence`` escaped and readable (no "[12]" or Markdown marks), each occurrence of a
    term in <mark>."""
    sentence = readable(sentence)
    wanted = sorted({t for t in terms if t and len(t) > 1}, key=len, reverse=True)
    if not wanted:
        return escape(sentence)
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(sentence):
        out.append(escape(sentence[last : match.start()]))
        out.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    out.append(escape(sentence[last:]))
    return Markup("").join(out)
