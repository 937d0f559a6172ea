"""One page of commitments, filtered and ordered by id, in a handful of Core queries.

The hot read path of the API: rows come back as tuples, no ORM objects; the service makes them
the commitment's one JSON shape.
Pages are keyset pages: "ids after this one", so page 20,000 costs what page 1 costs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    CompoundSelect,
    Connection,
    Date,
    FromClause,
    Numeric,
    Select,
    String,
    Table,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from accord.domain.commitments import amount_json
from accord.storage.children import Children
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    AmountRow,
    BodyRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentBodyRow,
    CommitmentRow,
    table,
)

_commitments = table(CommitmentRow)
_actors = table(CommitmentActorRow)
_areas = table(CommitmentAreaRow)
_agreements = table(AgreementRow)
_parties = table(AgreementPartyRow)
_links = table(CommitmentBodyRow)
_bodies = table(BodyRow)
_amounts = table(AmountRow)

REJECTED = "rejected"
# Actors that are not (or no longer) parties of the agreement sort after those that are.
NOT_A_PARTY = 99
NO_SPAN = 2**31 - 1  # bodies linked by hand come after those the text names


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


def _page_columns() -> tuple[ColumnElement[Any], ...]:
    """What a page row holds (PageRow's fields, in its order), for every statement that makes one."""
    c = _commitments
    return (
        c.c.id,
        _agreements.c.slug,
        c.c.span_start.label("start"),
        c.c.span_end.label("end"),
        c.c.quote,
        c.c.strength,
        c.c.timeframe,
        c.c.due,
        c.c.review_state,
        c.c.version,
    )


@functools.cache
def _page_statement(shape: frozenset[str]) -> Select[Any]:
    """The page query for one combination of filters, built once: values come as bound parameters.

    Building and hashing a fresh statement costs more than SQLite takes to run it.
    """
    c = _commitments
    # The walk is driven by an index that ends in commitment_id (actor's, else area's, else the
    # table's own), so matching ids come out already ordered and the LIMIT stops the scan early.
    # The other child filters are EXISTS on that driving id: checked in the index, before the
    # commitment's row is read at all.
    driver: FromClause
    if "actor" in shape:
        key = _actors.c.commitment_id
        driver = _actors.join(c, c.c.id == key)
        where: list[ColumnElement[bool]] = [_actors.c.party_code == bindparam("actor")]
        if "progress" in shape:
            where.append(_actors.c.progress == bindparam("progress"))
    elif "area" in shape:
        key = _areas.c.commitment_id
        driver = _areas.join(c, c.c.id == key)
        where = [_areas.c.area == bindparam("area")]
    else:
        key = c.c.id
        driver = c
        where = []
    if "area" in shape and "actor" in shape:
        where.append(exists().where(_areas.c.commitment_id == key, _areas.c.area == bindparam("area")))
    if "progress" in shape and "actor" not in shape:
        # Any actor at that level; an EXISTS never repeats a commitment.
        progress = _actors.alias("any_actor")
        where.append(
            exists().where(progress.c.commitment_id == key, progress.c.progress == bindparam("progress"))
        )
    if "agreement_id" in shape:
        where.append(c.c.agreement_id == bindparam("agreement_id"))
    if "strength" in shape:
        where.append(c.c.strength == bindparam("strength"))
    if "due_before" in shape:
        where.append(c.c.due < bindparam("due_before", type_=Date))
    if "due_after" in shape:
        where.append(c.c.due > bindparam("due_after", type_=Date))
    if "review_state" in shape:
        where.append(c.c.review_state == bindparam("review_state"))
    else:
        where.append(c.c.review_state != REJECTED)
    where.append(key > bindparam("after_id"))
    return (
        select(*_page_columns())
        .select_from(driver.join(_agreements, _agreements.c.id == c.c.agreement_id))
        .where(*where)
        .order_by(key)
        .limit(bindparam("limit"))
    )


def _page_query(wanted: CommitmentFilter, limit: int) -> tuple[Select[Any], dict[str, Any]]:
    values = {
        name: getattr(wanted, name)
        for name in ("agreement_id", "actor", "area", "strength", "progress", "due_before", "due_after")
        if getattr(wanted, name) is not None
    }
    if wanted.review_state is not None:
        values["review_state"] = wanted.review_state
    shape = frozenset(values)
    return _page_statement(shape), {**values, "after_id": wanted.after_id, "limit": limit}


_SQLITE = sqlite.dialect()


@functools.lru_cache(maxsize=64)
def _sqlite_text(statement: Select[Any] | CompoundSelect) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """A cached statement as SQLite's SQL text, the names of its positional parameters, and the
    values it carries itself (literals such as "rejected")."""
    compiled = statement.compile(dialect=_SQLITE)
    return str(compiled), tuple(compiled.positiontup or ()), dict(compiled.params)


def fetch_rows(
    connection: Connection | Session, statement: Select[Any] | CompoundSelect, values: dict[str, Any]
) -> list[Any]:
    """The rows of a cached statement. On SQLite, run on the driver's connection: SQLAlchemy's
    execution and result layers cost a tenth of the API's hot list, for rows that need no
    conversion (dates come as ISO text, which is what the JSON wants). Elsewhere, as usual."""
    if isinstance(connection, Connection) and connection.dialect.name == "sqlite":
        sql, names, carried = _sqlite_text(statement)
        given = {**carried, **values}
        parameters = [
            value.isoformat() if isinstance(value, dt.date) else value for value in (given[n] for n in names)
        ]
        raw: Any = connection.connection.driver_connection
        return list(raw.execute(sql, parameters).fetchall())
    return list(connection.execute(statement, values).all())


ACTOR, AREA, BODY, AMOUNT = range(4)


def lists_statement(
    match: Callable[[ColumnElement[int]], ColumnElement[bool]], *, through_commitments: bool
) -> CompoundSelect:
    """Rows (kind, commitment_id, rank, text, value, party, period) of some commitments' actors (by
    their party's place in the agreement), areas (alphabetical), bodies (in the order the text names
    them) and amounts, as the detail view has them. `match(a list's commitment_id column)` picks the
    commitments; with `through_commitments` every list is joined to its commitment, for a `match`
    that reads the commitments' own columns."""
    # Typed: PostgreSQL would take a bare NULL in the first branches for text, and refuse the numbers.
    no_value, no_text = cast(null(), Numeric(24, 2)), cast(null(), String)

    def scoped(child: Table, joined: FromClause) -> FromClause:
        if through_commitments:
            return joined.join(_commitments, _commitments.c.id == child.c.commitment_id)
        return joined

    actors = (
        select(
            literal_column(str(ACTOR)).label("kind"),
            _actors.c.commitment_id,
            func.coalesce(_parties.c.position, NOT_A_PARTY).label("rank"),
            _actors.c.party_code.label("text"),
            no_value.label("value"),
            no_text.label("party"),
            no_text.label("period"),
        )
        .select_from(
            _actors.join(_commitments, _commitments.c.id == _actors.c.commitment_id).outerjoin(
                _parties,
                and_(
                    _parties.c.agreement_id == _commitments.c.agreement_id,
                    _parties.c.party_code == _actors.c.party_code,
                ),
            )
        )
        .where(match(_actors.c.commitment_id))
    )
    areas = (
        select(literal_column(str(AREA)), _areas.c.commitment_id, literal_column("0"), _areas.c.area,
               no_value, no_text, no_text)
        .select_from(scoped(_areas, _areas))
        .where(match(_areas.c.commitment_id))
    )  # fmt: skip
    bodies = (
        select(literal_column(str(BODY)), _links.c.commitment_id, func.coalesce(_links.c.span_start, NO_SPAN),
               _bodies.c.name, no_value, no_text, no_text)
        .select_from(scoped(_links, _links.join(_bodies, _bodies.c.id == _links.c.body_id)))
        .where(match(_links.c.commitment_id))
    )  # fmt: skip
    amounts = (
        select(literal_column(str(AMOUNT)), _amounts.c.commitment_id, _amounts.c.span_start, _amounts.c.currency,
               _amounts.c.value, _amounts.c.party_code, _amounts.c.period)
        .select_from(scoped(_amounts, _amounts))
        .where(match(_amounts.c.commitment_id))
    )  # fmt: skip
    return union_all(actors, areas, bodies, amounts).order_by(
        literal_column("kind"),
        literal_column("commitment_id"),
        literal_column("rank"),
        literal_column("text"),
    )


@functools.lru_cache(maxsize=16)
def _children_statement(size: int) -> CompoundSelect:
    """Actors, areas, bodies and amounts of up to `size` commitments, in one statement with `size`
    plain parameters: an expanding IN list would be rendered anew on every call, which cost more
    than the four queries it fed. Fewer ids repeat the last one."""
    ids: list[BindParameter[int]] = [bindparam(f"id{i}") for i in range(size)]
    return lists_statement(lambda commitment_id: commitment_id.in_(ids), through_commitments=False)


_CHUNK = 512  # ids per statement; fewer are padded up to a power of two, so few statements are built


def children(connection: Connection | Session, ids: Sequence[int]) -> Children:
    """The actors, areas, bodies and amounts of these commitments, one statement per 512 ids
    (through a session, its pending changes are flushed first and so are seen)."""
    found = Children({}, {}, {}, {})
    lists = (found.actors, found.areas, found.bodies)
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        size = max(8, 1 << (len(chunk) - 1).bit_length())
        values = {f"id{i}": chunk[min(i, len(chunk) - 1)] for i in range(size)}
        for kind, commitment_id, _rank, text, value, party, period in fetch_rows(
            connection, _children_statement(size), values
        ):
            if kind == AMOUNT:
                found.amounts.setdefault(commitment_id, []).append(amount_json(value, text, party, period))
            else:
                lists[kind].setdefault(commitment_id, []).append(text)
    return found


class CommitmentFields(Protocol):
    """What a view of a commitment reads from its row: an ORM row, or a row of `commitment_page`."""

    @property
    def id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def strength(self) -> str | None: ...
    @property
    def timeframe(self) -> str | None: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def review_state(self) -> str: ...
    @property
    def version(self) -> int: ...


def commitment_page(
    connection: Connection, wanted: CommitmentFilter, limit: int
) -> tuple[list[PageRow], Children, bool]:
    """Up to `limit` commitments with ids above `wanted.after_id`, by id (rows with `slug` and the
    fields of CommitmentFields), their lists, and whether more follow (one row more than asked
    tells, without counting)."""
    statement, values = _page_query(wanted, limit + 1)
    fetched = fetch_rows(connection, statement, values)
    more = len(fetched) > limit
    rows = [_page_row(row) for row in fetched[:limit]]
    if not rows:
        return [], Children({}, {}, {}, {}), False
    return rows, children(connection, [row.id for row in rows]), more


class PageRow(NamedTuple):
    """A row of `commitment_page`, in the order of its SELECT."""

    id: int
    slug: str
    start: int
    end: int
    quote: str
    strength: str | None
    timeframe: str | None
    due: dt.date | None
    review_state: str
    version: int


def _page_row(values: Sequence[Any]) -> PageRow:
    row = PageRow._make(values)
    # The SQLite fast path hands dates over as the ISO text they are stored as.
    due: Any = row.due
    return row._replace(due=dt.date.fromisoformat(due)) if isinstance(due, str) else row


@functools.cache
def _agreements_statement() -> Select[Any]:
    c = _commitments
    return (
        select(*_page_columns())
        .select_from(c.join(_agreements, _agreements.c.id == c.c.agreement_id))
        .where(
            c.c.agreement_id >= bindparam("first"),
            c.c.agreement_id <= bindparam("last"),
            c.c.review_state != REJECTED,
        )
        # The order of the (agreement_id, span_start) index: no sort, and the text order of each
        # agreement, as the per-agreement list has it.
        .order_by(c.c.agreement_id, c.c.span_start, c.c.id)
    )


def agreements_commitments(connection: Connection, first: int, last: int) -> tuple[list[PageRow], Children]:
    """The commitments (but the rejected) of the agreements with ids from `first` to `last`, by
    agreement id and then in text order, with their lists: rows of `commitment_page`'s shape."""
    rows = [
        _page_row(row)
        for row in fetch_rows(connection, _agreements_statement(), {"first": first, "last": last})
    ]
    return rows, children(connection, [row.id for row in rows])
