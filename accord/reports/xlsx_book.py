"""The XLSX file of an export, written with XlsxWriter: one sheet, its header frozen and filtered,
days as dates, text always a text cell (never a formula).

XlsxWriter imports in about a fifth of openpyxl's time, which keeps `accord export --format xlsx`
within the CLI's start-up budget (issue 14); openpyxl only reads sheets back
(`accord import progress`). The sheet is written in XlsxWriter's `constant_memory` mode: rows go
to a temporary file as they come, and every text is an inline string. Its shared-string table
(the other mode) holds every text in memory, and openpyxl reads its escapes back otherwise than
they were written.

XlsxWriter writes a control character (other than tab and newline) as `_xHHHH_` and a literal
`_xHHHH_` as `_x005F_xHHHH_`; accord.domain.cells.unescaped undoes exactly that on import. Two
texts do not come back as they were, both XlsxWriter's doing: one with `_xHHHH` (no closing
underscore) right before a control character, whose escape then reads as part of it, and one
shaped like `<r>...</r>` that holds a control character or `_xHHHH_`, escaped twice. A cell holds
at most 32,767 characters (Excel's limit): a longer text is cut there.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
CHUNK = 1 << 16  # bytes of the finished file per chunk sent
MAX_CELL = 32_767  # Excel's limit, in UTF-16 code units, of the text of one cell


def day(value: Any) -> Any:
    """An ISO day (YYYY-MM-DD) as a date, so that a spreadsheet sorts and filters it as one; any
    other value as it is."""
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def xlsx_chunks(
    batches: Iterable[list[list[Any]]], columns: tuple[str, ...], title: str, *, days: frozenset[str]
) -> Iterator[bytes]:
    """A sheet named `title` with `columns` and the rows of `batches` (cell values, flat), as
    chunks of bytes; the cells of the columns named in `days` holding an ISO day are dates.

    The zip exists only at the end, so in between an empty chunk per batch gives a server its
    chance to stop when its client has left."""
    from xlsxwriter import Workbook

    dated = {index for index, column in enumerate(columns) if column in days}
    buffer = io.BytesIO()
    # The row file of constant_memory lives in a folder of ours, removed however the export ends.
    with tempfile.TemporaryDirectory(prefix="accord-xlsx-") as folder:
        book = Workbook(
            buffer,
            {
                "constant_memory": True,
                "tmpdir": folder,
                # Recorded text stays text: no formulas, numbers or links guessed from it.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        try:
            sheet = book.add_worksheet(title)
            sheet.freeze_panes(1, 0)  # the header stays in view while scrolling
            date_format = book.add_format({"num_format": "yyyy-mm-dd"})
            sheet.write_row(0, 0, columns)
            row = 0
            for batch in batches:
                for values in batch:
                    row += 1
                    for column, value in enumerate(values):
                        _write(sheet, row, column, day(value) if column in dated else value, date_format)
                yield b""
            # A filter on every column of the header, over every row written.
            sheet.autofilter(0, 0, row, len(columns) - 1)
        finally:
            # Also when the export is abandoned: closing writes what there is, then closes and
            # removes the row file, which would otherwise stay open until the garbage collector.
            book.close()
    data = buffer.getbuffer()
    for start in range(0, len(data), CHUNK):
        yield bytes(data[start : start + CHUNK])


def _write(sheet: Any, row: int, column: int, value: Any, date_format: Any) -> None:
    if value is None or value == "":
        return  # an empty cell
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        sheet.write_datetime(row, column, value, date_format)
    else:
        _write_text(sheet, row, column, str(value))


def cut(text: str) -> str:
    """`text` cut to what one cell holds (an emoji counts two, as in Excel)."""
    if len(text) <= MAX_CELL // 2:
        return text
    encoded = text.encode("utf-16-le")
    # A character cut in half (a surrogate pair) is dropped whole.
    return text if len(encoded) <= 2 * MAX_CELL else encoded[: 2 * MAX_CELL].decode("utf-16-le", "ignore")


def _write_text(sheet: Any, row: int, column: int, text: str) -> None:
    text = cut(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter copies such a string into the sheet as markup (its own rich strings look so):
        # written as three plain runs instead, it is escaped and reads back as the same text.
        sheet.write_rich_string(row, column, text[:1], text[1:-1], text[-1:])
    else:
        sheet.write_string(row, column, text)
