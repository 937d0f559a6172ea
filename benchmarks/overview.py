"""The overview with N synthetic commitments: computing it, drawing its charts, and a cached chart;
then GET /api/v1/overview over HTTP. Median of several runs, side by side in one process."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn
from rich.console import Console
from rich.table import Table

from accord.reports import charts
from accord.server.app import create_app
from accord.services.overview import Overview, overview
from accord.settings import Settings
from accord.storage.database import Database
from benchmarks.api_data import database

TODAY = dt.date(2026, 1, 1)


def _median_ms(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds: on a machine shared with other work the CPU time of
    this process is the steadier figure."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _progress(result: Overview, agreement: str | None) -> str:
    return charts.progress_chart(
        result.progress_counts(agreement), title="Commitments by area and progress", names={},
        axis="commitments", empty="none",
    )  # fmt: skip


def _funding(result: Overview, agreement: str) -> str:
    amounts = {
        (f.party, f.currency, t): v for f in result.funding if f.agreement == agreement for t, v in f.amounts
    }
    return charts.funding_chart(amounts, title="Funding", names={}, empty="none")


def _uncached(draw: Callable[[], str]) -> Callable[[], str]:
    def run() -> str:
        charts.cache_clear()
        return draw()

    return run


def run(commitments: int = 1_000, runs: int = 7) -> None:
    folder = Path(tempfile.mkdtemp(prefix="accord-overview-bench-"))
    try:
        path = folder / "accord.db"
        shutil.copyfile(database(commitments), path)
        settings = Settings(database_url=f"sqlite:///{path}")
        db = Database.from_settings(settings)
        result = overview(db, today=TODAY)
        first = result.agreements[0].slug
        _progress(result, first)  # imports matplotlib and loads its font list, once per process
        rows = [
            ("overview() of every agreement", _median_ms(lambda: overview(db, today=TODAY), runs)),
            (
                "overview(agreement=…) of one",
                _median_ms(lambda: overview(db, agreement=first, today=TODAY), runs),
            ),
            (
                "progress chart of one agreement, drawn",
                _median_ms(_uncached(lambda: _progress(result, first)), runs),
            ),
            (
                "progress chart of all agreements, drawn",
                _median_ms(_uncached(lambda: _progress(result, None)), runs),
            ),
            (
                "funding chart of one agreement, drawn",
                _median_ms(_uncached(lambda: _funding(result, first)), runs),
            ),
            (
                "progress chart of one agreement, cached",
                _median_ms(lambda: _progress(result, first), runs * 100),
            ),
        ]
        rows.append(("GET /api/v1/overview", _http_ms(settings, db, runs)))
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    table = Table(
        title=f"overview with {commitments:,} commitments (median of {runs} runs)", title_justify="left"
    )
    table.add_column("run")
    table.add_column("wall ms", justify="right")
    table.add_column("CPU ms", justify="right")
    table.add_column("wall × cached chart", justify="right")
    cached = rows[5][1][0]
    for name, (wall, cpu) in rows:
        table.add_row(name, f"{wall:.2f}", f"{cpu:.2f}", f"{wall / cached:,.0f}")
    Console().print(table)


def _http_ms(settings: Settings, db: Database, runs: int) -> tuple[float, float]:
    port = _free_port()
    app = create_app(settings, db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        url = f"http://127.0.0.1:{port}/api/v1/overview?today={TODAY.isoformat()}"
        with httpx.Client() as client:
            client.get(url).raise_for_status()
            return _median_ms(lambda: client.get(url).raise_for_status(), runs)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
