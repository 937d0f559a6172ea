"""Schemathesis against /openapi.json: generated requests to every operation, over real HTTP, on a
seeded SQLite database with an admin token, so that writes are exercised too. No response may be
a 5xx, and every response must match the schema /openapi.json declares for it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.actions import add_action
from accord.services.assessments import open_cycle, write_guideline
from accord.services.bodies import add_body
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import new_meeting
from accord.services.users import add_user, new_token
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES, _fresh_postgres
from tests.server import serving

# The description the app serves at /openapi.json (checked below); building it needs no database.
# Loaded as a document, not through the ASGI app, so that every case goes over HTTP to the live server.
schema = schemathesis.openapi.from_dict(create_app(Settings(database_url="sqlite://")).openapi())
MOU = "us-kr-tpd-mou-2025"
# Documents are sent as their bytes, whatever the type; the loaders then refuse what they cannot read.
schemathesis.serializer.alias(
    ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    "application/octet-stream",
)


def seed(db: Database) -> None:
    """Something behind the low ids that generated requests name: agreements, a signed MOU, a body,
    a meeting with an action item, a cycle with a guideline."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    for party in ("US", "KR"):
        record(db, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    first = list_commitments(db, MOU)[0]
    add_body(db, "Korea AeroSpace Administration", kind="agency", party="KR", acronym="KASA", by=None)
    meeting = new_meeting(db, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
    add_action(
        db,
        meeting.id,
        text="Draft the work plan",
        owner="KR",
        due=dt.date(2026, 6, 1),
        commitment=first.id,
        by=None,
    )
    open_cycle(db, MOU, kind="interim", start=dt.date(2025, 11, 1), end=dt.date(2026, 10, 31), by=None)
    write_guideline(db, first.id, "+1: programme launched; 0: under way; -1: nothing", by=None)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def live(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str]]]:
    """A seeded server on each backend: the same generated requests go to SQLite and PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schema") / "accord.db"
        shutil.copyfile(sqlite_template, path)
        urls: Iterator[str] = iter([f"sqlite:///{path}"])
    else:
        urls = _fresh_postgres(request.getfixturevalue("postgres_template"))
    url = next(urls)
    settings_ = Settings(database_url=url, warm_charts=False)
    db = Database.from_settings(settings_)
    seed(db)
    add_user(db, "fuzzer", role="admin")
    headers = {"Authorization": f"Bearer {new_token(db, 'fuzzer')}"}
    with serving(create_app(settings_, db)) as base:
        yield base, headers
    db.dispose()
    for _ in urls:  # the PostgreSQL database is dropped once its generator finishes
        pass


def test_the_served_description_is_the_one_tested(live: tuple[str, dict[str, str]]) -> None:
    base, _ = live
    assert httpx.get(base + "/openapi.json").json() == schema.raw_schema


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_response_as_declared(
    case: schemathesis.Case, live: tuple[str, dict[str, str]]
) -> None:
    base, headers = live
    case.call_and_validate(
        base_url=base, headers=headers, checks=[not_a_server_error, response_schema_conformance], timeout=30
    )
