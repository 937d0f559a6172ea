"""How fast each dashboard page answers with about 1,000 commitments loaded (target: < 300 ms).

`accord serve` runs in its own process on the database of benchmarks/pages_data.py; every page
is fetched a few times to warm it, then timed sequentially over real HTTP, in English and in
Korean. A static file from the same server is the floor: what any request costs at all.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from accord.services.commitments import list_commitments
from accord.services.progress import current_levels, record_progress
from accord.settings import Settings
from accord.storage.database import Database
from benchmarks.pages_data import PagesData, build
from benchmarks.serving import accord_serving

BUDGET_MS = 300.0
CACHE = Path("/tmp/accord-bench/pages")


def _paths(data: PagesData) -> list[tuple[str, str]]:
    agreement = data.big_agreement
    return [
        ("static file (floor)", "/static/accord.css"),
        ("overview", "/"),
        ("overview, Korean", "/?lang=ko"),
        ("agreement (largest, all highlights)", f"/agreements/{agreement}"),
        ("commitment", f"/commitments/{data.commitment_id}"),
        ("meetings of an agreement", f"/agreements/{agreement}/meetings"),
        ("meeting", f"/meetings/{data.meeting_id}"),
        ("search", "/search?q=quantum+research"),
        ("compliance report (HTML)", f"/agreements/{agreement}/report.html"),
        ("commitments export (CSV)", "/exports/commitments.csv"),
        ("calendar (iCalendar)", f"/agreements/{agreement}/calendar.ics"),
    ]


def _time(client: httpx.Client, path: str, repeat: int) -> list[float]:
    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _after_writes(
    client: httpx.Client, data: PagesData, repeat: int
) -> list[tuple[str, float, float, float]]:
    """The overview right after a progress report (its charts must be drawn again: the server's
    warmer does it in the background within a second or so) and 2 s after one."""
    db = Database.from_settings(Settings(database_url=data.url))
    # Each write moves a different commitment to "complete", so that the charts' data is new
    # every time and no earlier chart can come from the cache.
    moving = iter(
        view.id
        for view in list_commitments(db, actor="KR")
        if current_levels(db, view.id).get("KR") != "complete"
    )
    rows = []
    for name, pause in (("overview, at once after a write", 0.0), ("overview, 2 s after a write", 2.0)):
        samples = []
        for number in range(repeat):
            record_progress(
                db, next(moving), party="KR", level="complete",
                on=dt.date(2026, 9, 1) + dt.timedelta(days=number), evidence_url=f"https://example.org/{number}", by=None,
            )  # fmt: skip
            time.sleep(pause)
            start = time.perf_counter()
            client.get("/").raise_for_status()
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(2.5)  # let the warmer finish before the next write
        samples.sort()
        rows.append(
            (name, statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)], samples[-1])
        )
    db.dispose()
    return rows


def run(repeat: int = 30) -> list[tuple[str, float, float, float]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "pages.db").unlink(missing_ok=True)
    started = time.perf_counter()
    data = build(CACHE)
    print(
        f"built {data.commitments:,} commitments through the services in {time.perf_counter() - started:.0f} s"
    )
    results = []
    with (
        accord_serving(data.url, CACHE / "serve.log") as base,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        for name, path in _paths(data):
            samples = sorted(_time(client, path, repeat))
            p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
            results.append((name, statistics.median(samples), p95, samples[-1]))
        results += _after_writes(client, data, repeat=10)
    table = Table(title=f"Pages with {data.commitments:,} commitments, {repeat} sequential requests each")
    for column in ("page", "p50 ms", "p95 ms", "max ms", "max ÷ 300 ms", "× floor (p50)"):
        table.add_column(column, justify="left" if column == "page" else "right")
    floor = results[0][1]
    for name, p50, p95, worst in results:
        table.add_row(
            name, f"{p50:.1f}", f"{p95:.1f}", f"{worst:.1f}", f"{worst / BUDGET_MS:.2f}", f"{p50 / floor:.1f}"
        )
    Console(width=130).print(table)
    slowest = max(results[1:], key=lambda row: row[3])
    verdict = "meets" if slowest[3] < BUDGET_MS else "MISSES"
    print(f"slowest page: {slowest[0]}, max {slowest[3]:.1f} ms: {verdict} the 300 ms target")
    return results
