"""Totals over the whole record, as triggers keep them: commitments by area × party × progress
level, and money by party × currency × flow type (what the overview's charts draw).

`progress_tallies` and `funding_tallies` hold signed changes (see migration 0016_overview_scale):
a cell's total is the sum of its rows, so reading costs one grouped scan of a table that stays
small once folded. Writers only ever append, so that concurrent writers never wait on a shared
counter; `fold` replaces the rows by one per cell now and then.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

# Rows past which a reader folds: a grouped sum of this many takes 2-3 ms (12,000 took 16-22 ms,
# a fifth of an overview page; folding 2,000 takes a few ms, once every few hundred writes).
FOLD_AT = 2_000

# table → its key columns and the column summed
_TABLES = {
    "progress_tallies": ("area, party_code, level", "n"),
    "funding_tallies": ("party_code, currency, type", "value"),
}


# Fewer new commitments than this are left to the row triggers: pausing them costs two writes.
PAUSE_FROM = 20

# What the row triggers of 0016_overview_scale add up to for commitments that had no actor and no
# area before: each actor counts once in each of its commitment's areas, or in "(none)"
# (accord.services.overview.NO_AREA) when it has none; rejected commitments count nowhere.
_NEW_COMMITMENTS = text(
    """INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT coalesce(x.area, '(none)'), a.party_code, a.progress, count(*)
  FROM commitment_actors a JOIN commitments c ON c.id = a.commitment_id
  LEFT JOIN commitment_areas x ON x.commitment_id = a.commitment_id
  WHERE a.commitment_id IN (SELECT value FROM json_each(:ids)) AND c.review_state <> 'rejected'
  GROUP BY coalesce(x.area, '(none)'), a.party_code, a.progress"""
)


@contextmanager
def tallied_at_once(session: Session, new_commitments: Sequence[int]) -> Iterator[None]:
    """The actors and areas of `new_commitments` (which have none yet) inserted inside this block
    are tallied at its end, one row per cell, rather than by a trigger per row. For SQLite, which
    has no statement triggers (migration 0020_tally_pauses); PostgreSQL tallies each statement at
    once by itself. Inside the caller's write transaction, which no other connection sees until
    it commits, and the pause is lifted before it does."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or len(new_commitments) < PAUSE_FROM:
        yield
        return
    connection.execute(text("INSERT INTO tally_pauses (id) VALUES (1)"))
    try:
        yield
    finally:  # never left paused, even if the caller goes on after an error
        connection.execute(text("DELETE FROM tally_pauses"))
    connection.execute(_NEW_COMMITMENTS, {"ids": json.dumps(list(new_commitments))})


def _sums(connection: Connection, name: str) -> tuple[list[tuple[str, str, str, object]], int]:
    keys, summed = _TABLES[name]
    rows = connection.execute(text(f"SELECT {keys}, SUM({summed}), COUNT(*) FROM {name} GROUP BY {keys}"))
    out, count = [], 0
    for first, second, third, total, seen in rows:
        count += seen
        out.append((first, second, third, total))
    return out, count


def progress_tallies(connection: Connection) -> tuple[dict[tuple[str, str, str], int], int]:
    """(party, area, level) → commitments, without the cells at zero; and how many rows were summed."""
    rows, count = _sums(connection, "progress_tallies")
    return {(party, area, level): int(str(n)) for area, party, level, n in rows if n}, count


def funding_tallies(connection: Connection) -> tuple[dict[tuple[str, str, str], Decimal], int]:
    """(party, currency, flow type) → total, without the cells at zero; and how many rows were summed."""
    rows, count = _sums(connection, "funding_tallies")
    out = {}
    for party, currency, flow_type, total in rows:
        # SQLite sums NUMERIC in floating point: back to cents, as the column keeps them.
        value = Decimal(str(total)).quantize(Decimal("0.01"))
        if value:
            out[(party, currency, flow_type)] = value
    return out, count


def fold(connection: Connection) -> None:
    """Replace the rows of both tables by their sums, one per cell, in the caller's write transaction.

    On PostgreSQL one statement deletes and sums the same rows (one snapshot): a change that a
    concurrent writer commits meanwhile is neither summed nor deleted. SQLite has one writer at a
    time, and the caller's transaction is it."""
    for name, (keys, summed) in _TABLES.items():
        if connection.dialect.name == "postgresql":
            connection.execute(
                text(
                    f"WITH gone AS (DELETE FROM {name} RETURNING {keys}, {summed}) "
                    f"INSERT INTO {name} ({keys}, {summed}) "
                    f"SELECT {keys}, SUM({summed}) FROM gone GROUP BY {keys} HAVING SUM({summed}) <> 0"
                )
            )
            continue
        top = connection.scalar(text(f"SELECT max(id) FROM {name}"))
        if top is None:
            continue
        connection.execute(
            text(
                f"INSERT INTO {name} ({keys}, {summed}) SELECT {keys}, SUM({summed}) FROM {name} "
                f"WHERE id <= :top GROUP BY {keys} HAVING SUM({summed}) <> 0"
            ),
            {"top": top},
        )
        connection.execute(text(f"DELETE FROM {name} WHERE id <= :top"), {"top": top})
