"""The plain data every format reads and writes: no Flask, no database, no kind names.

A format knows questions only by the shape of their answer (``AnswerShape``). ``Item`` is one
question in that neutral form; the adapter in ``quizapp.transfer`` turns stored questions into
items and back through the kinds registry. An import gives an ``ImportResult``: the items it
understood and, for each part it could not use, a ``Problem`` saying where and why.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from ..kinds.shapes import AnswerShape

#: Files larger than this are refused before they are parsed (the app's upload limit is lower).
MAX_FILE_BYTES = 2_000_000
#: More questions than this in one file are refused: a bank is reviewed by a person.
MAX_ITEMS = 500
#: Longest text kept for a stem, an option or feedback; longer texts are a problem of their item.
MAX_TEXT_CHARS = 2000

#: How a person names each shape in a sentence (owned by ``AnswerShape``).
SHAPE_LABELS = {shape: shape.label for shape in AnswerShape}


class FormatError(ValueError):
    """The whole file cannot be read in this format; the message says why, for a person."""


@dataclass
class Item:
    """One question in a format-neutral form.

    ``answer`` has the stored form of its shape (see ``AnswerShape``): ONE_CHOICE one of
    ``options``; MANY_CHOICES a list of options; TRUTH a bool; TEXT the canonical text (other
    right answers in ``accepted``); PAIRS a list of [left, right] pairs (``options`` the right-hand
    texts shown); SEQUENCE the items in order (``options`` the same items as shown); NUMBER a
    number, right within ``tolerance`` (absolute, or a percentage of the answer when
    ``tolerance_percent``). ``feedback`` carries the source sentence ("read this in the article").
    """

    shape: AnswerShape
    stem: str
    answer: Any
    options: list[str] | None = None
    accepted: list[str] = field(default_factory=list)
    tolerance: float = 0.0
    tolerance_percent: bool = False
    feedback: str | None = None
    title: str | None = None

    def absolute_tolerance(self) -> float:
        """The tolerance as a distance from the answer, for formats without percentages."""
        if self.tolerance_percent:
            return abs(float(self.answer)) * self.tolerance / 100
        return self.tolerance

    def rights(self) -> list[str]:
        """PAIRS: the right-hand texts shown, in order, each once (the key's if no options)."""
        texts = self.options if self.options else [right for _, right in self.answer]
        return list(dict.fromkeys(texts))


@dataclass(frozen=True)
class Problem:
    """Why part of a file was not imported: ``where`` is a line ("line 12") or an element."""

    where: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"where": self.where, "reason": self.reason}


@dataclass
class ImportResult:
    """What an import understood: the items, where each came from, and what was skipped."""

    format: str
    items: list[Item] = field(default_factory=list)
    #: Where each item came from, parallel to ``items``.
    places: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    def add(self, item: Item, where: str) -> None:
        """Keep ``item`` if it is whole; otherwise record why not."""
        reason = item_problem(item)
        if reason:
            self.skipped.append(Problem(where, reason))
        else:
            self.items.append(item)
            self.places.append(where)

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Problem(where, reason))


def item_problem(item: Item) -> str | None:
    """What makes ``item`` unusable as a question of its shape, or None."""
    if not item.stem.strip():
        return "The question has no text."
    texts = [item.stem, *(item.options or ()), *item.accepted, item.feedback or ""]
    if any(len(text) > MAX_TEXT_CHARS for text in texts):
        return f"A text is longer than {MAX_TEXT_CHARS} characters."
    shape, answer, options = item.shape, item.answer, item.options or []
    if shape in (AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES, AnswerShape.SEQUENCE):
        if len(options) < 2:
            return "A question with options needs at least two."
        if len(set(options)) != len(options):
            return "Two options are the same."
    if shape == AnswerShape.ONE_CHOICE and answer not in options:
        return "No option is marked right."
    if shape == AnswerShape.MANY_CHOICES:
        if not answer:
            return "No option is marked right."
        if not set(answer) <= set(options):
            return "A right answer is not among the options."
    if shape == AnswerShape.TRUTH and not isinstance(answer, bool):
        return "The answer is not true or false."
    if shape == AnswerShape.TEXT and not (isinstance(answer, str) and answer.strip()):
        return "There is no right answer to type."
    if shape == AnswerShape.PAIRS:
        if len(answer) < 2:
            return "A matching question needs at least two pairs."
        if len({left for left, _ in answer}) != len(answer):
            return "An item to match appears twice."
    if shape == AnswerShape.SEQUENCE and sorted(answer) != sorted(options):
        return "The order does not hold the same items as the options."
    if shape == AnswerShape.NUMBER and not isinstance(answer, int | float):
        return "The answer is not a number."
    return None


def display_order(items: list[str]) -> list[str]:
    """An order to show a sequence in that is not its answer (sorted, else reversed)."""
    arranged = sorted(items, key=str.casefold)
    if arranged == list(items):
        arranged.reverse()
    return arranged


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment; block elements and <br> become spaces."""

    BREAKS = frozenset({"br", "p", "div", "li", "tr", "td", "h1", "h2", "h3", "h4", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_SPACES = re.compile(r"\s+")


def html_to_text(fragment: str) -> str:
    """The plain text of an HTML fragment, whitespace collapsed: what our questions hold."""
    if "<" not in fragment and "&" not in fragment:
        return _SPACES.sub(" ", fragment).strip()
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _SPACES.sub(" ", "".join(collector.parts)).strip()


def text_to_html(text: str) -> str:
    """Plain text as an HTML fragment that shows exactly that text."""
    return html.escape(text, quote=False)


def number_text(value: float) -> str:
    """A number as people write it: no ".0" on whole numbers, no exponent for ordinary sizes."""
    if isinstance(value, bool):
        raise TypeError("A truth value is not a number.")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def parse_number(text: str) -> float | int | None:
    """A number from its text ("1969", "-2.5", "1e3"), or None."""
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() and re.fullmatch(r"[+-]?\d+", text) else value
