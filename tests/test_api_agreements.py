"""GET /api/v1/agreements (and a partnership's, GET /api/v1/partnerships/{key}) a page at a time,
as the commitments are paged: `limit`, `cursor` and `next`, over real HTTP; the list's order kept (by date, undated last, then id); bad values refused
with the parameter named; a private deployment still closed to anyone without a token."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

from accord.domain.agreements import AgreementMeta
from accord.domain.shapes import plain
from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.services.queries import summary_of
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import bearer
from tests.server import serving

HOLDOUT = Path(__file__).resolve().parent / "corpus" / "holdout"
FACTS, VIETNAM, MOU = "us-kr-fact-sheet-2021", "us-vn-fact-sheet-2023", "us-kr-tpd-mou-2025"
UNDATED = "us-kr-undated-note"


@pytest.fixture
def four(db: Database, tmp_path: Path) -> Database:
    """The MOU and the fact sheet, a note without a date, then the Viet Nam fact sheet (2023):
    ids in that order, dates not."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    note = tmp_path / "note.txt"
    note.write_text(
        "Note\n\nThe Participants will exchange researchers in quantum science.\n", encoding="utf-8"
    )
    ingest_paths(db, [note], AgreementMeta(title="A note", parties=("US", "KR"), slug=UNDATED), by=None)
    ingest_paths(db, [HOLDOUT / f"{VIETNAM}.txt"], by=None)
    assert summary_of(db, UNDATED).date is None
    return db


def walk(
    client: httpx.Client, limit: int, headers: dict[str, str] | None = None, path: str = "/api/v1/agreements"
) -> list[dict[str, object]]:
    pages, cursor = [], None
    while True:
        params = {"limit": limit} | ({"cursor": cursor} if cursor is not None else {})
        response = client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["limit"] == limit and len(page["items"]) <= limit
        pages.append(page)
        cursor = page["next"]
        if cursor is None:
            return pages
        assert cursor == page["items"][-1]["id"]


def test_the_pages_walk_every_agreement_once_in_the_lists_order(four: Database, settings: Settings) -> None:
    expected = [plain(summary_of(four, slug)) for slug in (FACTS, VIETNAM, MOU, UNDATED)]
    with serving(create_app(settings, four)) as base, httpx.Client(base_url=base) as client:
        first = client.get("/api/v1/agreements").json()
        pages = walk(client, limit=1)
        pairs = walk(client, limit=3)
    assert first == {"items": expected, "limit": 50, "next": None}
    assert [page["items"] for page in pages] == [[item] for item in expected]
    assert [len(page["items"]) for page in pairs] == [3, 1]
    assert [item for page in pairs for item in page["items"]] == expected


def test_an_agreement_added_while_a_client_walks_is_not_listed_twice(
    db: Database, settings: Settings
) -> None:
    """The cursor is a place in the order, not a count: an agreement added before it moves nothing."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base, httpx.Client(base_url=base) as client:
        first = client.get("/api/v1/agreements", params={"limit": 1}).json()
        assert [item["slug"] for item in first["items"]] == [FACTS]
        meta = AgreementMeta(date=dt.date(2019, 1, 1), parties=("US", "VN"))
        ingest_paths(db, [HOLDOUT / f"{VIETNAM}.txt"], meta, by=None)
        rest = client.get("/api/v1/agreements", params={"limit": 1, "cursor": first["next"]}).json()
    assert [item["slug"] for item in rest["items"]] == [MOU] and rest["next"] is None


def test_a_partnerships_pages_walk_its_agreements_once_in_date_order(
    four: Database, settings: Settings
) -> None:
    """GET /api/v1/partnerships/{key} pages as /agreements does, over the partnership's agreements
    only (the Viet Nam fact sheet is not between Korea and the United States)."""
    expected = [plain(summary_of(four, slug)) for slug in (FACTS, MOU, UNDATED)]
    path = "/api/v1/partnerships/us-kr"  # either order, any case
    with serving(create_app(settings, four)) as base, httpx.Client(base_url=base) as client:
        first = client.get(path).json()
        pages = walk(client, limit=1, path=path)
        pairs = walk(client, limit=2, path=path)
    assert first == {
        "partnership": "KR-US",
        "parties": ["KR", "US"],
        "items": expected,
        "limit": 50,
        "next": None,
    }
    assert [page["items"] for page in pages] == [[item] for item in expected]
    assert [item for page in pairs for item in page["items"]] == expected
    assert [len(page["items"]) for page in pairs] == [2, 1]


def test_a_partnership_refuses_a_cursor_outside_it_and_a_pair_with_no_document(
    four: Database, settings: Settings
) -> None:
    vietnam = summary_of(four, VIETNAM).id
    with serving(create_app(settings, four)) as base:
        outside = httpx.get(f"{base}/api/v1/partnerships/KR-US", params={"cursor": vietnam})
        nobody = httpx.get(f"{base}/api/v1/partnerships/KR-VN")
    assert outside.status_code == 400
    assert outside.json()["error"]["message"] == f"cursor {vietnam} names no agreement of this list"
    assert nobody.status_code == 404 and nobody.json()["error"]["message"] == "no document between KR and VN"


@pytest.mark.parametrize("path", ["/api/v1/agreements", "/api/v1/partnerships/KR-US"])
@pytest.mark.parametrize(
    ("query", "named"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("limit=many", "limit"), ("limit=", "limit"),
     ("cursor=0", "cursor"), ("cursor=-1", "cursor"), ("cursor=x", "cursor"), ("cursor=2147483648", "cursor")],
)  # fmt: skip
def test_a_bad_limit_or_cursor_is_refused_naming_it(
    four: Database, settings: Settings, path: str, query: str, named: str
) -> None:
    with serving(create_app(settings, four)) as base:
        response = httpx.get(f"{base}{path}?{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and error["message"].startswith(f"query.{named}:")


def test_a_cursor_that_names_no_agreement_is_a_clear_400(four: Database, settings: Settings) -> None:
    with serving(create_app(settings, four)) as base:
        response = httpx.get(f"{base}/api/v1/agreements", params={"cursor": 9999})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "cursor 9999 names no agreement"
    assert "start without a cursor" in response.json()["error"]["hint"]


@pytest.mark.parametrize(
    ("path", "parameters", "fields"),
    [
        ("/api/v1/agreements", set(), set()),
        ("/api/v1/partnerships/{key}", {"key"}, {"partnership", "parties"}),
    ],
)
def test_the_description_declares_the_page(path: str, parameters: set[str], fields: set[str]) -> None:
    settings = Settings(database_url="sqlite://")
    db = Database.from_settings(settings)
    schema = create_app(settings, db).openapi()
    db.dispose()
    operation = schema["paths"][path]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"cursor", "limit"} | parameters
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    declared = schema["components"]["schemas"][page["$ref"].rsplit("/", 1)[1]]
    assert set(declared["properties"]) == {"items", "limit", "next"} | fields


def test_a_private_deployment_pages_for_a_reader_only(four: Database, database_url: str) -> None:
    """A party's user reads every page (reading is not by party); anyone without a token none."""
    korea = bearer(four, "kr-editor", "editor", "KR")
    private = Settings(database_url=database_url, warm_charts=False, public_read=False)
    with serving(create_app(private, four)) as base, httpx.Client(base_url=base) as client:
        assert client.get("/api/v1/agreements", params={"limit": 1}).status_code == 401
        assert client.get("/api/v1/agreements", params={"limit": 1, "cursor": 1}).status_code == 401
        pages = walk(client, limit=2, headers=korea)
    assert [item["slug"] for page in pages for item in page["items"]] == [FACTS, VIETNAM, MOU, UNDATED]
