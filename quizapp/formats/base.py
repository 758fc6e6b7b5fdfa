"""What a format is, and the two things every caller does with one: export items, import a file.

A format module builds one ``Format``: its name, what it is called, which answer shapes it
carries, a writer, and (unless it is export-only) a reader and a test that recognises its files.
``export`` keeps what the format can carry and says what it leaves out; ``read`` guards the size
and the count before and after a module's reader runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..kinds.shapes import AnswerShape
from .items import MAX_FILE_BYTES, MAX_ITEMS, SHAPE_LABELS, FormatError, ImportResult, Item


@dataclass(frozen=True)
class Format:
    """One interchange format."""

    name: str
    label: str
    extension: str
    media_type: str
    #: The answer shapes this format carries; other items are left out, with a message.
    shapes: frozenset[AnswerShape]
    write: Callable[..., bytes]
    read: Callable[[bytes], ImportResult] | None = None
    #: Whether some bytes look like this format (for "detect from content").
    sniff: Callable[[bytes], bool] | None = None
    #: Why one item of a carried shape still does not fit (e.g. too long), or None.
    misfit: Callable[[Item], str | None] | None = None
    #: What the format loses of every question it carries, for the export page and README.
    loses: tuple[str, ...] = field(default=())
    #: Whether ``write`` takes ``seconds``, the time per question (a quiz's time limit).
    timed: bool = False

    @property
    def binary(self) -> bool:
        return not self.media_type.startswith("text/")


@dataclass
class Export:
    """An exported file and what was left out of it, one sentence per reason."""

    content: bytes
    kept: list[Item]
    left_out: list[str]


def left_out(fmt: Format, items: Sequence[Item]) -> tuple[list[Item], list[str]]:
    """The items ``fmt`` carries, and sentences saying what it cannot ("2 ordering ...")."""
    kept: list[Item] = []
    unshaped: Counter[AnswerShape] = Counter()
    misfits: list[str] = []
    for number, item in enumerate(items, 1):
        if item.shape not in fmt.shapes:
            unshaped[item.shape] += 1
        elif fmt.misfit and (reason := fmt.misfit(item)):
            misfits.append(f"Question {number} is left out: {reason}")
        else:
            kept.append(item)
    messages = [
        f"{count} {SHAPE_LABELS[shape]} question{'s' if count > 1 else ''} "
        f"{'are' if count > 1 else 'is'} left out of {fmt.label}, which has no "
        f"{SHAPE_LABELS[shape]} questions."
        for shape, count in unshaped.items()
    ]
    return kept, messages + misfits


def export(fmt: Format, items: Sequence[Item], title: str, seconds: int | None = None) -> Export:
    """Write what ``fmt`` carries of ``items``; say what is left out.

    ``seconds`` (a quiz's time per question) goes to the formats that have a time limit.
    """
    kept, messages = left_out(fmt, items)
    content = fmt.write(kept, title, seconds=seconds) if fmt.timed else fmt.write(kept, title)
    return Export(content, kept, messages)


def read(fmt: Format, data: bytes) -> ImportResult:
    """Import ``data`` as ``fmt``, refusing files too big or with too many questions."""
    if fmt.read is None:
        raise FormatError(f"{fmt.label} files can be exported but not imported.")
    check_size(data)
    result = fmt.read(data)
    count = len(result.items) + len(result.skipped)
    if count > MAX_ITEMS:
        raise FormatError(
            f"The file holds {count} questions; at most {MAX_ITEMS} can be imported at once."
        )
    return result


def check_size(data: bytes) -> None:
    """Refuse an empty file or one over the size limit, before anything parses it."""
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(
            f"The file is {len(data):,} bytes; at most {MAX_FILE_BYTES:,} can be imported."
        )
    if not data.strip():
        raise FormatError("The file is empty.")


def decode_text(data: bytes) -> str:
    """A text file's content: UTF-8 (with or without BOM), else a clear ``FormatError``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("The file is not UTF-8 text.") from None
    if "\x00" in text:
        raise FormatError("The file is not text (it holds NUL bytes).")
    return text.replace("\r\n", "\n").replace("\r", "\n")
