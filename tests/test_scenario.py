"""The MOU from signature to discontinuation: issue 4's end-to-end scenario, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.domain.lifecycle import Act, Status
from accord.errors import InputError, NotFound
from accord.services.assessments import compliance_report, open_cycle, review_cycle, score, write_guideline
from accord.services.commitments import list_commitments, review
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record, timeline
from accord.services.meetings import (
    add_action,
    agenda,
    approve_minutes,
    complete_action,
    new_meeting,
    write_minutes,
)
from accord.services.progress import current_levels, record_progress
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

MOU = EXAMPLES / "us-kr-tpd-mou-2025.txt"
SLUG = "us-kr-tpd-mou-2025"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_mou_scenario(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [MOU], by=None)
    views = list_commitments(db, SLUG)
    research = next(
        v for v in views if v.quote.startswith("Understanding the need for shared research security")
    )
    space = next(v for v in views if v.quote.startswith("Recognizing that investments in space"))
    review(
        db, space.id, sets=[("areas", "space")], reviewer="KR desk", by=None
    )  # the extractor also said "investment"

    # Signatures: in effect on the final one.
    record(db, SLUG, Act.SIGN, on=d("2025-10-29"), party="US", by=None)
    assert timeline(db, SLUG, d("2025-10-29")).status is Status.SIGNED_BY_SOME
    record(db, SLUG, Act.SIGN, on=d("2025-10-30"), party="KR", by=None)
    life = timeline(db, SLUG, d("2025-10-30"))
    assert (life.status, life.in_effect_on) == (Status.IN_EFFECT, d("2025-10-30"))

    # Amendment by mutual written consent.
    amended = tmp_path / "amended.txt"
    amended.write_text(
        MOU.read_text(encoding="utf-8")
        + "IV. Fusion Energy\nThe Participants will cooperate on fusion energy.\n",
        encoding="utf-8",
    )
    record(db, SLUG, Act.PROPOSE_AMENDMENT, on=d("2025-12-01"), text_file=amended, by=None)
    record(db, SLUG, Act.CONSENT, on=d("2025-12-05"), party="US", version=2, by=None)
    assert timeline(db, SLUG, d("2025-12-06")).version_in_force == 1
    record(db, SLUG, Act.CONSENT, on=d("2025-12-10"), party="KR", version=2, by=None)
    assert timeline(db, SLUG, d("2025-12-10")).version_in_force == 2

    # Progress with evidence, an assessment cycle, compliance computed by hand.
    record_progress(db, research.id, party="US", level="complete", on=d("2026-01-15"),
                    evidence_url="https://www.nsf.gov/research-security", note="training rolled out", by=None)  # fmt: skip
    record_progress(
        db,
        research.id,
        party="KR",
        level="limited",
        on=d("2026-01-20"),
        note="pilot at two universities",
        by=None,
    )
    assert current_levels(db, research.id) == {"US": "complete", "KR": "limited"}
    cycle = open_cycle(db, SLUG, kind="interim", start=d("2025-10-30"), end=d("2026-02-28"), by=None).id
    for view in (research, space):
        write_guideline(db, view.id, "+1 delivered; 0 under way; -1 nothing", by=None)
    score(db, cycle, research.id, party="US", value=1, justification="training rolled out", by=None)
    score(db, cycle, research.id, party="KR", value=0, justification="pilot only", by=None)
    score(db, cycle, space.id, party="US", value=1, justification="cubesat manifested", by=None)
    score(db, cycle, space.id, party="KR", value=-1, justification="no step yet", by=None)
    _, by_party = compliance_report(db, SLUG, cycle=cycle)
    # US: (1 + 1) / 2 = 1.0 → 100 %; KR: (0 - 1) / 2 = -0.5 → 25 %.
    assert {(r.group, r.mean, r.percent) for r in by_party} == {("US", 1.0, 100.0), ("KR", -0.5, 25.0)}
    _, by_area = compliance_report(db, SLUG, by="area", cycle=cycle)
    # research_security: US +1, KR 0 → 0.5 → 75 %; space: US +1, KR -1 → 0 → 50 %.
    assert {(r.group, r.mean, r.percent) for r in by_area} == {
        ("research_security", 0.5, 75.0),
        ("space", 0.0, 50.0),
    }
    review_cycle(db, cycle, party="US", on=d("2026-02-20"), by=None)
    assert review_cycle(db, cycle, party="KR", on=d("2026-02-21"), by=None).final

    # A Joint Committee meeting: its agenda holds exactly the expected items.
    first = new_meeting(db, SLUG, on=d("2026-01-05"), place="Seoul", by=None).id
    action = add_action(
        db,
        first,
        text="Report on KR university pilots",
        owner="KR",
        due=d("2026-02-15"),
        commitment=research.id,
        by=None,
    )
    write_minutes(db, first, "Opened the Joint Committee; agreed a first work plan.", by=None)
    approve_minutes(db, first, party="US", on=d("2026-01-10"), by=None)
    assert approve_minutes(db, first, party="KR", on=d("2026-01-12"), by=None).minutes_status == "approved"
    second = new_meeting(db, SLUG, on=d("2026-02-10"), place="Washington", by=None).id
    # Open action items first; no commitment is due or overdue (the MOU names no dates), none stalled;
    # the research-security commitment changed since the first meeting.
    assert [(i.section, i.reference) for i in agenda(db, second)] == [
        ("action item", action),
        ("changed", research.id),
    ]
    complete_action(
        db,
        action,
        on=d("2026-02-12"),
        level="substantial",
        note="pilot extended to ten universities",
        by=None,
    )
    assert [(i.section, i.reference) for i in agenda(db, second)] == [("changed", research.id)]

    # Notice: discontinued 180 days after it (the terms) — and the commitments left open are flagged.
    notice = record(db, SLUG, Act.NOTICE, on=d("2026-03-01"), party="KR", by=None)
    assert notice.takes_effect_on == d("2026-08-28")
    ended = timeline(db, SLUG, d("2026-12-31"))
    assert ended.status is Status.DISCONTINUED
    assert research.id in ended.open_commitments and len(ended.open_commitments) == len(views)


def test_minutes_and_action_errors_change_nothing(db: Database) -> None:
    ingest_paths(db, [MOU], by=None)
    meeting = new_meeting(db, SLUG, on=d("2026-01-05"), place=None, by=None).id
    before = row_counts(db)
    for call, message in (
        (
            lambda: approve_minutes(db, meeting, party="US", on=d("2026-01-06"), by=None),
            "no minutes to approve",
        ),
        (
            lambda: add_action(db, meeting, text="x", owner="Nowhere Agency", due=d("2026-02-01"), by=None),
            "no body",
        ),
        (lambda: add_action(db, meeting, text=" ", owner="KR", due=d("2026-02-01"), by=None), "needs text"),
        (lambda: complete_action(db, 999, on=d("2026-02-01"), by=None), "no action item 999"),
    ):
        with pytest.raises((InputError, NotFound), match=message):
            call()
    assert row_counts(db) == before
