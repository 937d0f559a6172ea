"""Cells of the CSV and XLSX sheets that accord writes and reads back: a CSV cell that a
spreadsheet would run as a formula is neutralised on the way out and restored on the way in, and
the escapes of an XLSX text cell are undone on the way in."""

from __future__ import annotations

import re
from typing import Any

# Between the items of a list written in one cell (actors, areas, bodies, amounts).
SEPARATOR = ";"
# OWASP's CSV injection rule: a cell starting with one of these is read as a formula by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")  # "-1" (a score) is a number, never a formula: left as it is


def neutralised(value: Any) -> Any:
    """A CSV cell that cannot run as a formula: text starting with = + - @ tab or CR gets a leading
    apostrophe, which spreadsheets show as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def amount_cell(amount: dict[str, Any]) -> str:
    """An extracted amount (its JSON) in one cell: value, currency, then the paying party and
    period if known."""
    parts = [str(amount["value"]), amount["currency"], amount.get("actor"), amount.get("period")]
    return " ".join(str(part) for part in parts if part)


def restored(cell: str) -> str:
    """The text a neutralised cell stood for, so that an exported sheet imports as it was."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


# What the XLSX writer (XlsxWriter) escapes, and nothing else: a literal `_xHHHH_` behind `_x005F`,
# and as `_xHHHH_` (upper-case hex) the control characters other than tab and newline, U+FFFE, U+FFFF.
_XLSX_ESCAPE = re.compile(r"_x005F(_x[0-9A-Fa-f]{4}_)|_x(000[0-8BCDEF]|001[0-9A-F]|FFF[EF])_")


def unescaped(text: str) -> str:
    """The text an XLSX export cell stood for, read left to right as spreadsheets read it: its
    escaped control characters and its literal `_xHHHH_` restored, so that an exported sheet
    imports exactly as it was."""
    if "_x" not in text:
        return text
    return _XLSX_ESCAPE.sub(lambda match: match[1] or chr(int(match[2], 16)), text)
