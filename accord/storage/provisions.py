"""Writing documents' provision trees."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from accord.domain.provisions import Provision
from accord.storage.bulk_insert import insert_rows
from accord.storage.ids import reserve_id_runs
from accord.storage.tables import ProvisionRow, table


def insert_provisions(
    session: Session, agreement_id: int, document_id: int, provisions: list[Provision]
) -> list[int]:
    """One bulk insert: ids are reserved first, so every child can name its parent's id."""
    (ids,) = insert_provision_trees(session, [(agreement_id, document_id, provisions)])
    return ids


def insert_provision_trees(
    session: Session, trees: Sequence[tuple[int, int, list[Provision]]], ids: list[list[int]] | None = None
) -> list[list[int]]:
    """The trees of several documents, (agreement id, document id, provisions) each, in one bulk
    insert; the ids of each tree's provisions, by index (`ids`, when the caller reserved them)."""
    out = (
        reserve_id_runs(session, table(ProvisionRow), [len(tree) for _, _, tree in trees])
        if ids is None
        else ids
    )
    rows = []
    for (agreement_id, document_id, provisions), tree_ids in zip(trees, out, strict=True):
        rows += [
            {
                "id": tree_ids[p.index],
                "agreement_id": agreement_id,
                "document_id": document_id,
                "parent_id": None if p.parent is None else tree_ids[p.parent],
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
