"""GET /api/v1/commitments over real HTTP: every filter, keyset pages, the page cap, bad filters.

The SQL list is checked against the slow Python path (`list_commitments` + `current_levels`),
which knows nothing of the denormalised progress column or of the page query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from alembic import command
from alembic.config import Config

from accord.domain.progress import Level
from accord.server.app import create_app
from accord.services import listing
from accord.services.bulk import import_progress
from accord.services.commitments import CommitmentView, get_view, list_commitments, review
from accord.services.ingest import ingest_paths
from accord.services.listing import page_commitments, page_commitments_soon
from accord.services.progress import current_levels, record_progress
from accord.settings import Settings
from accord.storage import schema
from accord.storage.database import Database, OverBudget
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"
URL = "/api/v1/commitments"


def _first(views: list[CommitmentView], actors: list[str], skip: set[int]) -> int:
    return next(v.id for v in views if v.actors == actors and v.id not in skip)


def _arrange(db: Database) -> None:
    """Both example agreements with progress, a rejection, edits and due dates to filter on."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    views = list_commitments(db)
    both = _first(views, ["US", "KR"], set())
    korean = _first(views, ["KR"], {both})
    other = _first(views, ["US", "KR"], {both, korean})
    record_progress(
        db, both, party="KR", level="limited", on=dt.date(2022, 1, 5), note="call issued", by=None
    )
    record_progress(db, both, party="KR", level="substantial", on=dt.date(2023, 3, 1), note="funded", by=None)
    # Entered last but dated first: the current level stays 'substantial'.
    record_progress(db, both, party="KR", level="not_started", on=dt.date(2021, 12, 1), by=None)
    record_progress(db, both, party="US", level="complete", on=dt.date(2023, 5, 1), note="done", by=None)
    record_progress(db, korean, party="KR", level="limited", on=dt.date(2022, 2, 2), note="began", by=None)
    record_progress(db, other, party="KR", level="substantial", on=dt.date(2022, 2, 2), note="half", by=None)
    review(db, views[-1].id, reject=True, by=None)
    review(db, views[3].id, sets=[("due", "2025-06-30")], by=None)
    review(db, views[4].id, sets=[("due", "2027-01-01")], by=None)
    review(db, views[5].id, sets=[("strength", "aspiration")], by=None)


@pytest.fixture
def base(db: Database, settings: Settings) -> Iterator[str]:
    _arrange(db)
    with serving(create_app(settings, db)) as url:
        yield url


def walk(base: str, params: dict[str, Any], limit: int = 7) -> list[dict[str, Any]]:
    """Every item of a filtered list, following `next` page by page."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = httpx.get(
            base + URL, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
        assert cursor == body["items"][-1]["id"]
    raise AssertionError("the walk never ended")


def expected(db: Database, params: dict[str, str]) -> list[int]:
    """The same filter, answered by the Python path over every commitment."""
    views = list_commitments(db, params.get("agreement"), include_rejected=True)
    actor = params["actor"].upper() if "actor" in params else None
    level = Level.parse(params["progress"]).value if "progress" in params else None
    kept = []
    for view in views:
        levels = {party: current_levels(db, view.id).get(party, "no_evidence") for party in view.actors}
        if ("review" in params and view.review_state != params["review"]) or (
            "review" not in params and view.review_state == "rejected"
        ):
            continue
        if actor and actor not in view.actors:
            continue
        if level and not (levels.get(actor) == level if actor else level in levels.values()):
            continue
        if "area" in params and params["area"] not in view.areas:
            continue
        if "strength" in params and view.strength != params["strength"]:
            continue
        if "due_before" in params and not (
            view.due and view.due < dt.date.fromisoformat(params["due_before"])
        ):
            continue
        if "due_after" in params and not (view.due and view.due > dt.date.fromisoformat(params["due_after"])):
            continue
        kept.append(view.id)
    return sorted(kept)


FILTERS = [
    {},
    {"agreement": MOU},
    {"actor": "KR"},
    {"actor": "us"},
    {"area": "health"},
    {"area": "science_exchange", "actor": "US"},
    {"strength": "intent"},
    {"strength": "aspiration", "agreement": "us-kr-fact-sheet-2021"},
    {"progress": "limited"},
    {"progress": "complete"},
    {"actor": "KR", "progress": "substantial"},
    {"actor": "KR", "progress": "no_evidence"},
    {"actor": "KR", "progress": "Not started"},
    {"due_before": "2026-01-01"},
    {"due_after": "2026-01-01"},
    {"due_after": "2025-01-01", "due_before": "2026-12-31"},
    {"review": "rejected"},
    {"review": "edited", "actor": "US"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_each_filter_lists_what_the_python_path_finds(
    base: str, db: Database, params: dict[str, str]
) -> None:
    wanted = expected(db, params)
    if params.get("progress") == "Not started":
        assert wanted == []  # the late entry dated first never became KR's current level
    items = walk(base, params)
    assert [item["id"] for item in items] == wanted


def test_filters_have_something_to_find(db: Database) -> None:
    """Guards the table above: a filter matching nothing would prove nothing."""
    _arrange(db)
    empty = [p for p in FILTERS if p.get("progress") != "Not started" and not expected(db, p)]
    assert empty == []


def test_items_are_the_detail_views(base: str, db: Database) -> None:
    for item in walk(base, {}, limit=500):
        assert item == get_view(db, item["id"]).as_json()


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_cursor_walk_returns_every_row_exactly_once(base: str, db: Database, limit: int) -> None:
    ids = [item["id"] for item in walk(base, {}, limit=limit)]
    assert ids == sorted(set(ids))
    assert ids == sorted(v.id for v in list_commitments(db))
    last = httpx.get(base + URL, params={"cursor": ids[-1]}).json()
    assert (last["items"], last["next"]) == ([], None)


@pytest.mark.parametrize(
    ("query", "status", "code", "words"),
    [
        ("limit=501", 422, "invalid_request", "limit"),
        ("limit=0", 422, "invalid_request", "limit"),
        ("cursor=-1", 422, "invalid_request", "cursor"),
        ("cursor=abc", 422, "invalid_request", "cursor"),
        ("due_before=soon", 422, "invalid_request", "due_before"),
        ("area=cooking", 400, "invalid_input", "unknown area 'cooking'"),
        ("strength=maybe", 400, "invalid_input", "unknown strength 'maybe'"),
        ("progress=halfway", 400, "invalid_input", "unknown progress level 'halfway'"),
        ("review=pending", 400, "invalid_input", "unknown review 'pending'"),
        ("actor=XY", 400, "invalid_input", "unknown party code 'XY'"),
        ("agreement=no-such-agreement", 404, "not_found", "no agreement 'no-such-agreement'"),
        ("agreement=%00x", 404, "not_found", "no agreement"),
        ("agreement=" + "9" * 30, 404, "not_found", "no agreement"),
    ],
)
def test_bad_filters_get_one_clear_error(base: str, query: str, status: int, code: str, words: str) -> None:
    response = httpx.get(f"{base}{URL}?{query}")
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert words in body["error"]["message"]
    if status == 400:
        assert body["error"]["hint"]


def test_current_progress_follows_every_write(db: Database, settings: Settings, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    target = _first(list_commitments(db), ["US", "KR"], set())
    record_progress(
        db, target, party="KR", level="limited", on=dt.date(2022, 1, 5), note="call issued", by=None
    )
    with serving(create_app(settings, db)) as base:

        def korean(level: str) -> list[int]:
            return [item["id"] for item in walk(base, {"actor": "KR", "progress": level}, limit=500)]

        assert target in korean("limited")
        # A review that drops KR takes its level with it; giving KR back restores it from the history.
        review(db, target, sets=[("actors", "US")], by=None)
        assert target not in korean("limited") and target not in korean("no_evidence")
        review(db, target, sets=[("actors", "US,KR")], by=None)
        assert target in korean("limited")
        sheet = tmp_path / "progress.csv"
        sheet.write_text(f"commitment,party,level,on,note\n{target},KR,complete,2024-01-01,delivered\n")
        import_progress(db, sheet, by=None)
        assert target in korean("complete") and target not in korean("limited")
        before = row_counts(db)
        sheet.write_text(f"commitment,party,level,on,note\n{target},KR,finished,2024-02-01,x\n")
        with pytest.raises(Exception, match="nothing imported"):
            import_progress(db, sheet, by=None)
        assert row_counts(db) == before and target in korean("complete")


def test_the_migration_backfills_current_progress_and_quotes(db: Database) -> None:
    """Downgrading drops the columns; upgrading again recomputes them from the history and the text."""
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    target = _first(list_commitments(db), ["US", "KR"], set())
    record_progress(
        db, target, party="KR", level="substantial", on=dt.date(2023, 3, 1), note="funded", by=None
    )
    record_progress(
        db, target, party="KR", level="limited", on=dt.date(2022, 1, 5), note="call issued", by=None
    )
    config = Config()
    config.set_main_option("script_location", str(ROOT / "accord" / "storage" / "migrations"))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    schema.upgrade(db.engine)
    fresh = Database(db.engine)
    page = {item["id"] for item in _page(fresh, actor="KR", progress="substantial")}
    assert target in page and current_levels(db, target)["KR"] == "substantial"
    # Quotes come back too, equal to the slices of the document that the detail view takes.
    items = _page(fresh)
    assert items and all(item == get_view(db, item["id"]).as_json() for item in items)


def _page(db: Database, **filters: str) -> list[dict[str, Any]]:
    from accord.services.listing import page_commitments

    return page_commitments(db, **filters, limit=500).items  # type: ignore[arg-type]


def _soon(db: Database, **filters: object) -> object:
    """`page_commitments_soon` on an event loop of its own thread: the browser tests' Playwright
    keeps a loop running in the worker's main thread, where `anyio.run` would refuse to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, lambda: page_commitments_soon(db, **filters)).result()


def test_a_read_past_its_step_budget_is_interrupted_and_read_again_on_a_thread(db: Database) -> None:
    """The event-loop read of a page is bounded; one that outgrows its budget gives the same page."""
    _arrange(db)
    whole = page_commitments(db, area="health", limit=20)
    if db.is_sqlite:
        with pytest.raises(OverBudget):
            page_commitments(db, area="health", limit=20, budget=10)
        # The connection that was interrupted goes back to the pool fit for the next read.
        assert page_commitments(db, area="health", limit=20, budget=10**9) == whole
    spent = listing.INLINE_BUDGET
    try:
        listing.INLINE_BUDGET = 10  # every read overruns: each goes to the thread
        assert _soon(db, area="health", limit=20) == whole
    finally:
        listing.INLINE_BUDGET = spent
    assert _soon(db, area="health", limit=20) == whole
