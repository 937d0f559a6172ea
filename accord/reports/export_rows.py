"""The rows and columns of each export (commitments, progress, funding), made from the services'
views, importable without SQLAlchemy: `accord export` reads them through the stdlib sqlite3 path
(`export_from_file`) when it can, accord.reports.exports through the ORM otherwise; both build
them here and write them with accord.reports.sheets."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from accord.domain.shapes import plain
from accord.reports.sheets import ExportFile, check, sheet_file
from accord.services import progress_views
from accord.services.commitment_views import COMMITMENT_KEYS, CommitmentView, list_commitments_from_file
from accord.services.funding_views import FlowView, flows_by_agreement_from_file

COMMITMENT_COLUMNS = COMMITMENT_KEYS  # the columns are the keys of the commitment's JSON
PROGRESS_COLUMNS = progress_views.COLUMNS
FUNDING_COLUMNS = (
    "agreement", "id", "type", "party", "value", "currency", "period", "commitment", "source", "made_on",
    "note",
)  # fmt: skip
COLUMNS = {"commitments": COMMITMENT_COLUMNS, "progress": PROGRESS_COLUMNS, "funding": FUNDING_COLUMNS}


def commitment_rows(views: Iterable[CommitmentView]) -> list[dict[str, Any]]:
    """The commitments exactly as `accord commitments --json` prints them."""
    return [plain(view) for view in views]


def funding_rows(flows: Iterable[tuple[str, FlowView]]) -> list[dict[str, Any]]:
    """Each flow with its agreement's slug first."""
    return [{"agreement": slug, **plain(flow)} for slug, flow in flows]


_FROM_FILE: dict[str, Callable[[sqlite3.Connection, str | None], list[dict[str, Any]]]] = {
    "commitments": lambda connection, agreement: commitment_rows(
        list_commitments_from_file(connection, agreement)
    ),
    "progress": progress_views.sheet_rows_from_file,
    "funding": lambda connection, agreement: funding_rows(
        flows_by_agreement_from_file(connection, agreement)
    ),
}


def export_from_file(
    connection: sqlite3.Connection, kind: str, fmt: str, agreement: str | None
) -> ExportFile:
    """What `reports.exports.export` makes, read from a SQLite file at the current schema (every
    agreement at once: the rows come in the same order as one agreement at a time, by id)."""
    check(kind, fmt)
    return sheet_file(kind, fmt, _FROM_FILE[kind](connection, agreement), COLUMNS[kind])
