"""The pages that list every agreement (agreements, meetings, assessments) a page at a time, over
real HTTP: the links between pages walk every agreement once, in the full list's order; a bad
`?page=` or `?limit=` is a clear error; and each page shows a visitor only the actions its
party may take."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import httpx
import pytest

from accord.server.app import create_app
from accord.services.agreement_pages import page_agreements
from accord.services.assessment_views import cycles_by_agreement, list_cycles
from accord.services.assessments import open_cycle, review_cycle
from accord.services.ingest import ingest_paths
from accord.services.meetings import (
    approve_minutes,
    list_meetings,
    meetings_by_agreement,
    new_meeting,
    write_minutes,
)
from accord.services.partnerships import page_partnership, partnership
from accord.services.queries import list_agreements
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.server import serving
from tests.webclient import add_signing_user, signed_in

HOLDOUT = Path(__file__).resolve().parent / "corpus" / "holdout"
# By date: the fact sheet (2021, US·KR), the Viet Nam fact sheet (2023, US·VN), the MOU (2025, US·KR).
FACTS, VIETNAM, MOU = "us-kr-fact-sheet-2021", "us-vn-fact-sheet-2023", "us-kr-tpd-mou-2025"
LISTS = ["/agreements", "/meetings", "/assessments"]


@pytest.fixture
def three(db: Database) -> Database:
    ingest_paths(db, [*sorted(EXAMPLES.glob("*.txt")), HOLDOUT / f"{VIETNAM}.txt"], by=None)
    for name, role, party in (
        ("kr-sec", "secretariat", "KR"), ("us-sec", "secretariat", "US"), ("analyst", "analyst", None),
    ):  # fmt: skip
        add_signing_user(db, name, role, party)
    return db


def shown(html: str) -> list[str]:
    """The agreements a list page shows, by the slug of their links, in order (not the form that
    adds one)."""
    slugs = re.findall(r'href="/agreements/([a-z0-9-]+)(?:/meetings)?"', html)
    return [slug for slug in dict.fromkeys(slugs) if slug != "new"]


def link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.mark.parametrize("path", LISTS)
def test_the_page_links_walk_every_agreement_once_in_order(
    three: Database, settings: Settings, path: str
) -> None:
    with serving(create_app(settings, three)) as base, httpx.Client(base_url=base) as client:
        whole = client.get(path)
        assert whole.status_code == 200
        assert shown(whole.text) == [FACTS, VIETNAM, MOU] and 'class="pager"' not in whole.text
        walked, page, seen = [], f"{path}?limit=1", 0
        while page is not None:
            response = client.get(page)
            assert response.status_code == 200, page
            seen += 1
            walked += shown(response.text)
            assert f"Agreements {seen}–{seen} of 3" in response.text
            assert (link(response.text, "prev") is None) == (seen == 1)
            assert link(response.text, "last") in (None, f"{path}?page=3&limit=1")
            page = link(response.text, "next")
        assert walked == [FACTS, VIETNAM, MOU]
        korean = client.get(f"{path}?page=2&limit=2&lang=ko").text
        assert shown(korean) == [MOU] and "협정 3건 중 3–3" in korean and "2 / 2쪽" in korean


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("query", "named"),
    [("page=0", "page"), ("page=-1", "page"), ("page=two", "page"), ("page=", "page"),
     ("limit=0", "limit"), ("limit=501", "limit"), ("limit=many", "limit")],
)  # fmt: skip
def test_a_bad_page_or_limit_is_a_clear_400(
    three: Database, settings: Settings, path: str, query: str, named: str
) -> None:
    with serving(create_app(settings, three)) as base:
        response = httpx.get(f"{base}{path}?{query}")
    assert response.status_code == 400
    assert f"{named}:" in response.text and "Check the form and send it again." in response.text


@pytest.mark.parametrize("path", LISTS)
def test_a_page_past_the_last_says_how_many_there_are(three: Database, settings: Settings, path: str) -> None:
    with serving(create_app(settings, three)) as base:
        english = httpx.get(f"{base}{path}?page=4&limit=1")
        korean = httpx.get(f"{base}{path}?page=4&limit=1&lang=ko")
        largest = httpx.get(f"{base}{path}?limit=500")
    assert english.status_code == korean.status_code == 404
    assert "no page 4 of agreements: there are 3" in english.text
    assert "ask for a page from 1 to 3" in english.text
    assert "협정 목록에 4쪽이 없습니다: 모두 3쪽입니다" in korean.text
    assert largest.status_code == 200 and shown(largest.text) == [FACTS, VIETNAM, MOU]


def test_an_empty_record_has_one_empty_page(db: Database, settings: Settings) -> None:
    found = page_agreements(db)
    assert found.agreements == [] and (found.paging.pages, found.paging.first, found.paging.last) == (1, 0, 0)
    with serving(create_app(settings, db)) as base:
        assert httpx.get(f"{base}/agreements").status_code == 200
        assert httpx.get(f"{base}/agreements?page=2").status_code == 404


def test_each_page_shows_a_visitor_only_what_its_party_may_do(three: Database, settings: Settings) -> None:
    """A secretariat may plan a meeting of its own party's agreements only; only analysts score."""
    vietnam_plan, mou_plan = f"/agreements/{VIETNAM}/meetings#plan", f"/agreements/{MOU}/meetings#plan"
    with serving(create_app(settings, three)) as base:
        anonymous = httpx.get(f"{base}/meetings?page=2&limit=2").text
        with signed_in(base, "kr-sec") as korea:
            korea_first = korea.get("/meetings?page=1&limit=2").text
            korea_second = korea.get("/meetings?page=2&limit=2").text
            korea_scores = korea.get("/assessments?page=2&limit=1").text
            korea_agreements = korea.get("/agreements?page=2&limit=1").text
        with signed_in(base, "us-sec") as america:
            america_first = america.get("/meetings?page=1&limit=2").text
        with signed_in(base, "analyst") as analyst:
            analyst_scores = analyst.get("/assessments?page=2&limit=1").text
    assert "#plan" not in anonymous
    assert vietnam_plan not in korea_first and f"/agreements/{FACTS}/meetings#plan" in korea_first
    assert mou_plan in korea_second
    assert vietnam_plan in america_first
    assert "See the scores" in korea_scores and "Guidelines and scores" not in korea_scores
    assert "Guidelines and scores" in analyst_scores
    assert "/agreements/new" in korea_agreements  # a secretariat adds agreements, on every page


def test_a_private_deployment_closes_every_page_of_the_lists(three: Database, database_url: str) -> None:
    private = Settings(database_url=database_url, warm_charts=False, public_read=False)
    with serving(create_app(private, three)) as base:
        for path in LISTS:
            assert httpx.get(f"{base}{path}?page=2&limit=1").status_code == 401
        with signed_in(base, "kr-sec") as korea:
            assert shown(korea.get("/agreements?page=2&limit=1").text) == [VIETNAM]


def test_meetings_and_cycles_read_together_are_those_read_one_agreement_at_a_time(three: Database) -> None:
    planned = new_meeting(three, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
    approved = new_meeting(three, FACTS, on=dt.date(2026, 4, 1), place="Washington", by=None)
    for meeting in (planned, approved):
        write_minutes(three, meeting.id, "Both sides met.", by=None)
    approve_minutes(three, planned.id, party="US", on=dt.date(2026, 3, 2), by=None)
    for party in ("US", "KR"):
        approve_minutes(three, approved.id, party=party, on=dt.date(2026, 4, 2), by=None)
    cycle = open_cycle(
        three, VIETNAM, kind="interim", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), by=None
    )
    for party in ("US", "VN"):
        review_cycle(three, cycle.id, party=party, on=dt.date(2026, 1, 10), by=None)
    open_cycle(three, MOU, kind="interim", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), by=None)
    ids = [summary.id for summary in list_agreements(three)]
    meetings, cycles = meetings_by_agreement(three, ids), cycles_by_agreement(three, ids)
    for slug in (FACTS, VIETNAM, MOU):
        assert meetings.get(slug, []) == list_meetings(three, slug)
        assert cycles.get(slug, []) == list_cycles(three, slug)
    assert [m.minutes_status for m in meetings[MOU]] == ["draft"] and meetings[MOU][0].approved_by == ["US"]
    assert [m.minutes_status for m in meetings[FACTS]] == ["approved"]
    assert [(c.status, c.reviewed_by) for c in cycles[VIETNAM]] == [("final", ["US", "VN"])]
    assert [c.status for c in cycles[MOU]] == ["preliminary"]


PARTNERSHIP = "/partnerships/KR-US"  # the fact sheet and the MOU (the Viet Nam one is US·VN)


def test_a_partnerships_pages_walk_its_agreements_once_in_date_order(
    three: Database, settings: Settings
) -> None:
    with serving(create_app(settings, three)) as base, httpx.Client(base_url=base) as client:
        whole = client.get("/partnerships/us-kr")  # either order, any case
        assert whole.status_code == 200
        assert shown(whole.text) == [FACTS, MOU] and 'class="pager"' not in whole.text
        walked, page, seen = [], "/partnerships/us-kr?limit=1", 0
        while page is not None:
            response = client.get(page)
            assert response.status_code == 200, page
            seen += 1
            walked += shown(response.text)
            assert f"Agreements {seen}–{seen} of 2" in response.text
            assert (link(response.text, "prev") is None) == (seen == 1)
            assert link(response.text, "last") in (None, f"{PARTNERSHIP}?page=2&limit=1")
            page = link(response.text, "next")
        assert walked == [FACTS, MOU]
        korean = client.get(f"{PARTNERSHIP}?page=2&limit=1&lang=ko").text
        assert shown(korean) == [MOU] and "협정 2건 중 2–2" in korean and "2 / 2쪽" in korean


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=0", "page"),
        ("page=two", "page"),
        ("page=", "page"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
    ],
)
def test_a_bad_page_or_limit_of_a_partnership_is_a_clear_400(
    three: Database, settings: Settings, query: str, named: str
) -> None:
    with serving(create_app(settings, three)) as base:
        response = httpx.get(f"{base}{PARTNERSHIP}?{query}")
    assert response.status_code == 400
    assert f"{named}:" in response.text


def test_a_partnership_page_past_the_last_says_how_many_there_are(
    three: Database, settings: Settings
) -> None:
    with serving(create_app(settings, three)) as base:
        english = httpx.get(f"{base}{PARTNERSHIP}?page=3&limit=1")
        korean = httpx.get(f"{base}{PARTNERSHIP}?page=3&limit=1&lang=ko")
        nobody = httpx.get(f"{base}/partnerships/KR-VN")
        malformed = httpx.get(f"{base}/partnerships/KR")
    assert english.status_code == korean.status_code == 404
    assert "no page 3 of agreements: there are 2" in english.text
    assert "협정 목록에 3쪽이 없습니다: 모두 2쪽입니다" in korean.text
    assert nobody.status_code == 404 and "no document between KR and VN" in nobody.text
    assert malformed.status_code == 400


def test_a_partnership_read_a_page_at_a_time_is_the_whole_one_cut(three: Database) -> None:
    whole = partnership(three, "KR-US").agreements
    pages = [page_partnership(three, "KR-US", page=n, limit=1) for n in (1, 2)]
    assert [summary for page in pages for summary in page.agreements] == whole
    assert [(p.paging.first, p.paging.last, p.paging.total) for p in pages] == [(1, 1, 2), (2, 2, 2)]


def test_a_private_deployment_closes_every_page_of_a_partnership(three: Database, database_url: str) -> None:
    private = Settings(database_url=database_url, warm_charts=False, public_read=False)
    with serving(create_app(private, three)) as base:
        assert httpx.get(f"{base}{PARTNERSHIP}?page=2&limit=1").status_code == 401
        with signed_in(base, "kr-sec") as korea:
            assert shown(korea.get(f"{PARTNERSHIP}?page=2&limit=1").text) == [MOU]
