"""An agreement's iCalendar feed, importable without SQLAlchemy: `accord calendar` reads its dates
through the stdlib sqlite3 path (accord.storage.sqlite_queries) when it can,
`services.deadlines.calendar` through the ORM otherwise; both write the feed here."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from accord import __version__
from accord.domain.lifecycle import Status
from accord.services.agreement_views import find_in_file
from accord.services.commitment_views import CommitmentView, commitments_in_file
from accord.services.deadline_views import ActionView, action_view
from accord.services.timeline_views import Timeline, timeline_in_file
from accord.storage import sqlite_queries, sqlite_reads

if TYPE_CHECKING:
    # icalendar (and dateutil) only for the feed: `accord due` and the overview read deadlines only.
    from icalendar import Event


def feed_stamp() -> dt.datetime:
    """When a feed is made, to the second: every event's DTSTAMP (RFC 5545)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_feed(
    slug: str,
    title: str,
    commitments: Iterable[CommitmentView],
    meetings: Iterable[sqlite_queries.MeetingFields],  # (id, held_on, place), as either path reads them
    actions: Iterable[ActionView],
    life: Timeline,
    stamp: dt.datetime,
) -> bytes:
    """iCalendar: every commitment's due date, the meetings (by date) and their action items (by
    due date), the entry into force and any discontinuation."""
    from icalendar import Calendar

    feed = Calendar()
    feed.add("prodid", f"-//accord {__version__}//{slug}//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"accord: {title}")
    for view in commitments:
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
    for meeting_id, held_on, place in meetings:
        where = f" in {place}" if place else ""
        feed.add_component(
            _day(
                f"meeting-{meeting_id}@{slug}.accord",
                held_on,
                f"Joint Committee meeting{where}",
                title,
                stamp,
            )
        )
    for action in actions:
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


def calendar_from_file(connection: sqlite3.Connection, agreement: str) -> bytes:
    """What `services.deadlines.calendar` gives, read from a SQLite file at the current schema."""
    stamp = feed_stamp()
    with sqlite_reads.reading(connection):
        row = find_in_file(connection, agreement)
        commitments = commitments_in_file(connection, row.slug)
        meetings = sqlite_queries.meetings(connection, row.id)
        actions = sqlite_queries.action_items(connection, agreement_id=row.id, done_too=True)
        life = timeline_in_file(connection, row.slug)
    return calendar_feed(
        row.slug, row.title, commitments, meetings, [action_view(action) for action in actions], life, stamp
    )
