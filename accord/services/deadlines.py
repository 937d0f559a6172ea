"""Deadlines: commitments coming due, and an iCalendar feed of an agreement's dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from accord.services.actions import actions_of, open_actions
from accord.services.calendar_views import calendar_feed, feed_stamp
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
    force and any discontinuation (accord.services.calendar_views writes it)."""
    stamp = feed_stamp()
    with db.reading() as session:
        row = find_agreement(session, agreement)
        slug, title, row_id = row.slug, row.title, row.id
        meetings = session.execute(
            select(MeetingRow.id, MeetingRow.held_on, MeetingRow.place)
            .where(MeetingRow.agreement_id == row_id)
            .order_by(MeetingRow.held_on, MeetingRow.id)
        ).all()
    return calendar_feed(
        slug, title, list_commitments(db, slug), meetings, actions_of(db, slug), timeline(db, slug), stamp
    )
