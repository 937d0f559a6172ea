"""The commitment list's quick path (accord.api.quick_query) answers exactly as FastAPI's own path.

An anonymous request with plain values takes the quick path; the same request with an API token
always goes through FastAPI (the caller must be identified), and the list does not depend on who
reads it. So each generated query, valid or not, must get the same status, headers and bytes
both ways, and the plain ones must indeed take the quick path.
"""

from __future__ import annotations

import datetime as dt
import random
from urllib.parse import urlencode

import httpx
import pytest
from starlette.requests import Request

from accord.api.quick_query import QuickParameters, QuickQueryRoute
from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.progress import record_progress
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import bearer
from tests.server import serving

SLUG = "us-kr-tpd-mou-2025"
VALUES: dict[str, list[str]] = {
    "agreement": [SLUG, "us-kr-fact-sheet-2021", "no-such-agreement", "1", "x" * 201, ""],
    "actor": ["KR", "US", "kr", "K", "KRX12345", "K1", "ASEANXYZ", "KR\n", " KR"],
    "area": ["health", "space", "energy", "no-such-area", "a" * 33, "héalth"],
    "progress": ["limited", "no_evidence", "complete", "bogus", "LIMITED"],
    "strength": ["firm", "intent", "aspiration", "strong"],
    "review": ["pending", "accepted", "rejected", "nope"],
    "cursor": ["0", "1", "5", "40", "007", "-1", "2147483647", "2147483648", "abc", "1.0", "+3", " 4", ""],
    "limit": ["1", "2", "5", "50", "500", "501", "0", "05", "x", ""],
    "due_before": ["2030-01-01", "2026-06-30", "not-a-date"],
    "due_after": ["2020-01-01"],
    "unknown": ["whatever"],
}


@pytest.fixture
def served(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    record(db, SLUG, Act.SIGN, on=dt.date(2025, 10, 29), party="US", by=None)
    for number, view in enumerate(list_commitments(db, SLUG)[:12]):
        party = view.actors[0] if view.actors else "US"
        record_progress(
            db, view.id, party=party, level=("limited", "complete", "substantial")[number % 3],
            on=dt.date(2026, 1, 1 + number), evidence_url=f"https://example.org/{number}", by=None,
        )  # fmt: skip
    token = bearer(db, "reader", "viewer")
    with serving(create_app(settings, db)) as url:
        yield url, token


def _queries(count: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(15)
    queries: list[list[tuple[str, str]]] = [
        [],
        [("actor", "KR"), ("area", "health"), ("progress", "limited")],
    ]
    names = list(VALUES)
    while len(queries) < count:
        chosen = rng.sample(names, rng.randint(1, 4))
        query = [(name, rng.choice(VALUES[name])) for name in chosen]
        if rng.random() < 0.1:
            query.append(query[0])  # a parameter given twice
        queries.append(query)
    return queries


def test_every_answer_is_fastapis_own(
    served: tuple[str, dict[str, str]], db: Database, settings: Settings
) -> None:
    base, token = served
    parameters = _parameters()
    app = create_app(settings, db)  # the request's settings, for the checks below
    quick = 0
    with httpx.Client(base_url=base, timeout=30) as client:
        for query in _queries(120):
            path = "/api/v1/commitments?" + urlencode(query)
            anonymous = client.get(path)
            identified = client.get(path, headers=token)
            assert anonymous.status_code == identified.status_code, path
            assert anonymous.content == identified.content, path
            assert anonymous.headers.get("content-type") == identified.headers.get("content-type"), path
            scope = {"type": "http", "headers": [], "query_string": urlencode(query).encode(), "app": app}
            quick += parameters.values(Request(scope)) is not None
    assert quick >= 30  # the plain queries did take the quick path


def _parameters() -> QuickParameters:
    from accord.api.routes import router

    (route,) = [r for r in router.routes if getattr(r, "path", "") == "/api/v1/commitments"]
    assert isinstance(route, QuickQueryRoute)
    return QuickParameters(route)
