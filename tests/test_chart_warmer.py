"""The server draws the overview's charts when the record changes, so a page view draws nothing."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from accord.reports import charts
from accord.server.app import create_app
from accord.services.auditing import audit_head
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.progress import record_progress
from accord.settings import Settings
from accord.storage.database import Database
from accord.web.chart_warmer import ChartWarmer
from tests.conftest import EXAMPLES, ROOT
from tests.server import free_port, serving


def _wait(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the charts were not drawn in time"
        time.sleep(0.05)


def test_a_write_is_followed_by_new_charts_before_anyone_asks(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    charts.cache_clear()  # another test of this process may have drawn this very record
    app = create_app(settings.model_copy(update={"warm_charts": True}), db)
    with serving(app) as base:
        warmer: ChartWarmer = app.state.chart_warmer
        # Nobody asked for the overview: a server that answers only the API has its charts too,
        # drawn by a child process, never on the server's own interpreter.
        _wait(lambda: warmer.drawn >= 1)
        assert warmer.process.pid not in (None, os.getpid())
        before = audit_head(db)
        korean = next(v for v in list_commitments(db, "us-kr-tpd-mou-2025") if "KR" in v.actors)
        record_progress(
            db,
            korean.id,
            party="KR",
            level="limited",
            on=dt.date(2026, 2, 1),
            evidence_url="https://example.org/report",
            by=None,
        )
        assert audit_head(db) > before
        _wait(lambda: warmer.drawn >= 2)
        drawn = charts.draws()
        for language in ("en", "ko"):
            page = httpx.get(f"{base}/?lang={language}", timeout=30)
            assert page.status_code == 200 and 'id="progress-chart' in page.text
        # Both languages' charts of the new record were drawn already: the views drew none.
        assert charts.draws() == drawn


def test_no_warmer_when_turned_off(settings: Settings, db: Database) -> None:
    app = create_app(settings, db)  # the tests' settings turn it off
    with serving(app):
        assert app.state.chart_warmer is None


def _progress_chart(html: str) -> str:
    start = html.index('id="progress-chart"')
    return html[start : html.index("</svg>", start)]


def test_right_after_a_write_the_page_shows_the_last_charts_and_says_so(
    db: Database, settings: Settings
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    app = create_app(settings.model_copy(update={"warm_charts": True}), db)
    with serving(app) as base:
        warmer: ChartWarmer = app.state.chart_warmer
        httpx.get(f"{base}/", timeout=30)
        _wait(lambda: warmer.drawn >= 1)
        warmer.stop()  # as if it had not yet drawn the charts of the write below
        first = httpx.get(f"{base}/", timeout=30).text
        assert "being redrawn" not in first
        korean = next(v for v in list_commitments(db, "us-kr-tpd-mou-2025") if "KR" in v.actors)
        record_progress(
            db, korean.id, party="KR", level="limited", on=dt.date(2026, 2, 1),
            evidence_url="https://example.org/report", by=None,
        )  # fmt: skip
        charts.cache_clear()  # another test of this process may have drawn this very record
        drawn = charts.draws()
        page = httpx.get(f"{base}/", timeout=30).text
        assert charts.draws() == drawn  # the visitor did not wait for matplotlib
        assert "this chart is being redrawn" in page
        assert _progress_chart(page) == _progress_chart(first)  # the last chart drawn, not a new one
        # ...while the tables already count the new level.
        assert (
            'data-level="limited"><a href="/api/v1/commitments?agreement=us-kr-tpd-mou-2025&amp;actor=KR&amp;progress=limited" title="List them as JSON">1</a>'
            in page
        )


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_drawing_process_ends_with_its_server_however_it_ends(tmp_path: Path) -> None:
    """A server killed outright leaves no chart process behind (it would hold 80 MB forever)."""
    port = free_port()
    env = {
        **os.environ, "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}", "PYTHONPATH": str(ROOT),
        "ACCORD_WARM_CHARTS": "true",
    }  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        drawing: set[int] = set()
        while not drawing:  # the warmer draws the empty record's charts at once, in a niced child
            assert time.monotonic() < deadline, "no chart process was started"
            drawing = {pid for pid in _children(server.pid) if os.getpriority(os.PRIO_PROCESS, pid) > 0}
            time.sleep(0.2)
        server.kill()
        server.wait(timeout=20)
        _wait(lambda: not any(_alive(pid) for pid in drawing), seconds=15)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)
