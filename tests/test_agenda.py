"""A meeting's agenda reads the progress of its own agreement up to the meeting's day: what other
agreements record, or what is recorded after the meeting, changes nothing on it."""

from __future__ import annotations

import datetime as dt

from accord.services.agenda import agenda
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.meetings import new_meeting
from accord.services.progress import record_progress
from accord.storage.database import Database
from tests.conftest import EXAMPLES

MOU, FACTS = "us-kr-tpd-mou-2025", "us-kr-fact-sheet-2021"


def progress(db: Database, commitment: int, level: str, on: str) -> None:
    record_progress(
        db, commitment, party="US", level=level, on=dt.date.fromisoformat(on),
        evidence_url="https://example.org/report", by=None,
    )  # fmt: skip


def test_the_agenda_counts_its_agreements_progress_up_to_the_meeting_day(db: Database) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    stalled, changed, later = [c.id for c in list_commitments(db, MOU) if "US" in c.actors][:3]
    elsewhere = next(c.id for c in list_commitments(db, FACTS) if "US" in c.actors)
    new_meeting(db, MOU, on=dt.date(2026, 1, 5), place="Seoul", by=None)
    meeting = new_meeting(db, MOU, on=dt.date(2026, 9, 1), place="Washington", by=None).id
    progress(db, stalled, "limited", "2025-12-01")  # started, then nothing for 274 days
    progress(db, stalled, "substantial", "2026-09-20")  # after the meeting: not yet known to it
    progress(db, changed, "limited", "2026-08-01")  # since the first meeting
    progress(db, later, "limited", "2026-09-15")  # after the meeting
    progress(db, elsewhere, "limited", "2026-08-01")  # another agreement's
    assert [(item.section, item.reference) for item in agenda(db, meeting)] == [
        ("stalled", stalled),
        ("changed", changed),
    ]
