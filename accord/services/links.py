"""Links between documents as read models: the measured JSON list, a commitment's lineage, the queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from accord.domain.shapes import plain
from accord.services.queries import find_agreement
from accord.services.suggestions import pending_count
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, CommitmentActorRow, CommitmentRow, DocumentRow, LinkRow


@dataclass(frozen=True, slots=True)
class End:
    agreement: str
    agreement_title: str
    date: dt.date | None
    start: int
    end: int
    quote: str
    commitment: int | None  # the commitment at this span, if one is there

    def as_json(self) -> dict[str, Any]:
        return {"agreement": self.agreement, "start": self.start, "end": self.end, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class LinkView:
    id: int
    later: End
    earlier: End
    relation: str
    score: float
    status: str
    explicit: bool
    reasons: list[str]
    actors: list[str]  # the earlier commitment's acting parties: who may decide
    decided_by: str | None
    progress_id: int | None

    def as_json(self) -> dict[str, Any]:
        """The measured shape of `accord links --json`."""
        return {
            "from": plain(self.later),
            "to": {**plain(self.earlier), "commitment": self.earlier.commitment},
            "relation": self.relation,
            "score": round(self.score, 4),
            "status": self.status,
            "reasons": self.reasons,
        }

    def as_record(self) -> dict[str, Any]:
        """The API's fuller shape: the measured fields plus id, explicit, actors and the decision."""
        return {
            "id": self.id,
            **plain(self),
            "explicit": self.explicit,
            "actors": self.actors,
            "decided_by": self.decided_by,
            "progress_id": self.progress_id,
        }


def _views(session: Session, rows: list[LinkRow]) -> list[LinkView]:
    if not rows:
        return []
    agreement_ids = {r.from_agreement_id for r in rows} | {r.to_agreement_id for r in rows}
    agreements = {
        a.id: a for a in session.scalars(select(AgreementRow).where(AgreementRow.id.in_(agreement_ids)))
    }
    document_ids = {r.from_document_id for r in rows} | {r.to_document_id for r in rows}
    texts: dict[int, str] = {
        document_id: text
        for document_id, text in session.execute(
            select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(document_ids))
        )
    }
    spans = {(r.from_document_id, r.from_start, r.from_end) for r in rows} | {
        (r.to_document_id, r.to_start, r.to_end) for r in rows
    }
    commitments: dict[tuple[int, int, int], int] = {}
    for chunk in _chunks(sorted(spans), 300):
        condition = or_(
            *(
                and_(CommitmentRow.document_id == d, CommitmentRow.start == s, CommitmentRow.end == e)
                for d, s, e in chunk
            )
        )
        for cid, d, s, e in session.execute(
            select(CommitmentRow.id, CommitmentRow.document_id, CommitmentRow.start, CommitmentRow.end).where(
                condition
            )
        ):
            commitments[(d, s, e)] = cid
    actors: dict[int, list[str]] = {}
    for cid, code in session.execute(
        select(CommitmentActorRow.commitment_id, CommitmentActorRow.party_code).where(
            CommitmentActorRow.commitment_id.in_(list(commitments.values()))
        )
    ):
        actors.setdefault(cid, []).append(code)

    def end(agreement_id: int, document_id: int, start: int, stop: int) -> End:
        a = agreements[agreement_id]
        return End(
            a.slug, a.title, a.date, start, stop, texts[document_id][start:stop],
            commitments.get((document_id, start, stop)),
        )  # fmt: skip

    out = []
    for r in rows:
        earlier = end(r.to_agreement_id, r.to_document_id, r.to_start, r.to_end)
        out.append(
            LinkView(
                r.id,
                end(r.from_agreement_id, r.from_document_id, r.from_start, r.from_end),
                earlier,
                r.relation,
                float(r.score),
                r.status,
                r.explicit,
                list(r.reasons or []),
                sorted(actors.get(earlier.commitment or 0, [])),
                r.decided_by,
                r.progress_id,
            )
        )
    return out


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def list_links(db: Database, agreement: str | None = None, *, status: str | None = None) -> list[LinkView]:
    """Every link (from or to the agreement, if given), by later span, then score, highest first."""
    with db.reading() as session:
        query = select(LinkRow)
        if agreement is not None:
            row = find_agreement(session, agreement)
            query = query.where(or_(LinkRow.from_agreement_id == row.id, LinkRow.to_agreement_id == row.id))
        if status is not None:
            query = query.where(LinkRow.status == status)
        rows = list(session.scalars(query))
        views = _views(session, rows)
    views.sort(
        key=lambda v: (
            v.later.date or dt.date.min,
            v.later.agreement,
            v.later.start,
            v.later.end,
            -v.score,
            v.id,
        )
    )
    return views


def get_link(session: Session, link_id: int) -> LinkView | None:
    row = session.get(LinkRow, link_id)
    return _views(session, [row])[0] if row is not None else None


@dataclass(frozen=True, slots=True)
class Lineage:
    commitment: int
    agreement: str
    earlier: list[LinkView]  # links from this commitment's span back to earlier commitments
    later: list[LinkView]  # later spans linked to this commitment

    def as_json(self) -> dict[str, Any]:
        def item(view: LinkView, side: End) -> dict[str, Any]:
            return {
                "link": view.id,
                "agreement": side.agreement,
                "title": side.agreement_title,
                "date": side.date.isoformat() if side.date else None,
                "commitment": side.commitment,
                "start": side.start,
                "end": side.end,
                "quote": side.quote,
                "relation": view.relation,
                "score": round(view.score, 4),
                "status": view.status,
                "reasons": view.reasons,
            }

        return {
            "commitment": self.commitment,
            "agreement": self.agreement,
            "earlier": [item(v, v.earlier) for v in self.earlier],
            "later": [item(v, v.later) for v in self.later],
        }


def lineage(db: Database, commitment_id: int) -> Lineage:
    """A commitment's thread: what it carries forward (earlier) and what carried it on (later),
    rejected suggestions left out, each side in date order."""
    from accord.services.commitments import get_commitment

    with db.reading() as session:
        commitment = get_commitment(session, commitment_id)
        slug = session.scalar(select(AgreementRow.slug).where(AgreementRow.id == commitment.agreement_id))
        live = LinkRow.status != "rejected"
        backward = list(
            session.scalars(
                select(LinkRow).where(
                    LinkRow.from_document_id == commitment.document_id,
                    LinkRow.from_start < commitment.end,
                    LinkRow.from_end > commitment.start,
                    live,
                )
            )
        )
        forward = list(
            session.scalars(
                select(LinkRow).where(
                    LinkRow.to_document_id == commitment.document_id,
                    LinkRow.to_start == commitment.start,
                    LinkRow.to_end == commitment.end,
                    live,
                )
            )
        )
        earlier, later = _views(session, backward), _views(session, forward)
    order = {"accepted": 0, "suggested": 1}
    earlier.sort(key=lambda v: (v.earlier.date or dt.date.min, order.get(v.status, 2), -v.score))
    later.sort(key=lambda v: (v.later.date or dt.date.min, order.get(v.status, 2), -v.score))
    return Lineage(commitment.id, slug or "?", earlier, later)


def waiting(db: Database) -> int:
    """How many suggestions wait for review (the overview shows it)."""
    with db.reading() as session:
        return pending_count(session)
