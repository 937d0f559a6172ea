"""The commitments export as the cells of a sheet, for the CSV download: each row the commitment's
JSON (as `commitments_to_export` gives it) written flat — lists joined with ";", amounts written
out, nothing as "" — built straight from the database's tuples.

With 10,000 rows (what an anonymous reader downloads), making a dict per commitment and then
walking it cell by cell cost as much as reading the rows; tests/test_downloads.py pins the file
made here to the one made from those dicts, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from accord.domain.cells import SEPARATOR, amount_cell
from accord.domain.commitments import amount_json
from accord.services.listing import AGREEMENTS_PER_BATCH
from accord.services.queries import find_agreement
from accord.storage.database import Database
from accord.storage.listing import AMOUNT
from accord.storage.sheet_reads import agreement_ids_after, sheet_batch

NO_LIMIT = 2**31 - 1
# Of a list's row: (kind, commitment_id, rank, text, value, party, period).
_KIND_AND_ID = itemgetter(0, 1)
_TEXT = itemgetter(3)


def commitment_sheet_rows(
    db: Database, agreement: str | None = None, *, max_rows: int | None = None
) -> Iterator[list[Any]]:
    """The cells of each commitment (but the rejected), in the columns' order (COMMITMENT_KEYS),
    agreement by agreement in id order and each in text order; at most `max_rows` rows, and no
    more read than those. An unknown agreement raises on the first row asked."""
    remaining = NO_LIMIT if max_rows is None else max_rows
    only = None
    if agreement is not None:
        with db.reading() as session:
            only = find_agreement(session, agreement).id
    after = 0
    while remaining > 0:
        with db.read_connection() as connection:
            batch = (
                [only] if only is not None else agreement_ids_after(connection, after, AGREEMENTS_PER_BATCH)
            )
            if not batch or batch[0] <= after:
                return
            # The ids of the batch follow each other: the range from the first to the last holds them only.
            rows, lists = sheet_batch(connection, batch[0], batch[-1], remaining)
        after = batch[-1]
        actors, areas, bodies, amounts = _joined(lists)
        for id_, slug, start, end, quote, strength, timeframe, due, review_state, version, _ in rows:
            yield [
                id_, slug, start, end, quote, actors.get(id_, ""), strength or "", areas.get(id_, ""),
                bodies.get(id_, ""), amounts.get(id_, ""), timeframe or "", _day(due), review_state, version,
            ]  # fmt: skip
        remaining -= len(rows)


def _day(due: str | dt.date | None) -> str:
    # SQLite's fast path hands days over as the ISO text they are stored as; PostgreSQL as dates.
    if due is None:
        return ""
    return due if isinstance(due, str) else due.isoformat()


def _joined(lists: list[Any]) -> tuple[dict[int, str], ...]:
    """Each commitment's actors, areas, bodies and amounts as one cell each, by commitment id: the
    lists come ordered by kind and commitment, so each cell is one run of rows, joined in C."""
    found: tuple[dict[int, str], ...] = ({}, {}, {}, {})
    for (kind, commitment_id), run in groupby(lists, key=_KIND_AND_ID):
        if kind == AMOUNT:
            cells = (
                amount_cell(amount_json(value, text, party, period)) for *_, text, value, party, period in run
            )
            found[kind][commitment_id] = SEPARATOR.join(cells)
        else:
            found[kind][commitment_id] = SEPARATOR.join(map(_TEXT, run))
    return found
