"""Deadlines and the iCalendar feed, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from accord.domain.lifecycle import Act
from accord.errors import InputError
from accord.services.actions import add_action, complete_action
from accord.services.bulk import export_rows, import_progress, to_csv
from accord.services.commitments import list_commitments
from accord.services.deadlines import calendar, due, parse_window
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import approve_minutes, new_meeting, write_minutes
from accord.services.progress import record_progress
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import row_counts

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
    # Stable output: the feed changes only with the data (and its time stamp).
    assert _unstamped(calendar(db, slug)) == _unstamped(calendar(db, slug))


def _unstamped(feed: bytes) -> list[bytes]:
    return [line for line in feed.splitlines() if not line.startswith(b"DTSTAMP")]


def test_bad_window() -> None:
    with pytest.raises(InputError, match="not a window"):
        parse_window("soon")


def test_cli_calendar_writes_ics(db: Database, database_url: str) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    result = run_accord("calendar", "us-kr-fact-sheet-2021", database_url=database_url)
    assert result.returncode == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


# Issue 14, item 6: action items in the deadlines; dates that cannot be.

MOU = "us-kr-tpd-mou-2025"
TODAY = dt.date.today()


def planned_with_actions(db: Database) -> tuple[int, int, int]:
    """The MOU with a meeting held 40 days ago and two action items: one due in 20 days, one missed."""
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    meeting = new_meeting(db, MOU, on=TODAY - dt.timedelta(days=40), place="Seoul", by=None).id
    coming = add_action(
        db, meeting, text="Circulate the AI research roadmap", owner="KR", due=TODAY + dt.timedelta(days=20),
        by=None,
    )  # fmt: skip
    missed = add_action(
        db, meeting, text="Name the 6G contact points", owner="US", due=TODAY - dt.timedelta(days=5), by=None
    )
    return meeting, coming, missed


def test_open_action_items_are_deadlines_and_in_the_calendar(db: Database) -> None:
    meeting, coming, missed = planned_with_actions(db)
    found = {d.action: d for d in due(db, within=parse_window("90d"), today=TODAY) if d.kind == "action"}
    assert set(found) == {coming, missed}
    assert found[coming].actors == ["KR"] and not found[coming].overdue
    assert found[missed].overdue and found[missed].meeting == meeting
    assert found[coming].as_json()["quote"] == "Circulate the AI research roadmap"

    complete_action(db, missed, on=TODAY, by=None)
    assert [d.action for d in due(db, within=parse_window("90d"), today=TODAY) if d.kind == "action"] == [
        coming
    ]

    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    events = {str(e["uid"]): e for e in Calendar.from_ical(calendar(db, MOU)).walk("VEVENT")}
    after = dt.datetime.now(dt.UTC)
    assert events[f"action-{coming}@{MOU}.accord"]["dtstart"].dt == TODAY + dt.timedelta(days=20)
    assert "Circulate the AI research roadmap" in str(events[f"action-{coming}@{MOU}.accord"]["summary"])
    assert "done" in str(events[f"action-{missed}@{MOU}.accord"]["summary"])
    for event in events.values():  # when the feed was made, not a fixed date in 2000
        assert before <= event["dtstamp"].dt <= after


def test_an_action_owner_must_be_a_party_of_the_agreement(db: Database) -> None:
    meeting, _coming, _missed = planned_with_actions(db)
    before = row_counts(db)
    with pytest.raises(InputError, match="JP is not a party to us-kr-tpd-mou-2025") as error:
        add_action(db, meeting, text="Report", owner="JP", due=TODAY, by=None)
    assert error.value.hint == "parties: US, KR"
    assert row_counts(db) == before


def test_an_action_is_done_after_its_meeting_and_not_ahead_of_time(db: Database) -> None:
    _meeting, coming, _missed = planned_with_actions(db)
    held = TODAY - dt.timedelta(days=40)
    before = row_counts(db)
    with pytest.raises(InputError, match=f"before the meeting that set it on {held.isoformat()}"):
        complete_action(db, coming, on=held - dt.timedelta(days=1), by=None)
    with pytest.raises(InputError, match="in the future"):
        complete_action(db, coming, on=TODAY + dt.timedelta(days=10), by=None)
    assert row_counts(db) == before
    assert complete_action(db, coming, on=held, by=None).done_on == held


def test_minutes_of_a_meeting_still_to_come_cannot_be_approved(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    future = new_meeting(db, MOU, on=TODAY + dt.timedelta(days=30), place=None, by=None).id
    write_minutes(db, future, "Draft minutes written ahead.", by=None)
    held = new_meeting(db, MOU, on=TODAY - dt.timedelta(days=3), place=None, by=None).id
    write_minutes(db, held, "Minutes.", by=None)
    before = row_counts(db)
    with pytest.raises(InputError, match="still to come: its minutes cannot be approved yet"):
        approve_minutes(db, future, party="KR", on=TODAY, by=None)
    with pytest.raises(InputError, match="before the meeting"):
        approve_minutes(db, held, party="KR", on=TODAY - dt.timedelta(days=4), by=None)
    with pytest.raises(InputError, match="in the future"):
        approve_minutes(db, held, party="KR", on=TODAY + dt.timedelta(days=9), by=None)
    assert row_counts(db) == before
    assert approve_minutes(db, held, party="KR", on=TODAY, by=None).approved_by == ["KR"]


def test_progress_dated_in_the_future_is_refused(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    commitment = next(v for v in list_commitments(db, MOU) if "KR" in v.actors).id
    before = row_counts(db)
    with pytest.raises(InputError, match=r"progress is dated 2030-01-01, which is in the future") as error:
        record_progress(
            db, commitment, party="KR", level="limited", on=dt.date(2030, 1, 1), note="x", by=None
        )
    assert "once it has happened" in error.value.hint
    rows = export_rows(db)
    row = next(r for r in rows if int(r["commitment"]) == commitment and r["party"] == "KR")
    row.update(level="limited", on="2030-01-01", note="x")
    sheet = tmp_path / "progress.csv"
    sheet.write_bytes(to_csv(rows))
    with pytest.raises(InputError, match=r"column on: 2030-01-01 is in the future"):
        import_progress(db, sheet, by=None)
    assert row_counts(db) == before
    # Tomorrow is allowed: in Seoul it may already be that day.
    record_progress(
        db, commitment, party="KR", level="limited", on=TODAY + dt.timedelta(days=1), note="x", by=None
    )
