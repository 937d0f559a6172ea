"""The files of the exports (CSV, JSON, XLSX) made from rows, importable without SQLAlchemy:
`accord export commitments` writes them from the stdlib sqlite3 path's rows when it can, and
accord.reports.exports from the services' rows otherwise.

A file is produced as a stream of chunks, so that a download starts at once, holds little memory,
and stops when its client leaves (the server stops asking for chunks). CSV cells that a
spreadsheet would run as a formula are neutralised (OWASP's rule).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from accord.domain.cells import FORMULA_START, SEPARATOR, amount_cell, neutralised
from accord.errors import InputError
from accord.reports.xlsx_book import xlsx_chunks

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

T = TypeVar("T")
ROWS_PER_CHUNK = 500  # rows formatted between two chances for the server to notice a client has left
# The columns whose cells are days (YYYY-MM-DD): dates in an XLSX sheet, text in CSV and JSON.
DAY_COLUMNS = frozenset({"due", "on", "evidence_on", "made_on"})


@dataclass(frozen=True, slots=True)
class ExportFile:
    kind: str
    fmt: str
    rows: int
    data: bytes

    @property
    def media_type(self) -> str:
        return FORMATS[self.fmt]

    def filename(self, agreement: str | None = None) -> str:
        return filename(self.kind, self.fmt, agreement)


def filename(kind: str, fmt: str, agreement: str | None = None) -> str:
    return f"{kind}-{agreement}.{fmt}" if agreement else f"{kind}.{fmt}"


def flat(value: Any) -> Any:
    """A JSON value as one CSV or XLSX cell: lists joined, amounts written out, null left empty."""
    if isinstance(value, list):
        return SEPARATOR.join(amount_cell(v) if isinstance(v, dict) else str(v) for v in value)
    return "" if value is None else value


def json_text(rows: list[dict[str, Any]]) -> str:
    """Rows as `accord commitments --json` prints them."""
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def _batches(items: Iterator[T]) -> Iterator[list[T]]:
    while batch := list(islice(items, ROWS_PER_CHUNK)):
        yield batch


def _json_chunks(items: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    # The same text as json_text(rows) for the whole list, written a batch at a time.
    first = True
    yield b"["
    for batch in _batches(items):
        parts = [json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ") for row in batch]
        yield (("\n " if first else ",\n ") + ",\n ".join(parts)).encode("utf-8")
        first = False
    yield b"]\n" if first else b"\n]\n"


# The first characters that can make a cell a formula: a cell starting otherwise (most are plain
# words or numbers) is written as it is, without the neutralising rule's work.
_FORMULA_FIRST = frozenset(FORMULA_START)


def csv_cell(value: Any) -> Any:
    """`neutralised(flat(value))`, cheaply for the common cells: one per column of every row."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return neutralised(value) if value[:1] in _FORMULA_FIRST else value
    if kind is int or kind is float:
        return value
    if kind is list and all(type(item) is str for item in value):
        joined = SEPARATOR.join(value)
        return neutralised(joined) if joined[:1] in _FORMULA_FIRST else joined
    return neutralised(flat(value))


def _csv_chunks(items: Iterator[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[bytes]:
    return _csv_rows(([csv_cell(row[column]) for column in columns] for row in items), columns)


def csv_flat_chunks(rows: Iterator[list[Any]], columns: tuple[str, ...]) -> Iterator[bytes]:
    """A CSV file of rows already flat (each cell text or a number, lists joined, nothing as ""),
    what csv_cell makes of the rows' JSON: only the neutralising rule is left to apply."""
    first = _FORMULA_FIRST
    return _csv_rows(
        (
            [neutralised(cell) if type(cell) is str and cell[:1] in first else cell for cell in row]
            for row in rows
        ),
        columns,
    )


def _csv_rows(rows: Iterator[list[Any]], columns: tuple[str, ...]) -> Iterator[bytes]:
    buffer = io.StringIO()
    # RFC 4180's CRLF: the csv module then quotes every field holding a CR or LF, so that a bare CR
    # in a note cannot end a row early.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for batch in _batches(rows):
        writer.writerows(batch)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _xlsx_chunks(items: Iterator[dict[str, Any]], columns: tuple[str, ...], title: str) -> Iterator[bytes]:
    flattened = ([[flat(row[column]) for column in columns] for row in batch] for batch in _batches(items))
    return xlsx_chunks(flattened, columns, title, days=DAY_COLUMNS)


class _Counted(Iterator[dict[str, Any]]):
    def __init__(self, items: Iterable[dict[str, Any]]) -> None:
        self._items = iter(items)
        self.count = 0

    def __next__(self) -> dict[str, Any]:
        item = next(self._items)
        self.count += 1
        return item


KIND_NAMES = ("commitments", "progress", "funding")


def check(kind: str, fmt: str) -> None:
    if kind not in KIND_NAMES:
        raise InputError(f"unknown export {kind!r}", hint="commitments, progress or funding")
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="csv, json or xlsx")


def sheet_file(kind: str, fmt: str, rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> ExportFile:
    """These rows of `kind` as the bytes of a file in `fmt`."""
    counted = _Counted(rows)
    check(kind, fmt)
    produce = {"json": _json_chunks, "csv": lambda r: _csv_chunks(r, columns)}.get(
        fmt, lambda r: _xlsx_chunks(r, columns, kind)
    )
    data = b"".join(produce(counted))
    return ExportFile(kind, fmt, counted.count, data)
