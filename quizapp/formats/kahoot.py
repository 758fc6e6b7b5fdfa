"""Kahoot's spreadsheet template (.xlsx), both ways: multiple choice, select all, true/false.

The layout of Kahoot's "Quiz template" workbook: a few lines of instructions, the header on row 8
(column A empty, then "Question - max 120 characters", "Answer 1 - max 75 characters" to
"Answer 4 ...", "Time limit (sec) ...", "Correct answer(s) - choose at least one") and one
question per row from row 9, numbered in column A. Correct answers are option numbers ("1,3").
A question longer than 120 characters, an answer longer than 75 or more than four answers does not
fit, and is listed. Kahoot has no feedback, so the source sentence is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from ..kinds.shapes import AnswerShape
from .base import Format
from .items import FormatError, ImportResult, Item
from .sheets import cell_text, is_xlsx, numbers, open_rows, put_row, saved

MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
DEFAULT_TIME = 20
HEADER_ROW = 8
HEADER = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
INSTRUCTIONS = (
    "Quiz template",
    "Add questions, at least two answer alternatives, time limit and choose correct answers "
    "(at least one). Have fun creating your awesome quiz!",
    "Remember: questions have a limit of 120 characters and answers can have 75 characters max. "
    "If several answers are correct, separate them with a comma.",
    "Exported by quizapp.",
)
TRUTHS = ("True", "False")


def answers_of(item: Item) -> tuple[list[str], list[str]]:
    """The answers shown and the right ones."""
    if item.shape == AnswerShape.TRUTH:
        return list(TRUTHS), [TRUTHS[0] if item.answer else TRUTHS[1]]
    keys = [item.answer] if item.shape == AnswerShape.ONE_CHOICE else list(item.answer)
    return list(item.options), keys


def misfit(item: Item) -> str | None:
    options, _ = answers_of(item)
    if len(item.stem) > MAX_QUESTION:
        return f"the question has {len(item.stem)} characters; Kahoot allows {MAX_QUESTION}."
    if len(options) > MAX_ANSWERS:
        return f"it has {len(options)} answers; Kahoot allows {MAX_ANSWERS}."
    if any(len(option) > MAX_ANSWER for option in options):
        return f"an answer is longer than Kahoot's {MAX_ANSWER} characters."
    return None


def time_limit(seconds: int | None) -> int:
    """The nearest time Kahoot offers, at least the given time (20 s without one)."""
    if not seconds:
        return DEFAULT_TIME
    return next((limit for limit in TIME_LIMITS if limit >= seconds), TIME_LIMITS[-1])


def write(items: Sequence[Item], title: str, seconds: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row, text in enumerate(INSTRUCTIONS, 2):
        put_row(sheet, row, [text], first_column=2)
    put_row(sheet, HEADER_ROW, HEADER, first_column=2)
    for number, item in enumerate(items, 1):
        options, keys = answers_of(item)
        correct = ",".join(str(options.index(key) + 1) for key in keys)
        answers = options + [""] * (MAX_ANSWERS - len(options))
        row = [number, item.stem, *answers, time_limit(seconds), correct]
        put_row(sheet, HEADER_ROW + number, row)
    for column, width in zip("ABCDEFGH", (5, 60, 30, 30, 30, 30, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return saved(workbook)


def read(data: bytes) -> ImportResult:
    """Questions from a sheet in Kahoot's layout (the header row is found by its text)."""
    rows = open_rows(data)
    header = next(
        (i for i, row in enumerate(rows) if any(cell_text(c).startswith("Question") for c in row)),
        None,
    )
    if header is None:
        raise FormatError("No header row starting “Question - max 120 characters” was found.")
    first = next(j for j, c in enumerate(rows[header]) if cell_text(c).startswith("Question"))
    result = ImportResult("kahoot-xlsx")
    for index in range(header + 1, len(rows)):
        cells = [cell_text(c) for c in rows[index][first : first + 7]] + [""] * 7
        stem, options, correct = cells[0], [c for c in cells[1:5] if c], cells[6]
        if not stem and not any(options):
            continue
        where = f"row {index + 1}"
        picks = numbers(correct)
        if picks is None or any(not 1 <= p <= len(cells[1:5]) or not cells[p] for p in picks):
            result.skip(where, f"“{correct}” does not name answers 1 to 4 that are filled in.")
            continue
        keys = [cells[p] for p in picks]
        if [o.casefold() for o in options] == [t.casefold() for t in TRUTHS] and len(keys) == 1:
            result.add(Item(AnswerShape.TRUTH, stem, keys[0].casefold() == "true"), where)
        elif len(keys) == 1:
            result.add(Item(AnswerShape.ONE_CHOICE, stem, keys[0], options=options), where)
        else:
            result.add(Item(AnswerShape.MANY_CHOICES, stem, keys, options=options), where)
    return result


def sniff(data: bytes) -> bool:
    return is_xlsx(data)


FORMAT = Format(
    name="kahoot-xlsx",
    label="Kahoot spreadsheet",
    extension="kahoot.xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    shapes=frozenset({AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES, AnswerShape.TRUTH}),
    write=write,
    read=read,
    sniff=sniff,
    misfit=misfit,
    timed=True,
    loses=(
        "the source sentence (Kahoot's template has no feedback)",
        "question titles",
        "a select-all question with one right answer comes back as multiple choice",
    ),
)
