"""Turn a stored article into sections of paragraphs for reading, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .generation.text import tidy_spaces, without_marks
from .models import Article

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


_LINE_BREAK = re.compile(r"[ \t]*\n(?:\s*\n)?\s*")


def readable(text: str) -> str:
    """Article text as a reader should see it: no "[12]" reference marks or Markdown marks
    ("**", "[words](address)"), single spaces, none before punctuation. (Also a Jinja filter.)
    A line break inside a paragraph becomes a space; a break between paragraphs stays one blank
    line, which quotes show (a matching or ordering question cites a passage of paragraphs)."""
    text = _LINE_BREAK.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else " ", text)
    return tidy_spaces(without_marks(text)).strip()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article and where it starts in the article's text."""

    text: str
    start: int


@dataclass(frozen=True)
class ReadingSection:
    """A heading (None for the introduction) and its paragraphs."""

    heading: str | None
    paragraphs: list[Paragraph]


def reading_sections(article: Article) -> list[ReadingSection]:
    """The article's sections as the generator found them, split into paragraphs."""
    spans = article.sections or [{"heading": None, "start": 0, "end": len(article.body)}]
    sections = []
    for span in spans:
        paragraphs = list(split_paragraphs(article.body, span["start"], span["end"]))
        if span["heading"] and paragraphs and paragraphs[0].text.strip() == span["heading"]:
            paragraphs = paragraphs[1:]
        if paragraphs or span["heading"]:
            sections.append(ReadingSection(span["heading"], paragraphs))
    return sections


def split_paragraphs(text: str, start: int, end: int) -> list[Paragraph]:
    """Paragraphs between ``start`` and ``end``, with their offsets in ``text``."""
    paragraphs = []
    position = start
    for match in [*PARAGRAPH_BREAK.finditer(text, start, end), None]:
        stop = match.start() if match else end
        chunk = text[position:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            paragraphs.append(Paragraph(chunk.strip(), position + lead))
        if match:
            position = match.end()
    return paragraphs
