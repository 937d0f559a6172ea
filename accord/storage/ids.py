"""Reserving primary keys before a bulk insert, so that parents and children go in one statement."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` unused ids for `table`, valid until the transaction ends.

    SQLite: the caller has already written in this transaction, so it holds the
    database's only write lock and max(id) cannot move under it. PostgreSQL: ids
    come from the column's sequence, which concurrent transactions never share.
    """
    if count == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
            {"table": table.name, "count": count},
        )
        return [row[0] for row in rows]
    highest = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
    return list(range(highest + 1, highest + 1 + count))


def reserve_id_runs(session: Session, table: Table, sizes: Sequence[int]) -> list[list[int]]:
    """`reserve_ids` for several sets of rows at once: one list of ids per size, in order."""
    reserved = reserve_ids(session, table, sum(sizes))
    starts = itertools.accumulate(sizes, initial=0)
    return [reserved[start : start + size] for start, size in zip(starts, sizes, strict=False)]
