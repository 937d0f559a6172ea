"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector), through the service and the API."""

from __future__ import annotations

import httpx
import pytest

from accord.api.app import create_app
from accord.errors import InputError
from accord.services.ingest import ingest_paths
from accord.services.search import MARKS, search
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.server import serving


def test_search_finds_commitments_and_provisions_with_highlights(db: Database) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")))
    results = search(db, "Korean Positioning System")
    assert results and {r.kind for r in results} == {"provision", "commitment"}
    assert [r.agreement for r in results[:2]] == [
        "us-kr-fact-sheet-2021"
    ] * 2  # the closest match ranks first
    assert all(f"{MARKS[0]}Positioning{MARKS[1]}" in r.snippet for r in results)
    assert search(db, "cubesat")[0].agreement == "us-kr-tpd-mou-2025"
    # The engine's own syntax never reaches it: an unbalanced quote or a bare operator is just text.
    assert search(db, 'quantum"') and search(db, "quantum AND (")
    assert search(db, "zzzz-no-such-word") == []


def test_bad_queries(db: Database) -> None:
    with pytest.raises(InputError, match="nothing to search for"):
        search(db, "   ")
    with pytest.raises(InputError, match="limit must be"):
        search(db, "quantum", limit=0)


def test_search_endpoint(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"])
    with serving(create_app(settings, db)) as base:
        found = httpx.get(base + "/api/v1/search", params={"q": "Artemis"}).json()
        assert found and all("Artemis" in r["snippet"] for r in found)
        assert httpx.get(base + "/api/v1/search", params={"q": ""}).status_code == 422
