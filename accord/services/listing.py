"""Pages of commitments filtered in the database: the list behind GET /api/v1/commitments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import anyio
from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.commitments import AREAS, STRENGTH_VALUES, ReviewState
from accord.domain.parties import party
from accord.domain.progress import Level
from accord.errors import InputError
from accord.services.commitment_views import commitment_json
from accord.services.queries import find_agreement
from accord.storage.database import Database, OverBudget
from accord.storage.listing import CommitmentFilter, agreements_commitments, commitment_page
from accord.storage.tables import AgreementRow

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class CommitmentPage:
    """Items in id order; `next` is the cursor of the following page, None on the last one."""

    items: list[dict[str, Any]]
    limit: int
    next: int | None

    def as_json(self) -> dict[str, Any]:
        """The page as `plain` gives it, without pydantic walking the 50 items again: they are
        plain JSON values already."""
        return {"items": self.items, "limit": self.limit, "next": self.next}


def _choice(kind: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InputError(f"unknown {kind} {value!r}", hint=f"{kind} is one of: " + ", ".join(choices))
    return value


def page_commitments(
    db: Database,
    *,
    agreement: str | None = None,
    actor: str | None = None,
    area: str | None = None,
    strength: str | None = None,
    progress: str | None = None,
    due_before: dt.date | None = None,
    due_after: dt.date | None = None,
    review: str | None = None,
    cursor: int | None = None,
    limit: int = DEFAULT_LIMIT,
    budget: int | None = None,
) -> CommitmentPage:
    """One page of commitments matching every filter given, after the commitment id `cursor`.

    `progress` is a party's current level: that of `actor` when one is given, else any actor's.
    Rejected commitments are left out unless `review="rejected"` asks for them.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}", hint="page with `next`")
    if cursor is not None and cursor < 0:
        raise InputError(f"cursor must be a commitment id, got {cursor}", hint="pass the `next` of a page")
    wanted = CommitmentFilter(
        actor=party(actor).code if actor is not None else None,
        area=_choice("area", area, AREAS) if area is not None else None,
        strength=_choice("strength", strength, STRENGTH_VALUES) if strength is not None else None,
        progress=Level.parse(progress).value if progress is not None else None,
        due_before=due_before,
        due_after=due_after,
        review_state=_choice("review", review, tuple(s.value for s in ReviewState))
        if review is not None
        else None,
        after_id=cursor or 0,
    )
    with db.read_connection(budget=budget) as connection:
        if agreement is not None:
            with Session(connection) as session:
                wanted = dataclasses.replace(wanted, agreement_id=find_agreement(session, agreement).id)
        rows, found, more = commitment_page(connection, wanted, limit)
    # Each item's JSON written straight from its row, as the exports write theirs: building a view
    # and dumping it through pydantic was a quarter of the request's time.
    items = [commitment_json(row, row.slug, found) for row in rows]
    return CommitmentPage(items, limit, items[-1]["id"] if more else None)


# A page of a common filter takes about 12,000 SQLite steps (about 1 ms); this many is a few ms
# at most, so a page read on the event loop never holds up the other requests for long.
INLINE_BUDGET = 50_000


async def page_commitments_soon(db: Database, **filters: Any) -> CommitmentPage:
    """`page_commitments` for an event loop. On SQLite the page is read right away, on the loop,
    under a step budget: handing it to a worker thread would cost more than the query. A filter
    so selective that the walk outgrows the budget is interrupted and read again on a worker
    thread, so that it never holds up the loop's other requests. PostgreSQL always uses a thread."""
    if db.is_sqlite:
        try:
            return page_commitments(db, **filters, budget=INLINE_BUDGET)
        except OverBudget:
            pass
    return await anyio.to_thread.run_sync(functools.partial(page_commitments, db, **filters))


# Agreements read together for an export: a few thousand commitments at a time, so that memory
# stays small and the queries few.
AGREEMENTS_PER_BATCH = 20


def commitments_to_export(db: Database, agreement: str | None = None) -> Iterator[dict[str, Any]]:
    """The commitments (but the rejected) as the exports list them, in their JSON shape: agreement
    by agreement in id order, each in text order, read AGREEMENTS_PER_BATCH agreements at a time
    in a few Core queries and no ORM objects. An unknown agreement raises on the first row asked."""
    for first, last in export_batches(db, agreement):
        with db.read_connection() as connection:
            rows, found = agreements_commitments(connection, first, last)
        for row in rows:
            yield commitment_json(row, row.slug, found)


def export_batches(db: Database, agreement: str | None) -> Iterator[tuple[int, int]]:
    """The first and last agreement ids of each batch of AGREEMENTS_PER_BATCH agreements, in id
    order (just the one agreement when given: an unknown one raises at once)."""
    with db.reading() as session:
        if agreement is not None:
            ids = [find_agreement(session, agreement).id]
        else:
            ids = list(session.scalars(select(AgreementRow.id).order_by(AgreementRow.id)))
    for first in range(0, len(ids), AGREEMENTS_PER_BATCH):
        batch = ids[first : first + AGREEMENTS_PER_BATCH]
        # The ids of the batch follow each other in the list: the range holds them and no other.
        yield batch[0], batch[-1]
