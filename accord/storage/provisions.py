"""Writing documents' provision trees."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from accord.domain.provisions import Provision
from accord.storage.bulk_insert import insert_rows
from accord.storage.ids import reserve_ids
from accord.storage.tables import ProvisionRow, table


def insert_provisions(
    session: Session, agreement_id: int, document_id: int, provisions: list[Provision]
) -> list[int]:
    """One bulk insert: ids are reserved first, so every child can name its parent's id."""
    (ids,) = insert_provision_trees(session, [(agreement_id, document_id, provisions)])
    return ids


def insert_provision_trees(
    session: Session, trees: Sequence[tuple[int, int, list[Provision]]]
) -> list[list[int]]:
    """The trees of several documents, (agreement id, document id, provisions) each, in one bulk
    insert; the ids of each tree's provisions, by index."""
    reserved = reserve_ids(session, table(ProvisionRow), sum(len(tree) for _, _, tree in trees))
    out: list[list[int]] = []
    rows = []
    offset = 0
    for agreement_id, document_id, provisions in trees:
        ids = reserved[offset : offset + len(provisions)]
        offset += len(provisions)
        out.append(ids)
        rows += [
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
        insert_rows(session, table(ProvisionRow), rows)
    return out
