"""Exports: the commitments, the progress sheet and the funding flows as CSV, JSON or XLSX files.

JSON keeps each row as the services give it (the commitments exactly as `accord commitments --json`
prints them); CSV and XLSX have one column per field, lists joined with ";" (accord.reports.sheets
writes the files).

A file is produced as a stream of chunks, one agreement read at a time, so that a download starts
at once, holds little memory, and stops when its client leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain, islice
from typing import Any

from accord.reports.export_rows import COLUMNS, commitment_rows, funding_rows
from accord.reports.sheets import (
    FORMATS,
    ROWS_PER_CHUNK,
    ExportFile,
    _csv_chunks,
    _json_chunks,
    _xlsx_chunks,
    check,
    csv_flat_chunks,
    filename,
    json_text,
    sheet_file,
)
from accord.services import bulk
from accord.services.commitment_sheet import commitment_sheet_rows
from accord.services.commitments import list_commitments
from accord.services.funding import flows_by_agreement
from accord.services.listing import commitments_to_export
from accord.services.queries import agreement_ids
from accord.storage.database import Database

__all__ = ["FORMATS", "ROWS_PER_CHUNK", "ExportFile", "check", "filename", "json_text"]  # re-exported


def commitments_json(db: Database, agreement: str | None = None) -> list[dict[str, Any]]:
    return commitment_rows(list_commitments(db, agreement))


def _funding(db: Database, agreement: str | None = None) -> list[dict[str, Any]]:
    return funding_rows(flows_by_agreement(db, agreement))


KINDS: dict[str, Callable[[Database, str | None], list[dict[str, Any]]]] = {
    "commitments": commitments_json,
    "progress": bulk.export_rows,
    "funding": _funding,
}


def rows(db: Database, kind: str, agreement: str | None = None) -> Iterator[dict[str, Any]]:
    """The rows of `kind`, a few agreements read at a time (all agreements in id order by default)."""
    if kind == "commitments":
        yield from commitments_to_export(db, agreement)
        return
    read = KINDS[kind]
    if agreement is not None:
        yield from read(db, agreement)
        return
    for agreement_id in agreement_ids(db):
        yield from read(db, str(agreement_id))


def chunks(
    db: Database, kind: str, *, fmt: str = "csv", agreement: str | None = None, max_rows: int | None = None
) -> Iterator[bytes]:
    """The file of `kind` in `fmt`, as chunks of bytes; at most `max_rows` rows when given."""
    check(kind, fmt)
    if kind == "commitments" and fmt == "csv":
        # Cells straight from the database's rows: the download's hot path (see commitment_sheet).
        flat = commitment_sheet_rows(db, agreement, max_rows=max_rows)
        yield from csv_flat_chunks(chain(list(islice(flat, 1)), flat), COLUMNS[kind])
        return
    found = rows(db, kind, agreement)
    # The first row is read before the first chunk, so that an unknown agreement is an error
    # raised before anything is sent, not a broken file.
    found = chain(list(islice(found, 1)), found)
    limited: Iterator[dict[str, Any]] = islice(found, max_rows) if max_rows is not None else found
    columns = COLUMNS[kind]
    if fmt == "json":
        yield from _json_chunks(limited)
    elif fmt == "csv":
        yield from _csv_chunks(limited, columns)
    else:
        yield from _xlsx_chunks(limited, columns, kind)


def export(db: Database, kind: str, *, fmt: str = "csv", agreement: str | None = None) -> ExportFile:
    """The rows of `kind` (of one agreement, or of all) as the bytes of a file in `fmt`."""
    check(kind, fmt)
    return sheet_file(kind, fmt, rows(db, kind, agreement), COLUMNS[kind])
