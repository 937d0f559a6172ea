"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector), through the service and the API."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import update

from accord.errors import InputError
from accord.server.app import create_app
from accord.services.commitments import list_commitments, reextract
from accord.services.ingest import ingest_paths
from accord.services.search import MARKS, search
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import CommitmentRow
from tests.conftest import EXAMPLES
from tests.server import serving


def test_search_finds_commitments_and_provisions_with_highlights(db: Database) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    results = search(db, "Korean Positioning System")
    # Each passage once: the sentences these commitments were read from are not listed again.
    assert [(r.kind, r.agreement) for r in results] == [
        ("commitment", "us-kr-fact-sheet-2021"), ("commitment", "us-kr-tpd-mou-2025"),
    ]  # the closest match ranks first  # fmt: skip
    headings = search(db, "Areas of Cooperation")  # a heading holds no commitment: found as a provision
    assert "provision" in {r.kind for r in headings}
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
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    with serving(create_app(settings, db)) as base:
        found = httpx.get(base + "/api/v1/search", params={"q": "Artemis"}).json()
        assert found and all("Artemis" in r["snippet"] for r in found)
        assert httpx.get(base + "/api/v1/search", params={"q": ""}).status_code == 422


def test_reextract_keeps_the_index_in_step(db: Database) -> None:
    """Commitments that re-extraction removes leave the index; the ones it adds enter it."""
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    target = next(v for v in list_commitments(db, "us-kr-tpd-mou-2025") if "Artemis" in v.quote)
    # Moving the stored span makes the stored row unknown to the extractor: it is removed and
    # the commitment at the true span is added under a new id.
    with db.transaction() as session:
        session.execute(
            update(CommitmentRow).where(CommitmentRow.id == target.id).values(start=target.start + 1)
        )
    result = reextract(db, "us-kr-tpd-mou-2025", by=None)
    assert (result.added, result.removed) == (1, 1)
    ids = {r.id for r in search(db, "Artemis", limit=50) if r.kind == "commitment"}
    current = {v.id for v in list_commitments(db, "us-kr-tpd-mou-2025") if "Artemis" in v.quote}
    assert ids == current and target.id not in ids
