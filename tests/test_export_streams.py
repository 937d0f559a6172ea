"""Exports over HTTP: streamed an agreement at a time, stopped when the client leaves, limited for
anonymous readers, and CSV cells neutralised so that no spreadsheet runs them as formulas."""

from __future__ import annotations

import asyncio
import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from accord.domain.agreements import AgreementMeta
from accord.reports.exports import ROWS_PER_CHUNK
from accord.server.app import create_app
from accord.services.funding import add_flow
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from accord.web.downloads import ANONYMOUS_ROWS
from tests.helpers import bearer
from tests.server import serving

COMMITMENTS = 5_200  # two acting parties each: a progress sheet of 10,400 rows, past ANONYMOUS_ROWS


@pytest.fixture
def many(db: Database, tmp_path: Path) -> Database:
    text = "\n\n".join(
        f"{n}. The Participants will cooperate on research topic {n}." for n in range(1, COMMITMENTS + 1)
    )
    (tmp_path / "many.txt").write_text("# Work plan\n\n" + text + "\n")
    ingest_paths(db, [tmp_path / "many.txt"], AgreementMeta(parties=("US", "KR")), by=None)
    return db


async def fetch(
    app: Any, path: str, headers: dict[str, str], *, leave_after: int | None
) -> list[dict[str, Any]]:
    """GET `path` through the ASGI app as a server would; the client leaves (http.disconnect)
    once `leave_after` chunks of body have arrived. Returns every message the app sent."""
    sent: list[dict[str, Any]] = []
    left = asyncio.Event()
    asked = False

    async def receive() -> dict[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await left.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        bodies = [m for m in sent if m["type"] == "http.response.body"]
        if leave_after is not None and len(bodies) >= leave_after:
            left.set()

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    await asyncio.wait_for(app(scope, receive, send), timeout=120)
    return sent


def exchange(
    app: Any, path: str, headers: dict[str, str], *, leave_after: int | None
) -> list[dict[str, Any]]:
    """`fetch` on a thread of its own: the browser tests' Playwright session keeps an event loop
    running on the main thread of the worker, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch(app, path, headers, leave_after=leave_after)).result()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_abandoned_export_stops(fmt: str, many: Database, settings: Settings) -> None:
    app = create_app(settings, many)
    token = bearer(many, "reader", "viewer")  # no row limit: the whole sheet is asked for
    path = f"/exports/progress.{fmt}"
    whole = exchange(app, path, token, leave_after=None)
    bodies = [m for m in whole if m["type"] == "http.response.body"]
    assert whole[0]["status"] == 200 and bodies[-1]["more_body"] is False
    assert len(bodies) >= 2 * COMMITMENTS // ROWS_PER_CHUNK  # a chunk per batch of rows, at least
    left = exchange(app, path, token, leave_after=1)
    after = [m for m in left if m["type"] == "http.response.body"]
    # The client left after the first chunk: at most the chunk then being made follows, and the
    # file is never finished.
    assert len(after) <= 2, len(after)
    assert all(m.get("more_body", False) for m in after)


def test_anonymous_readers_get_at_most_the_row_limit(many: Database, settings: Settings) -> None:
    with serving(create_app(settings, many)) as base:
        anonymous = httpx.get(base + "/exports/progress.csv", timeout=60)
        signed = httpx.get(
            base + "/exports/progress.csv", headers=bearer(many, "reader", "viewer"), timeout=60
        )
    assert anonymous.headers["x-row-limit"] == str(ANONYMOUS_ROWS)
    assert len(list(csv.DictReader(io.StringIO(anonymous.text)))) == ANONYMOUS_ROWS
    assert "x-row-limit" not in signed.headers
    assert len(list(csv.DictReader(io.StringIO(signed.text)))) == 2 * COMMITMENTS


FORMULAS = ['=HYPERLINK("https://example.org","x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(db: Database, settings: Settings) -> None:
    from tests.conftest import EXAMPLES

    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    for note in [*FORMULAS, "-1", "plain"]:
        add_flow(
            db, "us-kr-tpd-mou-2025", type="pledge", party="US", value="1", currency="USD", note=note, by=None
        )
    with serving(create_app(settings, db)) as base:
        answer = httpx.get(base + "/exports/funding.csv")
        as_json = httpx.get(base + "/exports/funding.json").json()
    notes = [row["note"] for row in csv.DictReader(io.StringIO(answer.text, newline=""))]
    assert notes == ["'" + formula for formula in FORMULAS] + ["-1", "plain"]
    assert [row["note"] for row in as_json] == [*FORMULAS, "-1", "plain"]  # JSON keeps the text as it is
