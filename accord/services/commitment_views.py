"""A stored commitment's view, importable without SQLAlchemy: `accord commitments`, `due` and
`export commitments` read it through the stdlib sqlite3 path (accord.storage.sqlite_queries) when
they can, `services.commitments.list_commitments` through the ORM otherwise; both build it here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from accord.domain import shapes
from accord.domain.commitments import AREAS, STRENGTH_VALUES, Strength, amount_json
from accord.domain.shapes import Shape
from accord.errors import InputError
from accord.services.agreement_views import find_in_file
from accord.storage import sqlite_queries, sqlite_reads
from accord.storage.children import Children

if TYPE_CHECKING:
    from accord.storage.listing import CommitmentFields


@dataclass(frozen=True, slots=True)
class PendingChange:
    change: str  # "actors" or "reject"
    value: Any  # the actors asked for; None for a rejection
    consented: list[str]  # parties that asked for exactly this
    awaiting: list[str]  # acting parties yet to consent


@dataclass(frozen=True, slots=True)
class CommitmentView(Shape):
    """A stored commitment: its JSON is the one shape of the API's lists, the exports and `--json`."""

    id: int
    agreement: str
    start: int
    end: int
    quote: str
    actors: list[str]
    strength: str
    areas: list[str]
    bodies: list[str]
    amounts: list[dict[str, Any]]
    timeframe: str | None
    due: dt.date | None
    review_state: str
    explanations: Annotated[list[str], shapes.HIDDEN]
    version: int = 1
    # Changes of a joint commitment awaiting another acting party's consent (detail views only;
    # not in the JSON, the shape lists and exports share: the dossier and a 202 answer show them).
    pending_changes: Annotated[list[PendingChange], shapes.HIDDEN] = dataclasses.field(default_factory=list)


# The keys of the commitment's JSON, in order, and so the exports' columns: every field of the
# view but those only its detail views show.
COMMITMENT_KEYS = shapes.shown_fields(CommitmentView)


def commitment_view(
    row: CommitmentFields,
    agreement: str,
    found: Children,
    *,
    explanations: list[str] | None = None,
    pending_changes: list[PendingChange] | None = None,
) -> CommitmentView:
    """The view of one stored commitment, its lists taken from `found` (storage.listing.children)."""
    return CommitmentView(
        id=row.id,
        agreement=agreement,
        start=row.start,
        end=row.end,
        quote=row.quote,
        actors=found.actors.get(row.id, []),
        strength=row.strength or "",
        areas=found.areas.get(row.id, []),
        bodies=found.bodies.get(row.id, []),
        amounts=found.amounts.get(row.id, []),
        timeframe=row.timeframe,
        due=row.due,
        review_state=row.review_state,
        explanations=explanations or [],
        version=row.version,
        pending_changes=pending_changes or [],
    )


def commitment_json(row: CommitmentFields, agreement: str, found: Children) -> dict[str, Any]:
    """`commitment_view(row, agreement, found).as_json()`, written straight from the row: the
    exports' hot path, where building a frozen view and walking it cost two thirds of the time of a
    10,000-row CSV. tests/test_downloads.py pins the two equal."""
    due = row.due
    return {
        "id": row.id,
        "agreement": agreement,
        "start": row.start,
        "end": row.end,
        "quote": row.quote,
        "actors": found.actors.get(row.id, []),
        "strength": row.strength or "",
        "areas": found.areas.get(row.id, []),
        "bodies": found.bodies.get(row.id, []),
        "amounts": found.amounts.get(row.id, []),
        "timeframe": row.timeframe,
        "due": None if due is None else due.isoformat(),
        "review_state": row.review_state,
        "version": row.version,
    }


def check_filters(area: str | None, strength: str | None) -> None:
    if area is not None and area not in AREAS:
        raise InputError(f"unknown area {area!r}", hint="areas: " + ", ".join(AREAS))
    if strength is not None:
        checked_strength(strength)


def checked_strength(value: str) -> Strength:
    try:
        return Strength(value)
    except ValueError:
        raise InputError(
            f"unknown strength {value!r}", hint="strength is one of: " + ", ".join(STRENGTH_VALUES)
        ) from None


def list_commitments_from_file(
    connection: sqlite3.Connection,
    agreement: str | None = None,
    *,
    area: str | None = None,
    actor: str | None = None,
    strength: str | None = None,
    due_by: dt.date | None = None,
    include_rejected: bool = False,
) -> list[CommitmentView]:
    """What `services.commitments.list_commitments` gives, read from a SQLite file at the current schema."""
    check_filters(area, strength)
    with sqlite_reads.reading(connection):
        return commitments_in_file(
            connection, agreement, area=area, actor=actor, strength=strength, due_by=due_by,
            include_rejected=include_rejected,
        )  # fmt: skip


def commitments_in_file(
    connection: sqlite3.Connection,
    agreement: str | None = None,
    *,
    area: str | None = None,
    actor: str | None = None,
    strength: str | None = None,
    due_by: dt.date | None = None,
    include_rejected: bool = False,
) -> list[CommitmentView]:
    """`list_commitments_from_file` inside a read transaction the caller holds."""
    agreement_id = None if agreement is None else find_in_file(connection, agreement).id
    code = None
    if actor is not None:
        from accord.domain.parties import party  # babel's locale data: for this filter only

        code = party(actor).code
    rows = sqlite_queries.commitments(
        connection, agreement_id=agreement_id, area=area, actor=code, strength=strength, due_by=due_by,
        include_rejected=include_rejected,
    )  # fmt: skip
    found = _children(connection, [row.id for row in rows])
    return [commitment_view(row, row.slug, found, explanations=row.explanations) for row in rows]


def _children(connection: sqlite3.Connection, ids: list[int]) -> Children:
    found = Children({}, {}, {}, {})
    lists = (found.actors, found.areas, found.bodies)
    for kind, commitment_id, text, value, party, period in sqlite_queries.children(connection, ids):
        if kind == 3:
            found.amounts.setdefault(commitment_id, []).append(amount_json(value, text, party, period))
        else:
            lists[kind].setdefault(commitment_id, []).append(text)
    return found
