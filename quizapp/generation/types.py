"""Plain data that the generator hands out: no Flask, no database.

These dataclasses are the contract between the generator and everything else (storage, the CLI's
JSON, the benchmarks). Keep them frozen and JSON-friendly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The question kinds the generator can produce; ``quizapp.kinds`` grades and displays them.
KINDS: tuple[str, ...] = (
    "multiple_choice",
    "multiple_select",
    "true_false",
    "fill_blank",
    "matching",
    "ordering",
    "numeric",
)

#: The answer types a candidate (and so a question's key) can have.
ANSWER_TYPES: tuple[str, ...] = (
    "year",
    "number",
    "organisation",
    "person",
    "place",
    "mission",
    "company",
    "term",
)


class UnusableText(ValueError):
    """The text cannot give good questions (empty, too short, not English, only a list).

    The message is meant for a teacher: one clear sentence saying what to do.
    """


@dataclass(frozen=True)
class Source:
    """The sentence a question rests on, verbatim, with its offsets in the text as read."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class GeneratedQuestion:
    """One question, with everything needed to store, show, grade and explain it.

    ``answer`` depends on ``kind``: multiple_choice the key (one of ``options``); multiple_select a
    list of keys; true_false a bool; fill_blank the canonical answer; matching a list of
    [left, right] pairs; ordering the items in the right order; numeric a number (its
    tolerance and unit in ``settings``).
    """

    id: str
    kind: str
    stem: str
    options: tuple[str, ...] | None
    answer: Any
    accepted: tuple[str, ...]
    answer_type: str
    source: Source
    difficulty: float
    #: Name of the rule that made the question, e.g. "mc.year" or "tf.swap_entity".
    rule: str
    #: Where each distractor came from: option text -> origin ("article", "domain:agencies", ...).
    distractor_origins: dict[str, str] = field(default_factory=dict)
    #: The heading of the article section the source sentence sits in, if any.
    section: str | None = None
    #: The kind's own values beside its key (numeric: tolerance, percent, unit).
    settings: dict[str, Any] = field(default_factory=dict)
    #: The quality estimate the ranking sorts by, 0 (weak) to 1 (use as it is): how worth
    #: asking the key is, less what makes the question weaker (``generation.quality``).
    quality: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The question in the CLI's JSON shape (see the README)."""
        answer = self.answer
        if self.kind == "matching":
            answer = [list(pair) for pair in answer]
        elif isinstance(answer, tuple):
            answer = list(answer)
        return {
            "id": self.id,
            "kind": self.kind,
            "stem": self.stem,
            "options": list(self.options) if self.options is not None else None,
            "answer": answer,
            "accepted": list(self.accepted),
            "answer_type": self.answer_type,
            "source": {
                "sentence": self.source.sentence,
                "start": self.source.start,
                "end": self.source.end,
            },
            "difficulty": self.difficulty,
            **self.settings,
            "quality": self.quality,
        }


@dataclass(frozen=True)
class Section:
    """A heading of the article and where its body lies in the text."""

    heading: str | None
    start: int
    end: int


@dataclass(frozen=True)
class GeneratedBank:
    """What one run of the generator gives for one article."""

    generator: str
    title: str
    sha256: str
    words: int
    sections: tuple[Section, ...]
    questions: tuple[GeneratedQuestion, ...]

    def to_json(self) -> dict[str, Any]:
        """The whole bank in the CLI's JSON shape."""
        return {
            "generator": self.generator,
            "article": {"title": self.title, "sha256": self.sha256, "words": self.words},
            "questions": [question.to_json() for question in self.questions],
        }
