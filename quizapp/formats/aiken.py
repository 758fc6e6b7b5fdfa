"""Aiken, Moodle's simplest format, both ways: multiple choice, and true/false as two options.

A question is its text on one line, then options ``A. text`` (or ``A) text``), one per line, then
``ANSWER: B``. Aiken has no title, no feedback, no select-all and no lines breaks in a text, so
the source sentence is lost. A two-option question whose options are "True" and "False" is read
back as a true-or-false question.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from ..kinds.shapes import AnswerShape
from .base import Format, decode_text
from .items import FormatError, ImportResult, Item

LETTERS = string.ascii_uppercase
TRUTHS = ("True", "False")
_OPTION_RE = re.compile(r"^([A-Z])[.)]\s*(\S.*)$")
_ANSWER_RE = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def misfit(item: Item) -> str | None:
    """Texts Aiken cannot hold: too many options, a stem that reads as an option or answer."""
    if item.options and len(item.options) > len(LETTERS):
        return f"Aiken has at most {len(LETTERS)} options."
    stem = _one_line(item.stem)
    if _OPTION_RE.match(stem) or _ANSWER_RE.match(stem):
        return "its text starts like an Aiken option or answer line."
    return None


def write(items: Sequence[Item], title: str) -> bytes:
    lines: list[str] = []
    for item in items:
        if item.shape == AnswerShape.TRUTH:
            options, key = list(TRUTHS), TRUTHS[0] if item.answer else TRUTHS[1]
        else:
            options, key = list(item.options), item.answer
        lines.append(_one_line(item.stem))
        lines.extend(f"{LETTERS[i]}. {_one_line(o)}" for i, o in enumerate(options))
        lines.extend([f"ANSWER: {LETTERS[options.index(key)]}", ""])
    return "\n".join(lines).encode("utf-8")


def read(data: bytes) -> ImportResult:
    """Each question of an Aiken file; a question without options or answer is a problem."""
    result = ImportResult("aiken")
    stem: list[str] = []
    options: list[str] = []
    start = 0
    for number, raw in enumerate(decode_text(data).split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if answer := _ANSWER_RE.match(line):
            _finish(result, f"line {start or number}", stem, options, answer[1].strip())
            stem, options, start = [], [], 0
        elif (option := _OPTION_RE.match(line)) and stem:
            options.append(option[2].strip())
        else:
            if options:  # a new question started without an ANSWER line for the previous one
                result.skip(f"line {start}", "The question has no ANSWER line.")
                stem, options = [], []
            if not stem:
                start = number
            stem.append(line)
    if stem:
        result.skip(f"line {start}", "The question has no ANSWER line.")
    if not result.items and not result.skipped:
        raise FormatError("The file holds no Aiken questions.")
    return result


def _finish(
    result: ImportResult, where: str, stem: list[str], options: list[str], letter: str
) -> None:
    if not stem or len(options) < 2:
        result.skip(where, "A question needs its text and at least two options before ANSWER.")
        return
    index = LETTERS.find(letter.upper()[:1]) if len(letter) == 1 else -1
    if not 0 <= index < len(options):
        result.skip(where, f"ANSWER {letter!r} names no option.")
        return
    text = " ".join(stem)
    if [o.casefold() for o in options] == [t.casefold() for t in TRUTHS]:
        result.add(Item(AnswerShape.TRUTH, text, index == 0), where)
    else:
        result.add(Item(AnswerShape.ONE_CHOICE, text, options[index], options=options), where)


def sniff(data: bytes) -> bool:
    head = data[:8000].decode("utf-8", "replace")
    return bool(re.search(r"^ANSWER\s*:\s*[A-Z]\s*$", head, re.MULTILINE)) and bool(
        re.search(r"^[A-Z][.)]\s", head, re.MULTILINE)
    )


FORMAT = Format(
    name="aiken",
    label="Aiken",
    extension="aiken.txt",
    media_type="text/plain; charset=utf-8",
    shapes=frozenset({AnswerShape.ONE_CHOICE, AnswerShape.TRUTH}),
    write=write,
    read=read,
    sniff=sniff,
    misfit=misfit,
    loses=("the source sentence (Aiken has no feedback)", "question titles", "line breaks"),
)
