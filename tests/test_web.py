"""The agreement list over real HTTP."""

from __future__ import annotations

import httpx

from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.server import serving


def test_index_lists_both_agreements(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        page = httpx.get(base + "/")
        listing = httpx.get(base + "/agreements.json")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "FACT SHEET: United States – Republic of Korea Partnership" in page.text
    assert "Regarding the Technology Prosperity Deal" in page.text
    assert [a["slug"] for a in listing.json()] == ["us-kr-fact-sheet-2021", "us-kr-tpd-mou-2025"]


def test_titles_are_escaped(db: Database, settings: Settings, tmp_path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("The leaders will meet.\n")
    from accord.domain.agreements import AgreementMeta

    ingest_paths(db, [path], AgreementMeta(title="<script>alert(1)</script>"), by=None)
    with serving(create_app(settings, db)) as base:
        page = httpx.get(base + "/")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_an_agreement_stored_without_its_terms_shows_them_as_not_stated(
    db: Database, settings: Settings
) -> None:
    # Records written by an older version or another tool may hold no terms at all (the portfolio
    # benchmark's did): the page and its JSON twin then say "Not stated", not 500.
    from sqlalchemy import update

    from accord.storage.tables import AgreementRow

    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with db.engine.begin() as connection:
        connection.execute(update(AgreementRow).values(terms={}))
    with serving(create_app(settings, db)) as base:
        page = httpx.get(base + "/agreements/us-kr-tpd-mou-2025")
        twin = httpx.get(base + "/api/v1/agreements/us-kr-tpd-mou-2025")
    assert page.status_code == 200, page.text[:300]
    assert "Not stated" in page.text
    assert twin.json()["terms"]["entry_into_force"] is None
