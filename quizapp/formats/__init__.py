"""Interchange formats: one module per format, pure code (no Flask, no database).

Every format works on ``Item`` (``items.py``), a question known only by the shape of its answer,
never by a kind's name. ``FORMATS`` lists them by the names the CLI and the app use; ``export``
writes what a format carries and says what it leaves out; ``import_file`` reads a file, in a
named format or one detected from its content.
"""

from __future__ import annotations

from . import aiken, gift, kahoot, moodle_xml, qti21, qti30, wayground
from .base import Export, Format, check_size, export, left_out, read
from .items import (
    MAX_FILE_BYTES,
    MAX_ITEMS,
    SHAPE_LABELS,
    FormatError,
    ImportResult,
    Item,
    Problem,
)
from .sheets import cell_text, open_rows

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "SHAPE_LABELS",
    "Export",
    "Format",
    "FormatError",
    "ImportResult",
    "Item",
    "Problem",
    "detect",
    "export",
    "get_format",
    "import_file",
    "left_out",
]

#: Every format by its name, in the order offered to teachers.
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        gift.FORMAT,
        moodle_xml.FORMAT,
        aiken.FORMAT,
        qti21.FORMAT,
        qti30.FORMAT,
        kahoot.FORMAT,
        wayground.FORMAT,
    )
}

#: The order formats are tried in when detecting one from a file's content.
DETECTION_ORDER = ("moodle-xml", "qti21", "kahoot-xlsx", "wayground-xlsx", "aiken", "gift")


def get_format(name: str) -> Format:
    """The format called ``name``; a ``FormatError`` lists the names there are."""
    try:
        return FORMATS[name]
    except KeyError:
        raise FormatError(f"Unknown format {name!r}; choose one of {', '.join(FORMATS)}.") from None


def detect(data: bytes) -> Format:
    """The format a file is in, from its content; a ``FormatError`` if none fits."""
    if data[:2] == b"PK":
        if b"xl/" in data[:4000] or b"[Content_Types].xml" in data[:4000]:
            return _spreadsheet(data)
        return FORMATS["qti21"]
    for name in DETECTION_ORDER:
        fmt = FORMATS[name]
        if fmt.sniff and fmt.sniff(data):
            return fmt
    raise FormatError(
        "The file's format was not recognised: choose it (GIFT, Moodle XML, Aiken, QTI, or a "
        "Kahoot or Wayground spreadsheet)."
    )


def _spreadsheet(data: bytes) -> Format:
    """Kahoot's template or Wayground's, told apart by their headers."""
    rows = open_rows(data)
    if rows and rows[0] and cell_text(rows[0][0]) == wayground.HEADER[0]:
        return FORMATS["wayground-xlsx"]
    return FORMATS["kahoot-xlsx"]


def import_file(data: bytes, name: str | None = None) -> ImportResult:
    """Read ``data`` as the format called ``name``, or as the one detected from its content.

    ``result.format`` names the format read (a QTI reader tells 2.1 from 3.0 by the content).
    """
    check_size(data)
    fmt = get_format(name) if name else detect(data)
    return read(fmt, data)
