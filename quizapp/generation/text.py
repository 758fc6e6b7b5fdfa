"""Reading the teacher's text: normalising, finding the title, headings, paragraphs and lists.

Every offset here points into the ORIGINAL text as given, so that a question's source can always be
shown verbatim (``text[start:end] == sentence``). To make that cheap, normalisation only ever maps
one character to one character (curly quotes, dashes, odd spaces): the normalised text has the
same length and the same offsets as the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .types import Section

#: One-to-one character replacements; never change the length of the text.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\t": " ",
        "\r": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
)

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_MARKDOWN_HEADING = re.compile(r"\s*#{1,6}\s+(\S.*?)\s*#*\s*$")
_BULLET = re.compile(r"\s*(?:[-*+\u2022\u25aa\u25e6>]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_HEADING_MAX_WORDS = 16


#: Wikipedia's reference marks ("[12]", "[update]", "[citation needed]"): teachers paste them
#: along with the article. They are blanked, not cut, so the offsets stay the same. A mark
#: after a lone capital is mathematics ("the ring Z[i]", round 32) and stays.
_REFERENCE_MARK = re.compile(
    r"(?<!\W[A-Z])\[(?:\d{1,3}(?:[,-]\d{1,3})*|[a-z]|update|citation\s+needed|clarification\s+needed"
    r"|(?i:note|nb)\s+\d{1,3}"
    # inline cleanup marks: "[when?]", "[original research?]", "[dubious – discuss]"
    r"|[a-z][a-z ,'\u2019\u2013-]{1,40}\?|dubious[^\]\n]{0,20}|vague|clarify|verification needed"
    r"|better source needed|page needed|full citation needed|unreliable source\??"
    r"|not in citation given|according to whom\??"
    r"|[a-z][a-z ]{1,40}\sneeded)\]"  # "[further explanation needed]" (round 13)
)


#: Wikipedia's page marks after a reference, left when the reference itself was not copied:
#: "Calvinist parties.:1–4 When", "ideas.:4–5:24" (round 31). They also hid the sentence end.
_PAGE_MARK = re.compile(
    r":(?<=[.,;!?\")\]]:)\d{1,4}(?:-\d{1,4})*(?::\d{1,4}(?:-\d{1,4})*)*(?=\s|$)"
)


#: Markdown's inline marks: a link or image "[text](address)" keeps its text; "**", "__", a
#: single "*" around words and "`" are blanked.
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]{1,300})\]\([^()\s]{1,1000}\)")
_MARKDOWN_MARKS = re.compile(
    r"(\*\*|__)(?=\S)[^\n]{1,300}?(?<=\S)\1"
    r"|(?<![\w*])\*(?=[^\s*])[^*\n]{1,300}?(?<=[^\s*])\*(?![\w*])"
    r"|`[^`\n]{1,300}`"
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


# The words move to where the mark began ("the [Moon](...)" reads "the Moon" with one space), so
# within a mark the offsets are a character or two off the original; sentences and blocks, the
# only spans mapped back to the original text, keep theirs exactly.


def _link_text(match: re.Match[str]) -> str:
    return match.group(1).ljust(len(match.group()))


def _unmark(match: re.Match[str]) -> str:
    """The emphasised or quoted words with their marks blanked."""
    text = match.group()
    mark = 2 if text[:2] in {"**", "__"} else 1
    return text[mark:-mark].ljust(len(text))


_SPACE_RUN = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,;:.!?])")


def tidy_spaces(text: str) -> str:
    """Runs of spaces made one, none left before punctuation: the gaps blanked marks leave
    ("in 2013[update], the" -> "in 2013, the")."""
    text = _SPACE_RUN.sub(" ", text)
    if any(f" {mark}" in text for mark in ",;:.!?"):
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return text


#: A chemical formula whose subscript a copy from a web page put on a line of its own ("O\n2
#: partial pressure"): the stem read "compressed O." and "an air mixture with O 2" (round 9).
_SUBSCRIPT_LINE = re.compile(
    r"\b((?:H|He|C|N|O|F|Ne|S|P|Cl|Na|K|Ca|Mg|Fe|Al|Si|Ar){1,3})\n(\d{1,2})(?=[\s.,;:)A-Z]|$)"
)


def _joined_subscript(match: re.Match[str]) -> str:
    """ "O\n2" -> "O2 ": the same length, the space is tidied away with the others."""
    return f"{match[1]}{match[2]} "


def normalise(text: str) -> str:
    """The text with typographic quotes, dashes and spaces made plain, Wikipedia's reference
    marks and Markdown's inline marks blanked, formula subscripts put back on their line: same
    length, same offsets."""
    text = text.translate(_NORMALISE)
    if "\n" in text:
        text = _SUBSCRIPT_LINE.sub(_joined_subscript, text)
    return without_marks(text)


def without_marks(text: str) -> str:
    """``text`` with reference marks ("[12]") and Markdown's inline marks blanked, same length:
    what a reader should see of a pasted article (``quizapp.reading.readable`` shows it)."""
    if ":" in text:
        text = _PAGE_MARK.sub(_blank, text)
    if "[" in text:
        text = _REFERENCE_MARK.sub(_blank, text)
        text = _MARKDOWN_LINK.sub(_link_text, text)
    if "*" in text or "_" in text or "`" in text:
        text = _MARKDOWN_MARKS.sub(_unmark, text)
    return text


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text between blank lines (or one Markdown heading / bullet line)."""

    kind: str  # "title", "heading", "paragraph", "bullet"
    start: int
    end: int
    heading: str | None  # for headings and titles: the heading text itself


@dataclass(frozen=True, slots=True)
class Layout:
    """The article's structure: title, sections and the blocks that hold prose."""

    title: str | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]


def is_heading_line(line: str) -> bool:
    """A short line that does not end like a sentence is a heading ("Historical Significance")."""
    stripped = line.strip()
    if not stripped or _BULLET.match(line):
        return False
    if stripped[-1] in ".!?;,:\"'" or len(stripped) > 120:
        return False
    words = stripped.split()
    return len(words) <= _HEADING_MAX_WORDS and (stripped[0].isupper() or stripped[0].isdigit())


def _line_blocks(norm: str, start: int, end: int) -> list[Block]:
    """Split one blank-line-separated block into Markdown headings, bullets and prose."""
    blocks: list[Block] = []
    prose_start: int | None = None
    prose_end = start
    for match in _LINE.finditer(norm, start, end):
        line = match.group()
        heading = _MARKDOWN_HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading or bullet:
            if prose_start is not None:
                blocks.append(Block("paragraph", prose_start, prose_end, None))
                prose_start = None
            if heading:
                h_start = match.start() + heading.start(1)
                blocks.append(
                    Block("heading", h_start, h_start + len(heading.group(1)), heading.group(1))
                )
            else:
                blocks.append(Block("bullet", match.start() + bullet.end(), match.end(), None))
            continue
        if prose_start is None:
            prose_start = match.start() + (len(line) - len(line.lstrip()))
        prose_end = match.start() + len(line.rstrip())
    if prose_start is not None:
        blocks.append(Block("paragraph", prose_start, prose_end, None))
    return blocks


def _classify(norm: str) -> list[Block]:
    """All blocks of the text in order, with one-line heading-like paragraphs marked as headings."""
    blocks: list[Block] = []
    for match in _BLOCK.finditer(norm):
        for block in _line_blocks(norm, match.start(), match.end()):
            piece = norm[block.start : block.end]
            if block.kind == "paragraph" and "\n" not in piece and is_heading_line(piece):
                block = Block("heading", block.start, block.end, piece.strip())
            blocks.append(block)
    return blocks


def _pick_title(
    norm: str, blocks: list[Block], title: str | None
) -> tuple[str | None, list[Block]]:
    """The text's first line is its title when it is a heading, or one short line followed by
    more text (even if it ends with a full stop); an explicit title wins for the name."""
    if len(blocks) > 1 and blocks[0].kind == "paragraph":
        first = blocks[0]
        line = norm[first.start : first.end]
        words = line.split()
        same_as_title = title is not None and line.strip(" .").lower() == title.strip(" .").lower()
        if "\n" not in line and (same_as_title or (title is None and len(words) <= 20)):
            blocks = [Block("heading", first.start, first.end, line.strip()), *blocks[1:]]
    if blocks and blocks[0].kind == "heading":
        first = blocks[0]
        blocks = [Block("title", first.start, first.end, first.heading), *blocks[1:]]
        return (title or first.heading), blocks
    if blocks and blocks[0].kind == "paragraph" and title is None:
        return None, blocks
    return title, blocks


def _sections(blocks: list[Block], length: int) -> tuple[Section, ...]:
    """Sections run from a heading to the next heading; prose before any heading has none."""
    sections: list[Section] = []
    heading: str | None = None
    start: int | None = None
    for block in blocks:
        if block.kind == "title":
            continue
        if block.kind == "heading":
            if start is not None:
                sections.append(Section(heading, start, block.start))
            heading, start = block.heading, block.start
        elif start is None:
            start = block.start
    if start is not None:
        sections.append(Section(heading, start, length))
    return tuple(sections)


def layout(text: str, title: str | None = None) -> tuple[str, Layout]:
    """Normalise ``text`` and describe its structure; returns (normalised text, layout)."""
    norm = normalise(text)
    blocks = _classify(norm)
    found_title, blocks = _pick_title(norm, blocks, title)
    return norm, Layout(found_title, tuple(blocks), _sections(blocks, len(text)))
