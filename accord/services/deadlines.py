"""Deadlines: commitments coming due, and an iCalendar feed of an agreement's dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from accord import __version__
from accord.domain.lifecycle import Status
from accord.services.actions import actions_of, open_actions
from accord.services.commitments import list_commitments
from accord.services.deadline_views import (
    Deadline,
    action_deadline,
    commitment_deadline,
    parse_window,
    soonest_first,
)
from accord.services.lifecycle import timeline
from accord.services.queries import find_agreement
from accord.storage.database import Database
from accord.storage.tables import MeetingRow

if TYPE_CHECKING:
    # icalendar (and dateutil) only for the feed: `accord due` and the overview read deadlines only.
    from icalendar import Event

__all__ = ["Deadline", "action_deadline", "calendar", "commitment_deadline", "due", "parse_window"]


def due(
    db: Database, *, within: dt.timedelta, today: dt.date, agreement: str | None = None
) -> list[Deadline]:
    """Commitments and open action items due from today to today + `within`, and those already
    overdue, soonest first."""
    horizon = today + within
    return soonest_first(
        list_commitments(db, agreement, due_by=horizon),
        open_actions(db, agreement=agreement, due_by=horizon),
        today,
    )


def calendar(db: Database, agreement: str) -> bytes:
    """iCalendar: every commitment's due date, the meetings and their action items, the entry into
    force and any discontinuation."""
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with db.reading() as session:
        row = find_agreement(session, agreement)
        slug, title, row_id = row.slug, row.title, row.id
    from icalendar import Calendar

    feed = Calendar()
    feed.add("prodid", f"-//accord {__version__}//{slug}//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"accord: {title}")
    for view in list_commitments(db, slug):
        if view.due is None:
            continue
        feed.add_component(
            _day(
                f"commitment-{view.id}@{slug}.accord",
                view.due,
                f"Due: {' + '.join(view.actors)} — {view.quote[:80]}",
                f"{view.quote}\n\nTimeframe as written: {view.timeframe}",
                stamp,
            )
        )
    with db.reading() as session:
        meetings = session.scalars(
            select(MeetingRow).where(MeetingRow.agreement_id == row_id).order_by(MeetingRow.held_on)
        ).all()
    for meeting in meetings:
        where = f" in {meeting.place}" if meeting.place else ""
        feed.add_component(
            _day(
                f"meeting-{meeting.id}@{slug}.accord",
                meeting.held_on,
                f"Joint Committee meeting{where}",
                title,
                stamp,
            )
        )
    for action in actions_of(db, slug):
        state = f"done {action.done_on.isoformat()}" if action.done_on else "due"
        feed.add_component(
            _day(
                f"action-{action.id}@{slug}.accord",
                action.due,
                f"Action item ({state}): {action.owner} — {action.text[:80]}",
                f"{action.text}\n\nOwner: {action.owner}. Set at the Joint Committee meeting {action.meeting}.",
                stamp,
            )
        )
    life = timeline(db, slug)
    if life.in_effect_on:
        feed.add_component(
            _day(f"in-effect@{slug}.accord", life.in_effect_on, f"In effect: {title[:80]}", "", stamp)
        )
    if life.discontinued_on:
        label = "Discontinued" if life.status is Status.DISCONTINUED else "Discontinues"
        feed.add_component(
            _day(f"discontinued@{slug}.accord", life.discontinued_on, f"{label}: {title[:80]}", "", stamp)
        )
    return feed.to_ical()


def _day(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)  # RFC 5545: when this feed was made; clients compare it between fetches
    event.add("dtstart", day)
    if day < dt.date.max:  # an all-day event without an end lasts its one day (RFC 5545 3.6.1)
        event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event
