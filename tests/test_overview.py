"""The overview's figures against independent counts, on SQLite and PostgreSQL, and over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from accord.domain.lifecycle import Act, Refused
from accord.errors import NotFound
from accord.server.app import create_app
from accord.services.assessments import compliance_report, open_cycle, score, write_guideline
from accord.services.commitments import list_commitments, review
from accord.services.funding import add_flow, flows
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import new_meeting
from accord.services.overview import NO_AREA, Overview, overview
from accord.services.progress import current_levels, record_progress
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import bearer, row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"
FACTS = "us-kr-fact-sheet-2021"
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def both(db: Database) -> Database:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    return db


def expected_matrix(db: Database) -> tuple[Counter[tuple[str, str, str, str]], Counter[tuple[str, str, str]]]:
    """Counted the slow way: each listed commitment, each actor's level from its own history."""
    cells: Counter[tuple[str, str, str, str]] = Counter()
    totals: Counter[tuple[str, str, str]] = Counter()
    for view in list_commitments(db):
        for party, level in current_levels(db, view.id).items():
            totals[(view.agreement, party, level)] += 1
            for area in view.areas or [NO_AREA]:
                cells[(view.agreement, area, party, level)] += 1
    return cells, totals


def matrix(result: Overview) -> tuple[Counter[tuple[str, str, str, str]], Counter[tuple[str, str, str]]]:
    return (
        Counter({(c.agreement, c.area, c.party, c.level): c.count for c in result.progress}),
        Counter({(t.agreement, t.party, t.level): t.count for t in result.progress_totals}),
    )


def test_progress_moves_the_right_cells_and_rejected_commitments_leave(both: Database) -> None:
    before = overview(both, today=TODAY)
    assert matrix(before) == expected_matrix(both)
    assert sum(t.count for t in before.progress_totals) > 50
    korean = [v for v in list_commitments(both, MOU) if "KR" in v.actors and v.areas][:3]
    assert len(korean) == 3
    for view in korean:
        record_progress(
            both, view.id, party="KR", level="limited", on=dt.date(2025, 12, 1), note="begun", by=None
        )
        record_progress(
            both, view.id, party="KR", level="substantial", on=dt.date(2026, 1, 5),
            evidence_url="https://www.msit.go.kr/news/1", by=None,
        )  # fmt: skip
    # Entered last but dated earlier: the latest by date still wins.
    record_progress(both, korean[0].id, party="KR", level="not_started", on=dt.date(2025, 11, 1), by=None)
    rejected = next(v for v in list_commitments(both, FACTS) if v.areas)
    review(both, rejected.id, reject=True, by=None)
    after = overview(both, today=TODAY)
    assert matrix(after) == expected_matrix(both)
    cells, totals = matrix(after)
    old_cells, old_totals = matrix(before)
    moved = Counter(area for view in korean for area in view.areas)
    for area, count in moved.items():
        assert cells[(MOU, area, "KR", "substantial")] == old_cells[(MOU, area, "KR", "substantial")] + count
    assert totals[(MOU, "KR", "substantial")] == old_totals[(MOU, "KR", "substantial")] + 3
    assert totals[(MOU, "KR", "no_evidence")] == old_totals[(MOU, "KR", "no_evidence")] - 3
    assert totals[(MOU, "US", "no_evidence")] == old_totals[(MOU, "US", "no_evidence")]  # the US's untouched
    for party in rejected.actors:
        assert totals[(FACTS, party, "no_evidence")] == old_totals[(FACTS, party, "no_evidence")] - 1
    counts = {a.slug: a.commitments for a in after.agreements}
    assert counts[FACTS] == len(list_commitments(both, FACTS)) == before.agreements[0].commitments - 1
    assert after.progress_counts(MOU)[("KR", korean[0].areas[0], "substantial")] >= 1
    summed = after.progress_counts()
    assert sum(summed.values()) == sum(cells.values())


def test_compliance_is_the_latest_cycles_as_compliance_report_gives_it(both: Database) -> None:
    open_cycle(both, FACTS, kind="interim", start=dt.date(2021, 5, 21), end=dt.date(2022, 5, 21), by=None)
    cycle = open_cycle(
        both, FACTS, kind="final", start=dt.date(2021, 5, 21), end=dt.date(2023, 5, 21), by=None
    ).id
    shared = [v for v in list_commitments(both, FACTS) if v.actors == ["US", "KR"]][:3]
    for view in shared:
        write_guideline(both, view.id, "+1 if launched; 0 if announced; -1 if nothing", by=None)
    for view, (us, kr) in zip(shared, [(1, 0), (1, -1), (0, 1)], strict=True):
        score(both, cycle, view.id, party="US", value=us, justification="evidence", by=None)
        score(both, cycle, view.id, party="KR", value=kr, justification="evidence", by=None)
    result = overview(both, today=TODAY)
    assert [c.agreement for c in result.compliance] == [FACTS]  # the MOU has no cycle yet
    (facts,) = result.compliance
    view, by_party = compliance_report(both, FACTS, by="party")
    assert facts.cycle == view and facts.cycle.id == cycle
    assert list(facts.by_party) == by_party
    assert list(facts.by_area) == compliance_report(both, FACTS, by="area")[1]
    us = next(g for g in facts.by_party if g.group == "US")
    assert (us.scores, us.percent) == (3, pytest.approx((2 / 3 + 1) / 2 * 100))


def test_each_agreements_compliance_is_its_own_cycles_when_several_are_scored(both: Database) -> None:
    """The overview grades every page agreement's latest cycle in one grouped query: no score of
    one cycle may count in another's groups."""
    for agreement, values in ((FACTS, [(1, 0), (1, -1), (0, 1)]), (MOU, [(-1, -1), (0, 1)])):
        cycle = open_cycle(
            both, agreement, kind="final", start=dt.date(2021, 5, 21), end=dt.date(2026, 5, 21), by=None
        ).id
        scored = [v for v in list_commitments(both, agreement) if {"US", "KR"} <= set(v.actors)]
        for view, (us, kr) in zip(scored, values, strict=False):
            write_guideline(both, view.id, "+1 if launched; 0 if announced; -1 if nothing", by=None)
            score(both, cycle, view.id, party="US", value=us, justification="evidence", by=None)
            score(both, cycle, view.id, party="KR", value=kr, justification="evidence", by=None)
    result = overview(both, today=TODAY)
    assert sorted(c.agreement for c in result.compliance) == sorted([FACTS, MOU])
    for graded in result.compliance:
        view, by_party = compliance_report(both, graded.agreement, by="party")
        assert graded.cycle == view and view.scores >= 4
        assert list(graded.by_party) == by_party
        assert list(graded.by_area) == compliance_report(both, graded.agreement, by="area")[1]


def test_funding_per_party_and_currency_is_never_summed_across_them(both: Database) -> None:
    for view in list_commitments(both, FACTS):
        if view.amounts:
            review(both, view.id, accept=True, by=None)
    add_flow(both, FACTS, type="disbursement", party="KR", value="50000000", currency="USD", by=None)
    add_flow(both, FACTS, type="disbursement", party="KR", value="60000000000", currency="KRW", by=None)
    add_flow(both, FACTS, type="expenditure", party="KR", value="1000000000", currency="KRW", by=None)
    add_flow(both, MOU, type="commitment", party="US", value="7000000", currency="USD", by=None)
    expected: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for slug in (FACTS, MOU):
        for flow in flows(both, slug):
            cell = expected.setdefault((slug, flow.party, flow.currency), {})
            cell[flow.type] = cell.get(flow.type, Decimal(0)) + flow.value
    result = overview(both, today=TODAY)
    found = {(line.agreement, line.party, line.currency): dict(line.amounts) for line in result.funding}
    assert found == expected
    assert found[(FACTS, "KR", "KRW")] == {"disbursement": 60_000_000_000, "expenditure": 1_000_000_000}
    line = next(line for line in result.funding if (line.agreement, line.party) == (MOU, "US"))
    assert line.as_json() == {
        "agreement": MOU, "party": "US", "currency": "USD",
        "pledge": None, "commitment": 7_000_000, "disbursement": None, "expenditure": None,
    }  # fmt: skip


def test_lifecycle_states_and_key_dates(both: Database, tmp_path: Path) -> None:
    for party in ("US", "KR"):
        record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    amended = tmp_path / "amended.txt"
    amended.write_text((EXAMPLES / f"{MOU}.txt").read_text() + "\nAn added paragraph.\n")
    record(both, MOU, Act.PROPOSE_AMENDMENT, on=dt.date(2025, 12, 1), text_file=amended, by=None)
    for party, day in (("US", dt.date(2025, 12, 10)), ("KR", dt.date(2025, 12, 20))):
        record(both, MOU, Act.CONSENT, on=day, party=party, version=2, by=None)
    record(both, MOU, Act.NOTICE, on=dt.date(2026, 3, 1), party="KR", by=None)
    # A fact sheet is issued on its date, never signed (issue 13): the act is refused.
    with pytest.raises(Refused, match="issued on its date"):
        record(both, FACTS, Act.SIGN, on=dt.date(2021, 5, 21), party="US", by=None)
    states = {a.slug: a for a in overview(both, today=dt.date(2026, 4, 1)).agreements}
    mou, facts = states[MOU], states[FACTS]
    assert (mou.status, mou.signed_on, mou.in_effect_on) == (
        "notice_given",
        dt.date(2025, 10, 29),
        dt.date(2025, 10, 29),
    )
    assert (mou.amended_on, mou.version_in_force) == (dt.date(2025, 12, 20), 2)
    assert (mou.notice_given_on, mou.notice_by, mou.ends_on) == (
        dt.date(2026, 3, 1),
        "KR",
        dt.date(2026, 8, 28),
    )
    assert (facts.status, facts.signatures, facts.in_effect_on) == ("issued", (), None)
    later = {a.slug: a for a in overview(both, today=dt.date(2026, 9, 1)).agreements}
    assert later[MOU].status == "discontinued"
    earlier = {a.slug: a for a in overview(both, today=dt.date(2025, 12, 15)).agreements}
    assert (earlier[MOU].amended_on, earlier[MOU].version_in_force) == (None, 1)  # KR had not consented yet


def test_next_deadlines_overdue_ones_and_meetings(both: Database) -> None:
    today = dt.date(2021, 6, 1)
    dated = [v for v in list_commitments(both) if v.due is not None]
    assert dated
    past = new_meeting(both, MOU, on=dt.date(2021, 5, 1), place="Seoul", by=None)
    soon = new_meeting(both, MOU, on=dt.date(2021, 7, 1), place="Washington", by=None)
    result = overview(both, today=today)
    upcoming = sorted((v.due, v.id) for v in dated if today <= v.due <= today + dt.timedelta(days=90))
    missed = sorted(((v.due, v.id) for v in dated if v.due < today), reverse=True)
    assert [(d.due, d.commitment) for d in result.deadlines] == upcoming[:10]
    assert [(d.due, d.commitment) for d in result.overdue] == missed[:10]
    assert result.overdue_count == len(missed)
    assert [m.id for m in result.meetings] == [soon.id] and past.id != soon.id
    later = overview(both, today=dt.date(2030, 1, 1))
    assert later.deadlines == () and later.overdue_count == len(dated) and later.meetings == ()


def test_one_agreement_only_and_an_unknown_one(both: Database) -> None:
    new_meeting(both, FACTS, on=TODAY, place=None, by=None)
    result = overview(both, agreement=MOU, today=TODAY)
    assert result.agreement == MOU and [a.slug for a in result.agreements] == [MOU]
    assert {c.agreement for c in result.progress} == {MOU} and result.meetings == ()
    assert all(d.agreement == MOU for d in (*result.deadlines, *result.overdue))
    assert overview(both, agreement="2", today=TODAY).agreement == MOU  # by id too
    whole = overview(both, today=TODAY)
    assert [c for c in whole.progress if c.agreement == MOU] == list(result.progress)
    with pytest.raises(NotFound, match="no agreement 'nothing'"):
        overview(both, agreement="nothing")


def test_an_empty_database_has_an_empty_overview(db: Database) -> None:
    result = overview(db, today=TODAY)
    assert result.as_json() == {
        "today": "2026-01-15", "agreement": None, "agreements": [], "progress": [], "progress_totals": [],
        "compliance": [], "funding": [], "deadlines": [], "overdue": [], "overdue_count": 0, "meetings": [],
        "links_waiting": 0, "agreements_total": 0, "limit": 25, "next": None,
    }  # fmt: skip


def test_the_overview_over_http(both: Database, settings: Settings, database_url: str) -> None:
    record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party="US", by=None)
    add_flow(both, MOU, type="pledge", party="KR", value="1500000.50", currency="KRW", by=None)
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1/overview"
        whole = httpx.get(api, params={"today": TODAY.isoformat()})
        assert whole.status_code == 200
        assert whole.json() == json.loads(json.dumps(overview(both, today=TODAY).as_json()))
        one = httpx.get(api, params={"agreement": MOU, "today": TODAY.isoformat()}).json()
        assert one["agreement"] == MOU and [a["status"] for a in one["agreements"]] == ["signed_by_some"]
        assert one["funding"][0]["pledge"] == 1500000.5
        before = row_counts(both)
        missing = httpx.get(api, params={"agreement": "nothing"})
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        for params in ({"today": "2026-13-01"}, {"today": "1800-01-01"}, {"agreement": "a b"}):
            assert httpx.get(api, params=params).status_code == 422, params
        assert row_counts(both) == before
        assert httpx.get(api).json()["today"] == dt.date.today().isoformat()
    private = Settings(database_url=database_url, public_read=False)
    viewer = bearer(both, "viewer", "viewer")
    with serving(create_app(private, both)) as base:
        assert httpx.get(base + "/api/v1/overview").status_code == 401
        assert httpx.get(base + "/api/v1/overview", headers=viewer).status_code == 200
