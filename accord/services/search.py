"""Searching provisions and commitments, with highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.errors import InputError
from accord.storage import search as index
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, CommitmentRow, ProvisionRow

MARKS = (index.MARK_START, index.MARK_END)


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str  # "provision" or "commitment"
    id: int
    agreement: str
    snippet: str  # matches between MARKS


def search(db: Database, query: str, *, limit: int = 20) -> list[SearchResult]:
    if not query.strip():
        raise InputError("nothing to search for", hint='give words, e.g. "quantum supply chain"')
    if not 1 <= limit <= 200:
        raise InputError(f"limit must be 1 to 200, got {limit}", hint="e.g. 20", field="limit")
    with db.reading() as session:
        # A commitment's quote is also (part of) the sentence it was read from: ask for more hits
        # than shown, so that dropping those doubles still fills the page.
        hits = _once(session, index.search(session, query, limit * 2))[:limit]
        slugs = {
            agreement_id: slug
            for agreement_id, slug in session.execute(select(AgreementRow.id, AgreementRow.slug))
        }
    return [SearchResult(h.kind, h.ref_id, slugs.get(h.agreement_id, "?"), h.snippet) for h in hits]


def _once(session: Session, hits: list[index.Hit]) -> list[index.Hit]:
    """Each passage once: a provision hit that overlaps a commitment hit of the same document is
    the same words found twice, and the commitment (what was undertaken) is the one kept."""
    commitment_ids = [h.ref_id for h in hits if h.kind == "commitment"]
    provision_ids = [h.ref_id for h in hits if h.kind == "provision"]
    if not commitment_ids or not provision_ids:
        return hits
    spans = session.execute(
        select(CommitmentRow.document_id, CommitmentRow.start, CommitmentRow.end).where(
            CommitmentRow.id.in_(commitment_ids)
        )
    ).all()
    provisions = {
        row.id: (row.document_id, row.start, row.end)
        for row in session.execute(
            select(ProvisionRow.id, ProvisionRow.document_id, ProvisionRow.start, ProvisionRow.end).where(
                ProvisionRow.id.in_(provision_ids)
            )
        )
    }

    def doubled(hit: index.Hit) -> bool:
        found = provisions.get(hit.ref_id)
        if hit.kind != "provision" or found is None:
            return False
        document, start, end = found
        return any(d == document and s < end and start < e for d, s, e in spans)

    return [hit for hit in hits if not doubled(hit)]
