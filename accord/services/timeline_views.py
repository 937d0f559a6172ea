"""An agreement's timeline, importable without SQLAlchemy: `accord timeline` reads it through the
stdlib sqlite3 path (accord.storage.sqlite_queries) when it can, `services.lifecycle.timeline`
through the ORM otherwise; both build it here."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from accord.domain import shapes
from accord.domain.agreements import AgreementKind
from accord.domain.lifecycle import Act, Event, Rules, Status, replay_readable
from accord.domain.progress import Level
from accord.services.agreement_views import find_in_file
from accord.services.commitment_views import CommitmentView, commitments_in_file
from accord.storage import sqlite_queries, sqlite_reads


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    act: str
    party: str | None
    version: int | None
    made_on: dt.date
    takes_effect_on: dt.date | None
    signatory: str | None


@dataclass(frozen=True, slots=True)
class Timeline:
    agreement: str
    status: Status  # as of `today`
    in_effect_on: dt.date | None
    discontinued_on: dt.date | None
    entries: Annotated[list[TimelineEntry], shapes.renamed("events")]
    # Once notice is given: the commitments not yet completed, which the ending leaves open.
    open_commitments: list[int]
    version_in_force: int = 1
    # Set when the recorded history does not replay: the state shown is as of the act before it.
    error: str | None = None


def rules(
    parties: Sequence[str], terms: dict[str, Any] | None, kind: str, issued_on: dt.date | None
) -> Rules:
    return Rules(
        parties=tuple(parties),
        notice_days=(terms or {}).get("termination_notice_days"),
        signed=_signed(kind),
        issued_on=issued_on,
    )


def _signed(kind: str) -> bool:
    try:
        return AgreementKind(kind).is_signed
    except ValueError:
        return True


def timeline_of(
    slug: str,
    agreement_rules: Rules,
    entries: list[TimelineEntry],
    open_commitments: Callable[[], list[int]],
    today: dt.date | None,
) -> Timeline:
    """The timeline of these recorded acts (in the order they were recorded); `open_commitments`
    is asked only once notice has been given."""
    events = [Event(Act(e.act), e.made_on, e.party, e.version, e.signatory) for e in entries]
    state, broken = replay_readable(agreement_rules, events)
    flagged = open_commitments() if state.discontinued_on is not None else []
    day = today or dt.date.today()
    return Timeline(
        slug,
        state.on(day),
        state.in_effect_on,
        state.discontinued_on,
        entries,
        flagged,
        state.version_in_force(day),
        broken.explain() if broken else None,
    )


def unfinished(views: Sequence[CommitmentView], latest: dict[tuple[int, str], str]) -> list[int]:
    """Commitments that some acting party has not completed (nor withdrawn), given each (commitment,
    party)'s latest progress level."""
    finished = {Level.COMPLETE.value, Level.WITHDRAWN.value}
    return [
        view.id
        for view in views
        if any(latest.get((view.id, party), Level.NO_EVIDENCE.value) not in finished for party in view.actors)
    ]


def timeline_from_file(
    connection: sqlite3.Connection, agreement: str, today: dt.date | None = None
) -> Timeline:
    """What `services.lifecycle.timeline` gives, read from a SQLite file at the current schema."""
    with sqlite_reads.reading(connection):
        return timeline_in_file(connection, agreement, today)


def timeline_in_file(
    connection: sqlite3.Connection, agreement: str, today: dt.date | None = None
) -> Timeline:
    """`timeline_from_file` inside a read transaction the caller holds."""
    row = find_in_file(connection, agreement)
    entries = [TimelineEntry(*event) for event in sqlite_queries.lifecycle_events(connection, row.id)]

    def open_commitments() -> list[int]:
        views = commitments_in_file(connection, row.slug)
        return unfinished(views, sqlite_queries.latest_levels(connection))

    return timeline_of(
        row.slug, rules(row.parties, row.terms, row.kind, row.date), entries, open_commitments, today
    )
