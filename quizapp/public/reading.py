"""The article as the public reading page shows it: sections, paragraphs, addressable sentences.

Every sentence that a question rests on is wrapped in ``<span class="sentence" id="s-<start>">``
(``start`` is its offset in the article's text), so a link ending ``#s-<start>`` opens the article
scrolled to that sentence, and CSS ``:target`` highlights it: no script needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..generation.text import tidy_spaces, without_marks
from ..models import Article
from ..reading import Paragraph, readable, reading_sections

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class ReadingSection:
    """A section ready to render: its anchor, its heading (None for the opening) and paragraphs."""

    anchor: str
    heading: str | None
    paragraphs: list[Markup]


def sentence_anchor(start: int) -> str:
    """The id of the sentence starting at ``start`` in the article's text."""
    return f"s-{start}"


def sections_with_sentences(
    article: Article, spans: Iterable[tuple[int, int]]
) -> list[ReadingSection]:
    """The article's sections, each paragraph escaped with the source sentences ``spans`` marked."""
    ordered = non_overlapping(spans)
    return [
        ReadingSection(
            anchor=f"section-{number}",
            heading=section.heading,
            paragraphs=[paragraph_markup(p, ordered) for p in section.paragraphs],
        )
        for number, section in enumerate(reading_sections(article), 1)
    ]


def non_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start, one per start, dropping any that overlaps an earlier one."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if end <= start or (kept and start < kept[-1][1]):
            continue
        kept.append((start, end))
    return kept


def paragraph_markup(paragraph: Paragraph, spans: Sequence[tuple[int, int]]) -> Markup:
    """The paragraph's text, escaped, with the spans that start inside it wrapped (and clipped).

    Marks are blanked first (same length, so the offsets still hold), then each piece is tidied."""
    text, offset = without_marks(paragraph.text), paragraph.start
    stop = offset + len(text)
    out, last = [], 0
    for start, end in spans:
        if not offset <= start < stop:
            continue
        begin, finish = start - offset, min(end, stop) - offset
        out.append(escape(tidy_spaces(text[last:begin])))
        out.append(
            Markup('<span class="sentence" id="%s">%s</span>')
            % (sentence_anchor(start), tidy_spaces(text[begin:finish]).rstrip())
        )
        last = finish
    out.append(escape(tidy_spaces(text[last:])))
    return Markup("").join(out)


def first_paragraph(article: Article) -> str:
    """The opening paragraph, for the shelf's hero."""
    for section in reading_sections(article):
        for paragraph in section.paragraphs:
            return readable(paragraph.text)
    return ""


def minutes_to_read(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def teaser(text: str, limit: int = 320) -> str:
    """``text`` cut at a sentence end before ``limit`` characters (or at a word, with "…")."""
    if len(text) <= limit:
        return text
    cut = [m.start() for m in SENTENCE_END.finditer(text, 0, limit)]
    if cut and cut[-1] > limit // 3:
        return text[: cut[-1]]
    return text[:limit].rsplit(" ", 1)[0] + "…"
