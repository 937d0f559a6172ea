"""One page of commitments, filtered and ordered by id, in a handful of Core queries.

The hot read path of the API: rows come back as tuples and leave as plain dicts, no ORM objects.
Pages are keyset pages: "ids after this one", so page 20,000 costs what page 1 costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, select

from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    AmountRow,
    BodyRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentBodyRow,
    CommitmentRow,
    DocumentRow,
    table,
)

_commitments = table(CommitmentRow)
_actors = table(CommitmentActorRow)
_areas = table(CommitmentAreaRow)
_agreements = table(AgreementRow)
_documents = table(DocumentRow)
_parties = table(AgreementPartyRow)
_links = table(CommitmentBodyRow)
_bodies = table(BodyRow)
_amounts = table(AmountRow)

REJECTED = "rejected"
# Actors that are not (or no longer) parties of the agreement sort after those that are.
_NOT_A_PARTY = 99


@dataclass(frozen=True, slots=True)
class CommitmentFilter:
    """What a list asks for; every field is already checked. `None` means "any"."""

    agreement_id: int | None = None
    actor: str | None = None
    area: str | None = None
    strength: str | None = None
    progress: str | None = None  # with `actor`: that party's level; without: any actor's
    due_before: dt.date | None = None  # strictly before
    due_after: dt.date | None = None  # strictly after
    review_state: str | None = None  # None: every state but rejected
    after_id: int = 0


def agreement_id(connection: Connection, reference: str) -> int | None:
    """The id of the agreement with this numeric id or, failing that, this slug."""
    reference = reference.strip()
    if reference.isdigit():
        found = connection.scalar(select(_agreements.c.id).where(_agreements.c.id == int(reference)))
        if found is not None:
            return int(found)
    found = connection.scalar(select(_agreements.c.id).where(_agreements.c.slug == reference))
    return None if found is None else int(found)


def _page_query(wanted: CommitmentFilter, limit: int) -> Select[Any]:
    c = _commitments
    # The most selective filter with an index ending in commitment_id drives the walk, so matching ids
    # come out of the index already ordered and the LIMIT stops the scan early.
    joined = c.join(_agreements, _agreements.c.id == c.c.agreement_id).join(
        _documents, _documents.c.id == c.c.document_id
    )
    where: list[ColumnElement[bool]] = []
    key: Any = c.c.id
    if wanted.area is not None:
        joined = joined.join(_areas, and_(_areas.c.commitment_id == c.c.id, _areas.c.area == wanted.area))
        key = _areas.c.commitment_id
    if wanted.actor is not None:
        # One row per (commitment, party): joining on one party never repeats a commitment.
        condition = and_(_actors.c.commitment_id == c.c.id, _actors.c.party_code == wanted.actor)
        if wanted.progress is not None:
            condition = and_(condition, _actors.c.progress == wanted.progress)
        joined = joined.join(_actors, condition)
        key = _actors.c.commitment_id
    elif wanted.progress is not None:
        where.append(exists().where(_actors.c.commitment_id == c.c.id, _actors.c.progress == wanted.progress))
    if wanted.agreement_id is not None:
        where.append(c.c.agreement_id == wanted.agreement_id)
    if wanted.strength is not None:
        where.append(c.c.strength == wanted.strength)
    if wanted.due_before is not None:
        where.append(c.c.due < wanted.due_before)
    if wanted.due_after is not None:
        where.append(c.c.due > wanted.due_after)
    if wanted.review_state is None:
        where.append(c.c.review_state != REJECTED)
    else:
        where.append(c.c.review_state == wanted.review_state)
    if wanted.after_id:
        where.append(key > wanted.after_id)
    return (
        select(
            c.c.id,
            _agreements.c.slug,
            c.c.span_start,
            c.c.span_end,
            # Slicing in the database: only the quote leaves it, never the whole document.
            func.substr(_documents.c.text, c.c.span_start + 1, c.c.span_end - c.c.span_start),
            c.c.strength,
            c.c.timeframe,
            c.c.due,
            c.c.review_state,
            c.c.version,
        )
        .select_from(joined)
        .where(*where)
        .order_by(key)
        .limit(limit)
    )


def commitment_page(
    connection: Connection, wanted: CommitmentFilter, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """Up to `limit` commitments with ids above `wanted.after_id`, as the API's JSON items, by id;
    and whether more follow (one row more than asked tells, without counting)."""
    rows = connection.execute(_page_query(wanted, limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    if not rows:
        return [], False
    ids = [row[0] for row in rows]
    actors = _actors_of(connection, ids)
    areas = _grouped(connection, select(_areas.c.commitment_id, _areas.c.area), _areas.c.commitment_id, ids)
    bodies = _grouped(
        connection,
        select(_links.c.commitment_id, _bodies.c.name).join(_bodies, _bodies.c.id == _links.c.body_id),
        _links.c.commitment_id,
        ids,
    )
    amounts = _amounts_of(connection, ids)
    items = [
        {
            "id": id_,
            "agreement": slug,
            "start": start,
            "end": end,
            "quote": quote,
            "actors": actors.get(id_, []),
            "strength": strength or "",
            "areas": areas.get(id_, []),
            "bodies": bodies.get(id_, []),
            "amounts": amounts.get(id_, []),
            "timeframe": timeframe,
            "due": due.isoformat() if due else None,
            "review_state": review_state,
            "version": version,
        }
        for id_, slug, start, end, quote, strength, timeframe, due, review_state, version in rows
    ]
    return items, more


def _grouped(
    connection: Connection, query: Select[Any], column: Any, ids: Sequence[int]
) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for commitment_id, value in connection.execute(query.where(column.in_(ids))):
        grouped.setdefault(commitment_id, []).append(value)
    return grouped


def _actors_of(connection: Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    """Each commitment's actors in the order its agreement lists its parties."""
    position = func.coalesce(_parties.c.position, _NOT_A_PARTY)
    query = (
        select(_actors.c.commitment_id, _actors.c.party_code)
        .join(_commitments, _commitments.c.id == _actors.c.commitment_id)
        .outerjoin(
            _parties,
            and_(
                _parties.c.agreement_id == _commitments.c.agreement_id,
                _parties.c.party_code == _actors.c.party_code,
            ),
        )
        .where(_actors.c.commitment_id.in_(ids))
        .order_by(_actors.c.commitment_id, position, _actors.c.party_code)
    )
    grouped: dict[int, list[str]] = {}
    for commitment_id, code in connection.execute(query):
        grouped.setdefault(commitment_id, []).append(code)
    return grouped


def _amounts_of(connection: Connection, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    query = (
        select(
            _amounts.c.commitment_id,
            _amounts.c.value,
            _amounts.c.currency,
            _amounts.c.party_code,
            _amounts.c.period,
        )
        .where(_amounts.c.commitment_id.in_(ids))
        .order_by(_amounts.c.commitment_id, _amounts.c.span_start)
    )
    grouped: dict[int, list[dict[str, Any]]] = {}
    for commitment_id, value, currency, code, period in connection.execute(query):
        number = float(value)
        grouped.setdefault(commitment_id, []).append(
            {
                "value": int(number) if number.is_integer() else number,
                "currency": currency,
                "actor": code,
                "period": period,
            }
        )
    return grouped
