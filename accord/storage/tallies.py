"""Commitments by area × party × progress level over the whole record, as triggers keep them.

`progress_tallies` holds signed changes (see migration 0016_overview_scale): a cell's count is
the sum of its rows, so reading costs one grouped scan of a table that stays small once folded.
Writers only ever append to it, so that concurrent writers never wait on a shared counter;
`fold` replaces the rows by one per cell now and then.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# Rows past which a reader folds: a grouped sum of this many takes a few milliseconds.
FOLD_AT = 20_000

_SUM = text(
    "SELECT area, party_code, level, SUM(n), COUNT(*) FROM progress_tallies GROUP BY area, party_code, level"
)


def progress_tallies(connection: Connection) -> tuple[dict[tuple[str, str, str], int], int]:
    """(party, area, level) → commitments, without the cells at zero; and how many rows were summed."""
    counts: dict[tuple[str, str, str], int] = {}
    rows = 0
    for area, party, level, total, summed in connection.execute(_SUM):
        rows += summed
        if total:
            counts[(party, area, level)] = int(total)
    return counts, rows


def fold(connection: Connection) -> None:
    """Replace the rows by their sums, one per cell, in the caller's write transaction.

    On PostgreSQL one statement deletes and sums the same rows (one snapshot): a change that a
    concurrent writer commits meanwhile is neither summed nor deleted. SQLite has one writer at a
    time, and the caller's transaction is it."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "WITH gone AS (DELETE FROM progress_tallies RETURNING area, party_code, level, n) "
                "INSERT INTO progress_tallies (area, party_code, level, n) "
                "SELECT area, party_code, level, SUM(n) FROM gone GROUP BY area, party_code, level "
                "HAVING SUM(n) <> 0"
            )
        )
        return
    top = connection.scalar(text("SELECT max(id) FROM progress_tallies"))
    if top is None:
        return
    connection.execute(
        text(
            "INSERT INTO progress_tallies (area, party_code, level, n) "
            "SELECT area, party_code, level, SUM(n) FROM progress_tallies WHERE id <= :top "
            "GROUP BY area, party_code, level HAVING SUM(n) <> 0"
        ),
        {"top": top},
    )
    connection.execute(text("DELETE FROM progress_tallies WHERE id <= :top"), {"top": top})
