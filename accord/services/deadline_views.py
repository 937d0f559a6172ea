"""Deadlines and action items' views, importable without SQLAlchemy: `accord due` reads them through
the stdlib sqlite3 path (accord.storage.sqlite_queries) when it can, `services.deadlines.due`
through the ORM otherwise; both build them here."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from accord.domain.shapes import Shape
from accord.errors import InputError
from accord.services.agreement_views import find_in_file
from accord.services.commitment_views import CommitmentView, commitments_in_file
from accord.storage import sqlite_queries, sqlite_reads

_WINDOW = re.compile(r"^(\d+)\s*([dwmy])$")


def parse_window(value: str) -> dt.timedelta:
    """'90d', '12w', '6m', '1y' → a duration (months of 30 days, years of 365)."""
    match = _WINDOW.match(value.strip().lower())
    if match is None:
        raise InputError(f"not a window: {value!r}", hint="write a number and d, w, m or y, e.g. 90d")
    count, unit = int(match.group(1)), match.group(2)
    return dt.timedelta(days=count * {"d": 1, "w": 7, "m": 30, "y": 365}[unit])


@dataclass(frozen=True, slots=True)
class ActionView:
    id: int
    meeting: int
    agreement: str
    text: str
    owner: str  # a party code or a body's name
    party: str | None  # the party answerable for it: the owner, or the owning body's party
    due: dt.date
    commitment: int | None
    done_on: dt.date | None
    version: int


def owner_of(
    owner_party: str | None, body_name: str | None, body_party: str | None
) -> tuple[str, str | None]:
    """Who an action item names as its owner, and the party answerable for it."""
    return owner_party or body_name or "(removed body)", owner_party or body_party


def action_view(row: sqlite_queries.ActionFields) -> ActionView:
    """An action item's view from its row on the stdlib path."""
    owner, answerable = owner_of(row.owner_party, row.body_name, row.body_party)
    return ActionView(
        row.id, row.meeting, row.slug, row.text, owner, answerable, row.due, row.commitment, row.done_on,
        row.version,
    )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline(Shape):
    """A date something is due: a commitment's (`kind` "commitment", `commitment` its id) or an open
    action item's of a Joint Committee meeting (`kind` "action", `action` and `meeting` its ids,
    `actors` its owner, `quote` its text, `commitment` the commitment it serves if any)."""

    kind: str = "commitment"
    commitment: int | None
    action: int | None = None
    meeting: int | None = None
    agreement: str
    due: dt.date
    actors: list[str]
    timeframe: str | None
    quote: str
    overdue: bool


def commitment_deadline(view: CommitmentView, due: dt.date, today: dt.date) -> Deadline:
    """A commitment with a due date as a deadline."""
    return Deadline(
        commitment=view.id, agreement=view.agreement, due=due, actors=view.actors,
        timeframe=view.timeframe, quote=view.quote, overdue=due < today,
    )  # fmt: skip


def action_deadline(action: ActionView, today: dt.date) -> Deadline:
    """An open action item as a deadline."""
    return Deadline(
        kind="action", commitment=action.commitment, action=action.id, meeting=action.meeting,
        agreement=action.agreement, due=action.due, actors=[action.owner], timeframe=None,
        quote=action.text, overdue=action.due < today,
    )  # fmt: skip


def soonest_first(
    commitments: Iterable[CommitmentView], actions: Iterable[ActionView], today: dt.date
) -> list[Deadline]:
    """The commitments with a due date and the action items as deadlines, soonest first."""
    out = [commitment_deadline(v, v.due, today) for v in commitments if v.due is not None]
    out += [action_deadline(action, today) for action in actions]
    return sorted(out, key=lambda d: (d.due, d.kind != "commitment", d.commitment or 0, d.action or 0))


def due_from_file(
    connection: sqlite3.Connection, *, within: dt.timedelta, today: dt.date, agreement: str | None = None
) -> list[Deadline]:
    """What `services.deadlines.due` gives, read from a SQLite file at the current schema."""
    horizon = today + within
    with sqlite_reads.reading(connection):
        commitments = commitments_in_file(connection, agreement, due_by=horizon)
        agreement_id = None if agreement is None else find_in_file(connection, agreement).id
        rows = sqlite_queries.action_items(connection, agreement_id=agreement_id, due_by=horizon)
    return soonest_first(commitments, [action_view(row) for row in rows], today)
