"""Wayground's (formerly Quizizz) spreadsheet template (.xlsx), both ways.

Columns, header on row 1: Question Text, Question Type, Option 1 to Option 5, Correct Answer,
Time in seconds, Image Link, Answer explanation. Multiple choice and true/false (two options) are
"Multiple Choice", select all is "Checkbox" (Correct Answer lists option numbers, "1,3"), fill in
the blank is "Fill-in-the-Blank" with every accepted answer in the options (at most five) and no
Correct Answer. The source sentence travels as the answer explanation.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from ..kinds.shapes import AnswerShape
from .base import Format
from .items import FormatError, ImportResult, Item
from .sheets import cell_text, is_xlsx, numbers, open_rows, put_row, saved

HEADER = (
    "Question Text",
    "Question Type",
    "Option 1",
    "Option 2",
    "Option 3",
    "Option 4",
    "Option 5",
    "Correct Answer",
    "Time in seconds",
    "Image Link",
    "Answer explanation",
)
MAX_OPTIONS = 5
DEFAULT_TIME = 30
TYPES = {
    AnswerShape.ONE_CHOICE: "Multiple Choice",
    AnswerShape.TRUTH: "Multiple Choice",
    AnswerShape.MANY_CHOICES: "Checkbox",
    AnswerShape.TEXT: "Fill-in-the-Blank",
}
TRUTHS = ("True", "False")


def options_of(item: Item) -> tuple[list[str], list[str]]:
    """The options written and the right ones (for fill in the blank: every accepted answer)."""
    if item.shape == AnswerShape.TRUTH:
        return list(TRUTHS), [TRUTHS[0] if item.answer else TRUTHS[1]]
    if item.shape == AnswerShape.TEXT:
        return list(dict.fromkeys([item.answer, *item.accepted])), []
    keys = [item.answer] if item.shape == AnswerShape.ONE_CHOICE else list(item.answer)
    return list(item.options), keys


def misfit(item: Item) -> str | None:
    options, _ = options_of(item)
    if len(options) > MAX_OPTIONS:
        what = "accepted answers" if item.shape == AnswerShape.TEXT else "options"
        return f"it has {len(options)} {what}; Wayground's template has {MAX_OPTIONS} columns."
    return None


def write(items: Sequence[Item], title: str, seconds: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    put_row(sheet, 1, HEADER)
    for row, item in enumerate(items, 2):
        options, keys = options_of(item)
        correct = ",".join(str(options.index(key) + 1) for key in keys)
        cells = [
            item.stem,
            TYPES[item.shape],
            *(options + [""] * (MAX_OPTIONS - len(options))),
            correct,
            seconds or DEFAULT_TIME,
            "",
            item.feedback or "",
        ]
        put_row(sheet, row, cells)
    sheet.column_dimensions["A"].width = 60
    return saved(workbook)


def read(data: bytes) -> ImportResult:
    rows = open_rows(data)
    if not rows or cell_text(rows[0][0] if rows[0] else "") != HEADER[0]:
        raise FormatError("The first row must be Wayground's header, starting “Question Text”.")
    columns = {cell_text(name): index for index, name in enumerate(rows[0])}
    missing = [name for name in HEADER[:9] if name not in columns]
    if missing:
        raise FormatError(f"The header lacks {', '.join(missing)}.")
    result = ImportResult("wayground-xlsx")
    for index, row in enumerate(rows[1:], 2):
        cells = list(row) + [None] * len(HEADER)

        def cell(name: str, cells: list = cells) -> str:
            return cell_text(cells[columns[name]]) if name in columns else ""

        stem, kind = cell("Question Text"), cell("Question Type").casefold()
        slots = [cell(f"Option {n}") for n in range(1, MAX_OPTIONS + 1)]
        if not stem and not any(slots):
            continue
        where = f"row {index}"
        options = [slot for slot in slots if slot]
        feedback = cell("Answer explanation") or None
        if kind.startswith("fill"):
            if not options:
                result.skip(where, "A fill-in-the-blank question needs its answer in Option 1.")
                continue
            item = Item(AnswerShape.TEXT, stem, options[0], accepted=options[1:])
        elif kind in ("multiple choice", "checkbox"):
            picks = numbers(cell("Correct Answer"))
            if picks is None or any(not 1 <= p <= MAX_OPTIONS or not slots[p - 1] for p in picks):
                result.skip(where, "Correct Answer must name filled-in options (e.g. “1,3”).")
                continue
            keys = [slots[p - 1] for p in picks]
            if kind == "checkbox":
                item = Item(AnswerShape.MANY_CHOICES, stem, keys, options=options)
            elif len(keys) != 1:
                result.skip(where, "A Multiple Choice question has exactly one correct answer.")
                continue
            elif [o.casefold() for o in options] == [t.casefold() for t in TRUTHS]:
                item = Item(AnswerShape.TRUTH, stem, keys[0].casefold() == "true")
            else:
                item = Item(AnswerShape.ONE_CHOICE, stem, keys[0], options=options)
        else:
            result.skip(where, f"“{cell('Question Type')}” questions have no kind here.")
            continue
        item.feedback = feedback
        result.add(item, where)
    return result


def sniff(data: bytes) -> bool:
    return is_xlsx(data)


FORMAT = Format(
    name="wayground-xlsx",
    label="Wayground spreadsheet",
    extension="wayground.xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    shapes=frozenset(TYPES),
    write=write,
    read=read,
    sniff=sniff,
    misfit=misfit,
    timed=True,
    loses=("question titles", "more than five options or accepted answers"),
)
