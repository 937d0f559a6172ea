"""The agreement list, importable without SQLAlchemy: `accord agreements` reads it through the
stdlib sqlite3 path (accord.storage.sqlite_reads) when it can, `services.queries.list_agreements`
through the ORM otherwise; both give these summaries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from accord.storage import sqlite_reads


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    id: int
    slug: str
    title: str
    date: dt.date | None
    kind: str
    parties: list[str]
    legally_binding: bool | None
    provisions: int
    commitments: int


def list_agreements_from_file(connection: sqlite3.Connection) -> list[AgreementSummary]:
    """What `services.queries.list_agreements` gives, read from a SQLite file at the current schema."""
    return [AgreementSummary(*record) for record in sqlite_reads.agreement_records(connection)]
