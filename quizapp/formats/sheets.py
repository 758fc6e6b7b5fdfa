"""Shared spreadsheet plumbing for the Kahoot and Wayground templates (openpyxl, no Flask).

Texts are written as text cells even when they start with "=", so no question becomes a formula
in Excel, LibreOffice or Google Sheets; control characters XML cannot hold are dropped. Reading
checks the zip's unpacked size before openpyxl opens it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from .items import MAX_FILE_BYTES, FormatError

MAX_UNPACKED_BYTES = 20 * MAX_FILE_BYTES


def put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one cell; a text stays text (never a formula)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def put_row(sheet: Worksheet, row: int, values: Sequence[Any], first_column: int = 1) -> None:
    for offset, value in enumerate(values):
        if value is not None and value != "":
            put(sheet, row, first_column + offset, value)


def saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def open_rows(data: bytes) -> list[list[Any]]:
    """The first sheet's rows as lists of cell values; an unreadable file is a ``FormatError``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
                raise FormatError("The spreadsheet unpacks to more than 40 MB.")
    except zipfile.BadZipFile:
        raise FormatError("The file is not an .xlsx spreadsheet.") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise FormatError(f"The spreadsheet cannot be read ({type(error).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A cell as text: numbers without ".0", None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def numbers(value: Any) -> list[int] | None:
    """ "1,3" (or 2, or "2 ; 4") as [1, 3]; None if it is not a list of whole numbers."""
    text = cell_text(value).replace(";", ",")
    try:
        found = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        return None
    return found or None


def is_xlsx(data: bytes) -> bool:
    return data[:2] == b"PK" and b"xl/" in data[:4000]
