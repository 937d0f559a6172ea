"""The agreements a page at a time for GET /api/v1/agreements, paged as the commitments are:
`limit` (at most 500), `cursor` and `next`, the cursor of the following page (None on the last).

The list keeps the order it had before it was paged, by date then id (undated agreements last
on both backends: SQLite used to put them first, PostgreSQL last), and is read by keyset: the
cursor is the id of the last agreement of the page before, and the next page starts after that
agreement's place in the order, so an agreement added meanwhile is neither listed twice nor
skipped by a client walking the pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, or_, select

from accord.errors import InputError
from accord.services.agreement_pages import DEFAULT_LIMIT, MAX_LIMIT
from accord.services.queries import AgreementSummary, summaries
from accord.storage.database import Database
from accord.storage.tables import AgreementRow


@dataclass(frozen=True, slots=True)
class AgreementList:
    """Agreements by date (undated last), then id; `next` is the cursor of the following page,
    None on the last one."""

    items: list[AgreementSummary]
    limit: int
    next: int | None


def list_agreements_page(
    db: Database,
    *,
    cursor: int | None = None,
    limit: int = DEFAULT_LIMIT,
    within: Select[tuple[int]] | None = None,
) -> AgreementList:
    """Up to `limit` agreements after the agreement `cursor` (from the first when None); with
    `within` (a query of agreement ids), only those agreements: a partnership is paged so."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}", hint="page with `next`")
    order = (AgreementRow.date.is_(None), AgreementRow.date, AgreementRow.id)
    query = select(AgreementRow.id).order_by(*order).limit(limit + 1)
    named = select(AgreementRow.date).where(AgreementRow.id == cursor)
    if within is not None:
        listed = AgreementRow.id.in_(within)
        query, named = query.where(listed), named.where(listed)
    with db.reading() as session:
        if cursor is not None:
            found = session.execute(named).first()
            if found is None:
                raise InputError(
                    f"cursor {cursor} names no agreement" + ("" if within is None else " of this list"),
                    hint="pass the `next` of a page, or start without a cursor",
                )
            query = query.where(_after(found.date, cursor))
        ids = list(session.scalars(query))
        items = summaries(session, ids[:limit])
    return AgreementList(items, limit, items[-1].id if len(ids) > limit else None)


def _after(date: dt.date | None, id_: int) -> ColumnElement[bool]:
    """The agreements after (`date`, `id_`) in the list's order: dated ones by date, then the
    undated, each by id."""
    day, key = AgreementRow.date, AgreementRow.id
    if date is None:
        return and_(day.is_(None), key > id_)
    return or_(day.is_(None), day > date, and_(day == date, key > id_))
