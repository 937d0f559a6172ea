"""Reading the audit trail: its records newest first, filtered, and one record in full. Admins
only (`by=None` is the trusted local command line): the trail names every user and what they did."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from accord.domain.access import Principal
from accord.domain.shapes import IsoTime
from accord.errors import InputError, NotFound
from accord.storage.audit import MAIN, intact
from accord.storage.database import Database
from accord.storage.tables import AuditRow

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: IsoTime
    actor: str
    action: str
    target: str
    before: Any
    after: Any
    hash: str
    previous_hash: str
    side_branch: bool
    intact: bool  # its content still matches its hash


def _entry(row: AuditRow) -> AuditEntry:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return AuditEntry(
        row.id, at, row.actor, row.action, row.target, row.before, row.after, row.hash,
        row.previous_hash, row.branch != MAIN, intact(row),
    )  # fmt: skip


def _single(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > 200:
        raise InputError(f"the {name} filter is longer than 200 characters", hint="shorten it")
    return value.strip()


def audit_entries(
    db: Database,
    *,
    by: Principal | None,
    limit: int = 50,
    before: int | None = None,
    action: str | None = None,
    actor: str | None = None,
    target: str | None = None,
) -> list[AuditEntry]:
    """The newest records first; `before` pages on (the id of the last record already shown).
    `target` matches a record's target exactly or by its kind (`user`, `commitment:12`)."""
    if by is not None:
        by.require_admin()
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"the limit must be 1 to {MAX_LIMIT}, got {limit}", hint="e.g. 50")
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditRow.id < before)
    if (wanted := _single(action, "action")) is not None:
        query = query.where(AuditRow.action == wanted)
    if (wanted := _single(actor, "actor")) is not None:
        query = query.where(AuditRow.actor == wanted)
    if (wanted := _single(target, "target")) is not None:
        query = query.where(
            (AuditRow.target == wanted) | AuditRow.target.startswith(wanted + ":", autoescape=True)
        )
    with db.reading() as session:
        return [_entry(row) for row in session.scalars(query)]


def audit_entry(db: Database, record: int, *, by: Principal | None) -> AuditEntry:
    if by is not None:
        by.require_admin()
    with db.reading() as session:
        row = session.get(AuditRow, record)
        if row is None:
            raise NotFound(f"no audit record {record}", hint="the audit list shows the records' numbers")
        return _entry(row)
