"""A meeting's agenda, drawn from the record: open action items of earlier meetings, then the
agreement's commitments due soon, overdue, stalled, or changed since the last meeting.

Only the progress of the meeting's agreement, up to the meeting's day, is read: with a million
commitments, reading every progress update of the database took seconds for one agenda.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.progress import Level
from accord.services.actions import get_meeting
from accord.services.commitments import CommitmentView, list_commitments
from accord.storage.database import Database
from accord.storage.tables import ActionItemRow, AgreementRow, CommitmentRow, MeetingRow, ProgressRow

DUE_WINDOW = dt.timedelta(days=90)
STALLED_AFTER = dt.timedelta(days=180)
OPEN_LEVELS = {Level.NO_EVIDENCE.value, Level.NOT_STARTED.value, Level.LIMITED.value, Level.SUBSTANTIAL.value}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    section: str  # "action item", "due", "overdue", "stalled", "changed"
    reference: int  # action item id or commitment id
    text: str


class Update(NamedTuple):
    """What the agenda reads of a progress update."""

    commitment_id: int
    party_code: str
    level: str
    made_on: dt.date


Latest = dict[tuple[int, str], Update]


def agenda(db: Database, meeting_id: int) -> list[AgendaItem]:
    """Open action items first; then commitments due within 90 days, overdue, stalled, or changed
    since the last meeting — each commitment once, in the first section that applies."""
    with db.reading() as session:
        meeting = get_meeting(session, meeting_id)
        agreement = session.get(AgreementRow, meeting.agreement_id)
        assert agreement is not None
        day = meeting.held_on
        earlier = session.scalars(
            select(MeetingRow).where(
                MeetingRow.agreement_id == meeting.agreement_id, MeetingRow.held_on < day
            )
        ).all()
        previous = max((m.held_on for m in earlier), default=None)
        actions = session.scalars(
            select(ActionItemRow)
            .where(ActionItemRow.meeting_id.in_([m.id for m in earlier]), ActionItemRow.done_on.is_(None))
            .order_by(ActionItemRow.due, ActionItemRow.id)
        ).all()
        progress = _progress(session, meeting.agreement_id, day)
        slug = agreement.slug
    items = [AgendaItem("action item", a.id, f"{a.text} (due {a.due})") for a in actions]
    latest: Latest = {}
    changed: set[int] = set()
    for update in progress:
        latest[(update.commitment_id, update.party_code)] = update
        if previous is not None and update.made_on > previous:
            changed.add(update.commitment_id)
    listed: set[int] = set()
    views = list_commitments(db, slug)
    sections: tuple[tuple[str, Callable[[CommitmentView], bool]], ...] = (
        ("due", lambda v: v.due is not None and day <= v.due <= day + DUE_WINDOW),
        ("overdue", lambda v: v.due is not None and v.due < day and _open(v, latest)),
        ("stalled", lambda v: _stalled(v, latest, day)),
        ("changed", lambda v: v.id in changed),
    )
    for section, applies in sections:
        for view in views:
            if view.id not in listed and applies(view):
                listed.add(view.id)
                items.append(AgendaItem(section, view.id, view.quote[:160]))
    return items


def _progress(session: Session, agreement_id: int, day: dt.date) -> list[Update]:
    """The progress updates of the agreement's commitments made on or before `day`, oldest first
    (so that the last of each commitment and party is its level on that day)."""
    query = (
        select(ProgressRow.commitment_id, ProgressRow.party_code, ProgressRow.level, ProgressRow.made_on)
        .join(CommitmentRow, CommitmentRow.id == ProgressRow.commitment_id)
        .where(CommitmentRow.agreement_id == agreement_id, ProgressRow.made_on <= day)
        .order_by(ProgressRow.made_on, ProgressRow.id)
    )
    return [Update(*row) for row in session.execute(query)]


def _open(view: CommitmentView, latest: Latest) -> bool:
    return any(
        (latest[(view.id, party)].level if (view.id, party) in latest else Level.NO_EVIDENCE.value)
        in OPEN_LEVELS
        for party in view.actors
    )


def _stalled(view: CommitmentView, latest: Latest, day: dt.date) -> bool:
    """Some party started (limited or substantial) but has reported nothing for 180 days."""
    for party in view.actors:
        last = latest.get((view.id, party))
        started = last is not None and last.level in (Level.LIMITED.value, Level.SUBSTANTIAL.value)
        if started and last is not None and day - last.made_on > STALLED_AFTER:
            return True
    return False
