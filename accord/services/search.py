"""Searching provisions and commitments, with highlighted snippets (MARKS and SearchResult are
in accord.services.search_views, importable without SQLAlchemy)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.services.search_views import MARKS, SearchResult, check_query, without_doubles
from accord.storage import search as index
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, CommitmentRow, ProvisionRow

__all__ = ["MARKS", "SearchResult", "search"]


def search(db: Database, query: str, *, limit: int = 20) -> list[SearchResult]:
    check_query(query, limit)
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
    spans = [
        (document, start, end)
        for document, start, end in session.execute(
            select(CommitmentRow.document_id, CommitmentRow.start, CommitmentRow.end).where(
                CommitmentRow.id.in_(commitment_ids)
            )
        )
    ]
    provisions = {
        row.id: (row.document_id, row.start, row.end)
        for row in session.execute(
            select(ProvisionRow.id, ProvisionRow.document_id, ProvisionRow.start, ProvisionRow.end).where(
                ProvisionRow.id.in_(provision_ids)
            )
        )
    }
    kinds = {number: (hit.kind, hit.ref_id) for number, hit in enumerate(hits)}
    return without_doubles(hits, kinds, spans, provisions)
