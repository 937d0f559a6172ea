"""Writing a document's provision tree."""

from __future__ import annotations

from sqlalchemy.orm import Session

from accord.domain.provisions import Provision
from accord.storage.ids import reserve_ids
from accord.storage.tables import ProvisionRow, table


def insert_provisions(
    session: Session, agreement_id: int, document_id: int, provisions: list[Provision]
) -> list[int]:
    """One bulk insert: ids are reserved first, so every child can name its parent's id."""
    ids = reserve_ids(session, table(ProvisionRow), len(provisions))
    rows = [
        {
            "id": ids[p.index],
            "agreement_id": agreement_id,
            "document_id": document_id,
            "parent_id": None if p.parent is None else ids[p.parent],
            "kind": p.kind.value,
            "ordinal": p.ordinal,
            "depth": p.depth,
            "span_start": p.start,
            "span_end": p.end,
        }
        for p in provisions
    ]
    if rows:
        session.execute(table(ProvisionRow).insert(), rows)
    return ids
