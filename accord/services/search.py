"""Searching provisions and commitments, with highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from accord.errors import InputError
from accord.storage import search as index
from accord.storage.database import Database
from accord.storage.schema import ensure_ready
from accord.storage.tables import AgreementRow

MARKS = (index.MARK_START, index.MARK_END)


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str  # "provision" or "commitment"
    id: int
    agreement: str
    snippet: str  # matches between MARKS

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "agreement": self.agreement, "snippet": self.snippet}


def search(db: Database, query: str, *, limit: int = 20) -> list[SearchResult]:
    ensure_ready(db.engine)
    if not query.strip():
        raise InputError("nothing to search for", hint='give words, e.g. "quantum supply chain"')
    if not 1 <= limit <= 200:
        raise InputError(f"limit must be 1 to 200, got {limit}", hint="e.g. --limit 20")
    with db.reading() as session:
        hits = index.search(session, query, limit)
        slugs = {
            agreement_id: slug
            for agreement_id, slug in session.execute(select(AgreementRow.id, AgreementRow.slug))
        }
    return [SearchResult(h.kind, h.ref_id, slugs.get(h.agreement_id, "?"), h.snippet) for h in hits]
