"""Splitting prose into sentences without a model.

A full stop ends a sentence unless it belongs to an abbreviation ("Dr.", "e.g.", "U.S."), an
initial ("J. Smith") or a decimal ("3.5"). Offsets are kept so a sentence can be quoted verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import STOPWORDS
from .text import Block

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "vs",
        "v",
        "etc",
        "e.g",
        "a.k.a",
        "a.m",
        "p.m",
        "i.e",
        "eg",
        "ie",
        "cf",
        "al",
        "no",
        "nos",
        "fig",
        "figs",
        "approx",
        "ca",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "est",
        "gen",
        "gov",
        "govt",
        "sen",
        "rep",
        "rev",
        "col",
        "lt",
        "capt",
        "sgt",
        "maj",
        "adm",
        "cmdr",
        "hon",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "a.d",
        "b.c",
        "u.s.a",
        "op",
        "vol",
        "pp",
        "ed",
        "eds",
        "ch",
        "sec",
        "art",
    ]
)
#: Abbreviations that often end a sentence too; a capitalised word after them starts a new one.
_MAY_END = frozenset({"etc", "u.s", "u.k", "a.d", "b.c", "d.c", "al", "a.m", "p.m"})
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_UNIT_LETTER = re.compile(r"(?:°|\d ?)[A-Z]\.$")
_DOTTED = re.compile(r"(?:[A-Z]\.){1,5}[A-Z]|[ap]\.m")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article with its offsets and where it sits."""

    index: int
    start: int
    end: int
    text: str  # normalised text (same offsets as the original)
    paragraph: int
    section: str | None


def _is_false_end(norm: str, dot: int, block_start: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if norm[dot] != ".":
        return False
    match = _WORD_BEFORE.search(norm, max(block_start, dot - 12), dot)
    if not match:
        return False
    word = match.group(1)
    lowered = word.lower().rstrip(".")
    if len(word) == 1 and word.isupper():
        # an initial: "J. R. R. Tolkien"; not a unit after a figure ("1500 °C. Nonetheless")
        return not _UNIT_LETTER.search(norm, max(block_start, dot - 4), dot + 1)
    if lowered in _ABBREVIATIONS and not (lowered in _MAY_END and _DOTTED.fullmatch(word)):
        return lowered not in _MAY_END
    if _DOTTED.fullmatch(word):
        # an acronym written with dots ("A.M.E. Church"): the sentence goes on unless the next
        # word is one that opens sentences ("A.M.E. The ...")
        following = _NEXT_WORD.match(norm, dot + 1)
        return following is not None and following.group(1).lower() not in STOPWORDS
    return False


def split_block(norm: str, block: Block) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one prose block, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = block.start
    for match in _END.finditer(norm, block.start, block.end):
        if _is_false_end(norm, match.start(), block.start):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, block.end))
    trimmed = []
    for s, e in spans:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def sentences(norm: str, blocks: tuple[Block, ...]) -> list[Sentence]:
    """All sentences of the prose blocks (paragraphs and bullet items), in order."""
    found: list[Sentence] = []
    section: str | None = None
    for paragraph, block in enumerate(blocks):
        if block.kind == "heading":
            section = block.heading
            continue
        if block.kind == "title":
            continue
        for start, end in split_block(norm, block):
            found.append(Sentence(len(found), start, end, norm[start:end], paragraph, section))
    return found
