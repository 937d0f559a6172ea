"""Cells of the CSV and XLSX sheets that accord writes and reads back: a cell that a spreadsheet
would run as a formula is neutralised on the way out and restored on the way in."""

from __future__ import annotations

import re
from typing import Any

# OWASP's CSV injection rule: a cell starting with one of these is read as a formula by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")  # "-1" (a score) is a number, never a formula: left as it is


def neutralised(value: Any) -> Any:
    """A CSV cell that cannot run as a formula: text starting with = + - @ tab or CR gets a leading
    apostrophe, which spreadsheets show as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def restored(cell: str) -> str:
    """The text a neutralised cell stood for, so that an exported sheet imports as it was."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
