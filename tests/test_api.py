"""The REST API over real HTTP: resources, pagination, and one JSON error shape."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from accord.api.app import create_app
from accord.domain.lifecycle import Act
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.server import serving

SLUG = "us-kr-tpd-mou-2025"


@pytest.fixture
def base(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")))
    record(db, SLUG, Act.SIGN, on=dt.date(2025, 10, 29), party="US")
    with serving(create_app(settings, db)) as url:
        yield url


def test_resources(base: str) -> None:
    assert {a["slug"] for a in httpx.get(base + "/api/v1/agreements").json()} == {
        SLUG,
        "us-kr-fact-sheet-2021",
    }
    detail = httpx.get(f"{base}/api/v1/agreements/{SLUG}").json()
    assert detail["terms"]["termination_notice_days"] == 180
    page = httpx.get(base + "/api/v1/commitments", params={"agreement": SLUG, "limit": 5, "offset": 5}).json()
    assert (page["total"], len(page["items"]), page["offset"]) == (22, 5, 5)
    korean = httpx.get(base + "/api/v1/commitments", params={"actor": "KR", "strength": "firm"}).json()[
        "items"
    ]
    assert korean and all("KR" in c["actors"] and c["strength"] == "firm" for c in korean)
    life = httpx.get(f"{base}/api/v1/agreements/{SLUG}/timeline").json()
    assert life["status"] == "signed_by_some" and life["events"][0]["party"] == "US"
    assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "accord"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/agreements/no-such-thing", 404, "not_found"),
        ("/api/v1/commitments?limit=100000", 422, "invalid_request"),
        ("/api/v1/commitments?area=cooking", 400, "invalid_input"),
        ("/api/v1/commitments?actor=XY", 400, "invalid_input"),
        ("/api/v1/agreements/us-kr-tpd-mou-2025/compliance", 404, "not_found"),
        ("/api/v1/nowhere", 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(base: str, path: str, status: int, code: str) -> None:
    response = httpx.get(base + path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert body["error"]["code"] == code and body["error"]["message"]
