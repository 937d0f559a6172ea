"""Exports: the commitments, the progress sheet and the funding flows as CSV, JSON or XLSX files.

JSON keeps each row as the services give it (the commitments exactly as `accord commitments --json`
prints them); CSV and XLSX have one column per field, lists joined with ";".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accord.errors import InputError
from accord.services import bulk
from accord.services.commitments import list_commitments
from accord.services.funding import flows_by_agreement
from accord.storage.database import Database

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COMMITMENT_COLUMNS = (
    "id", "agreement", "start", "end", "quote", "actors", "strength", "areas", "bodies", "amounts",
    "timeframe", "due", "review_state", "version",
)  # fmt: skip
FUNDING_COLUMNS = (
    "agreement", "id", "type", "party", "value", "currency", "period", "commitment", "source", "made_on",
    "note",
)  # fmt: skip
SEPARATOR = ";"


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
        return f"{self.kind}-{agreement}.{self.fmt}" if agreement else f"{self.kind}.{self.fmt}"


def amount_text(amount: dict[str, Any]) -> str:
    """An extracted amount in one cell: value, currency, then the paying party and period if known."""
    parts = [str(amount["value"]), amount["currency"], amount.get("actor"), amount.get("period")]
    return " ".join(str(part) for part in parts if part)


def flat(value: Any) -> Any:
    """A JSON value as one CSV or XLSX cell: lists joined, amounts written out, null left empty."""
    if isinstance(value, list):
        return SEPARATOR.join(amount_text(v) if isinstance(v, dict) else str(v) for v in value)
    return "" if value is None else value


def commitments_json(db: Database, agreement: str | None = None) -> list[dict[str, Any]]:
    return [view.as_json() for view in list_commitments(db, agreement)]


def json_text(rows: list[dict[str, Any]]) -> str:
    """Rows as `accord commitments --json` prints them."""
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def funding_rows(db: Database, agreement: str | None = None) -> list[dict[str, Any]]:
    return [{"agreement": slug, **flow.as_json()} for slug, flow in flows_by_agreement(db, agreement)]


KINDS: dict[str, tuple[Callable[[Database, str | None], list[dict[str, Any]]], tuple[str, ...]]] = {
    "commitments": (commitments_json, COMMITMENT_COLUMNS),
    "progress": (bulk.export_rows, bulk.COLUMNS),
    "funding": (funding_rows, FUNDING_COLUMNS),
}


def check(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown export {kind!r}", hint="commitments, progress or funding")
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="csv, json or xlsx")


def export(db: Database, kind: str, *, fmt: str = "csv", agreement: str | None = None) -> ExportFile:
    """The rows of `kind` (of one agreement, or of all) as the bytes of a file in `fmt`."""
    check(kind, fmt)
    read, columns = KINDS[kind]
    rows = read(db, agreement)
    if fmt == "json":
        return ExportFile(kind, fmt, len(rows), json_text(rows).encode("utf-8"))
    cells = [{column: flat(row[column]) for column in columns} for row in rows]
    data = (
        bulk.to_csv(cells, columns=columns)
        if fmt == "csv"
        else bulk.to_xlsx(cells, columns=columns, title=kind)
    )
    return ExportFile(kind, fmt, len(rows), data)
