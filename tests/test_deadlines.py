"""Deadlines and the iCalendar feed, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from accord.domain.lifecycle import Act
from accord.errors import InputError
from accord.services.deadlines import calendar, due, parse_window
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import new_meeting
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES, ROOT

OWN = ROOT / "tests" / "corpus" / "own"


def test_due_lists_coming_and_overdue_commitments(db: Database) -> None:
    ingest_paths(
        db, [EXAMPLES / "us-kr-fact-sheet-2021.txt", OWN / "kr-de-joint-statement-2023.txt"], by=None
    )
    this_year = due(db, within=parse_window("90d"), today=dt.date(2021, 11, 1))
    assert [d.due for d in this_year] == [dt.date(2021, 12, 31)]  # "this year" in the 2021 fact sheet
    later = due(db, within=parse_window("1y"), today=dt.date(2024, 6, 1))
    assert all(d.due <= dt.date(2025, 6, 1) for d in later)
    assert any(d.overdue for d in later) and not any(d.due > dt.date(2025, 6, 1) for d in later)


def test_calendar_has_due_dates_meetings_and_lifecycle_dates(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt", EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    dues = Calendar.from_ical(calendar(db, "us-kr-fact-sheet-2021")).walk("VEVENT")
    assert sorted(e["dtstart"].dt for e in dues) == [
        dt.date(2021, 12, 31),
        dt.date(2024, 12, 31),
    ]  # "this year", "by 2024"
    slug = "us-kr-tpd-mou-2025"
    record(db, slug, Act.SIGN, on=dt.date(2025, 10, 29), party="US", by=None)
    record(db, slug, Act.SIGN, on=dt.date(2025, 10, 30), party="KR", by=None)
    meeting = new_meeting(db, slug, on=dt.date(2026, 1, 5), place="Seoul", by=None).id
    record(db, slug, Act.NOTICE, on=dt.date(2026, 3, 1), party="KR", by=None)
    events = {str(e["uid"]): e["dtstart"].dt for e in Calendar.from_ical(calendar(db, slug)).walk("VEVENT")}
    assert events == {
        f"in-effect@{slug}.accord": dt.date(2025, 10, 30),
        f"meeting-{meeting}@{slug}.accord": dt.date(2026, 1, 5),
        f"discontinued@{slug}.accord": dt.date(2026, 8, 28),
    }
    assert calendar(db, slug) == calendar(db, slug)  # stable output


def test_bad_window() -> None:
    with pytest.raises(InputError, match="not a window"):
        parse_window("soon")


def test_cli_calendar_writes_ics(db: Database, database_url: str) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    result = run_accord("calendar", "us-kr-fact-sheet-2021", database_url=database_url)
    assert result.returncode == 0 and result.stdout.startswith("BEGIN:VCALENDAR")
