"""An agreement's money flows, importable without SQLAlchemy: `accord export funding` reads them
through the stdlib sqlite3 path (accord.storage.sqlite_queries) when it can,
`services.funding.flows_by_agreement` through the ORM otherwise; both build them here."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from accord.domain import shapes
from accord.domain.funding import FlowType
from accord.domain.shapes import Shape
from accord.services.agreement_views import find_in_file
from accord.storage import sqlite_queries, sqlite_reads

REVIEWED = ("accepted", "edited")  # the review states whose extracted amounts are pledges


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowView(Shape):
    id: int | None = None  # of a flow entered by hand
    type: str
    party: str
    value: shapes.Number
    currency: str
    period: str | None
    commitment: int | None
    source: str  # "extracted" (a reviewed amount of the text) or "entered"
    made_on: dt.date | None = None
    note: str | None = None


class AmountFields(Protocol):
    """What a pledge reads from an extracted amount: its ORM row, or the stdlib path's."""

    @property
    def party_code(self) -> str | None: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def period(self) -> str | None: ...
    @property
    def commitment_id(self) -> int: ...


class FlowFields(Protocol):
    """What the view of a flow entered by hand reads from its row: the ORM's, or the stdlib path's."""

    @property
    def id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def party_code(self) -> str: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def period(self) -> str | None: ...
    @property
    def commitment_id(self) -> int | None: ...
    @property
    def made_on(self) -> dt.date | None: ...
    @property
    def note(self) -> str | None: ...


def entered_flow(flow: FlowFields) -> FlowView:
    return FlowView(
        id=flow.id, type=flow.type, party=flow.party_code, value=flow.value, currency=flow.currency,
        period=flow.period, commitment=flow.commitment_id, source="entered", made_on=flow.made_on, note=flow.note,
    )  # fmt: skip


def agreement_flows(
    amounts: Iterable[tuple[AmountFields, str]], entered: Iterable[FlowFields]
) -> list[FlowView]:
    """Every flow of an agreement: the pledges of its reviewed extracted amounts that name a party
    (`amounts` with their commitment's review state, in text order), then the flows entered by hand."""
    out = [
        _pledge(amount, amount.party_code)
        for amount, state in amounts
        if state in REVIEWED and amount.party_code
    ]
    return out + [entered_flow(flow) for flow in entered]


def _pledge(amount: AmountFields, party: str) -> FlowView:
    return FlowView(
        type=FlowType.PLEDGE.value, party=party, value=amount.value, currency=amount.currency,
        period=amount.period, commitment=amount.commitment_id, source="extracted",
    )  # fmt: skip


def flows_by_agreement_from_file(
    connection: sqlite3.Connection, agreement: str | None = None
) -> list[tuple[str, FlowView]]:
    """What `services.funding.flows_by_agreement` gives, read from a SQLite file at the current schema."""
    with sqlite_reads.reading(connection):
        if agreement is None:
            found = [(id_, slug) for id_, slug in sorted(sqlite_queries.slugs(connection).items())]
        else:
            row = find_in_file(connection, agreement)
            found = [(row.id, row.slug)]
        return [
            (slug, flow)
            for id_, slug in found
            for flow in agreement_flows(
                sqlite_queries.agreement_amounts(connection, id_),
                sqlite_queries.funding_flows(connection, id_),
            )
        ]
