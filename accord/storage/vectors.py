"""Commitment vectors in the database (int8 bytes in a BLOB / bytea column, on every backend)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.storage.bulk_insert import insert_rows
from accord.storage.tables import CommitmentVectorRow, table


def store_vectors(session: Session, model: str, rows: Iterable[tuple[int, bytes]]) -> None:
    values = [{"commitment_id": i, "model": model, "vector": v} for i, v in rows]
    if values:
        insert_rows(session, table(CommitmentVectorRow), values)


def load_vectors(session: Session, commitment_ids: Sequence[int]) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    for chunk in range(0, len(commitment_ids), 5000):
        ids = commitment_ids[chunk : chunk + 5000]
        for commitment_id, vector in session.execute(
            select(CommitmentVectorRow.commitment_id, CommitmentVectorRow.vector).where(
                CommitmentVectorRow.commitment_id.in_(ids)
            )
        ):
            out[commitment_id] = vector
    return out
