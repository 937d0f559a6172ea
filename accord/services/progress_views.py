"""The progress sheet (one row per commitment and acting party, with its current level), importable
without SQLAlchemy: `accord export progress` reads it through the stdlib sqlite3 path
(accord.storage.sqlite_queries) when it can, `services.bulk.export_rows` through the ORM
otherwise; both build it here."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import Any, Protocol

from accord.domain.progress import Level
from accord.services.agreement_views import find_in_file
from accord.services.commitment_views import CommitmentView, commitments_in_file
from accord.storage import sqlite_queries, sqlite_reads

COLUMNS = (
    "commitment",
    "agreement",
    "party",
    "level",
    "on",
    "evidence_url",
    "evidence_on",
    "note",
    "by",
    "quote",
)


class ProgressFields(Protocol):
    """What the sheet reads from a progress update: its ORM row, or the stdlib path's."""

    @property
    def commitment_id(self) -> int: ...
    @property
    def party_code(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def made_on(self) -> dt.date: ...
    @property
    def evidence_url(self) -> str | None: ...
    @property
    def evidence_on(self) -> dt.date | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def recorded_by(self) -> str | None: ...


def sheet_rows(views: Iterable[CommitmentView], updates: Iterable[ProgressFields]) -> list[dict[str, Any]]:
    """One row per commitment and acting party with its latest update (`updates` oldest first)."""
    latest: dict[tuple[int, str], ProgressFields] = {}
    for update in updates:
        latest[(update.commitment_id, update.party_code)] = update
    rows = []
    for view in views:
        for party in view.actors:
            progress = latest.get((view.id, party))
            rows.append(
                {
                    "commitment": view.id,
                    "agreement": view.agreement,
                    "party": party,
                    "level": progress.level if progress else Level.NO_EVIDENCE.value,
                    "on": progress.made_on.isoformat() if progress else "",
                    "evidence_url": (progress.evidence_url or "") if progress else "",
                    "evidence_on": progress.evidence_on.isoformat()
                    if progress and progress.evidence_on
                    else "",
                    "note": (progress.note or "") if progress else "",
                    "by": (progress.recorded_by or "") if progress else "",
                    "quote": view.quote,
                }
            )
    return rows


def sheet_rows_from_file(
    connection: sqlite3.Connection, agreement: str | None = None
) -> list[dict[str, Any]]:
    """What `services.bulk.export_rows` gives, read from a SQLite file at the current schema."""
    with sqlite_reads.reading(connection):
        views = commitments_in_file(connection, agreement)
        agreement_id = None if agreement is None else find_in_file(connection, agreement).id
        return sheet_rows(views, sqlite_queries.progress_updates(connection, agreement_id))
