"""How fast each dashboard page answers with about 1,000 commitments loaded (target: < 300 ms).

`accord serve` runs in its own process on the database of benchmarks/pages_data.py; every page
is fetched a few times to warm it, then timed sequentially over real HTTP, in English and in
Korean. A static file from the same server is the floor: what any request costs at all.

With `--against REV` the code at git revision REV is served too (exported as `portfolio` does),
on its own copy of the database, and each page is asked of both servers in turn: on a shared
machine the load then weighs on both alike.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from accord.services.commitments import list_commitments
from accord.services.progress import current_levels, record_progress
from accord.settings import Settings
from accord.storage.database import Database
from benchmarks.pages_data import PagesData, build
from benchmarks.serving import accord_serving, source_tree

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


def _ask(client: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    return took


def _time(clients: list[httpx.Client], path: str, repeat: int) -> list[list[float]]:
    """Three warming requests, then `repeat` timed rounds, each server asked in turn."""
    for _ in range(3):
        for client in clients:
            _ask(client, path)
    samples: list[list[float]] = [[] for _ in clients]
    for _ in range(repeat):
        for client, found in zip(clients, samples, strict=True):
            found.append(_ask(client, path))
    return samples


def _not_complete(url: str) -> Iterator[int]:
    """Commitments of KR that KR has not reported complete."""
    db = Database.from_settings(Settings(database_url=url))
    try:
        found = [
            view.id
            for view in list_commitments(db, actor="KR")
            if current_levels(db, view.id).get("KR") != "complete"
        ]
    finally:
        db.dispose()
    return iter(found)


def after_writes(
    clients: list[httpx.Client], urls: list[str], moving: Iterator[int], repeat: int
) -> list[tuple[str, list[list[float]]]]:
    """The overview right after a progress report (its charts must be drawn again: the server's
    warmer does it in the background within a second or so) and 2 s after one, each server in
    turn getting its own write: on its own copy of the database (the same commitment on each),
    or on the database they share (another commitment each time). Each write moves a commitment
    of `moving` (KR's, not complete) to "complete", so that the charts' data is new every time
    and no earlier chart can come from the cache."""
    dbs = [Database.from_settings(Settings(database_url=url)) for url in urls]
    copies = len(set(urls)) == len(urls)
    rows = []
    for name, pause in (("overview, at once after a write", 0.0), ("overview, 2 s after a write", 2.0)):
        samples: list[list[float]] = [[] for _ in clients]
        for number in range(repeat):
            commitment = next(moving)
            for index, (db, client, found) in enumerate(zip(dbs, clients, samples, strict=True)):
                if index and not copies:
                    commitment = next(moving)
                record_progress(
                    db, commitment, party="KR", level="complete",
                    on=dt.date(2026, 9, 1) + dt.timedelta(days=number), evidence_url=f"https://example.org/{number}", by=None,
                )  # fmt: skip
                time.sleep(pause)
                found.append(_ask(client, "/"))
                time.sleep(2.5)  # let the warmer finish before the next write
        rows.append((name, samples))
    for db in dbs:
        db.dispose()
    return rows


def _figures(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)], ordered[-1]


def run(repeat: int = 30, against: str | None = None) -> list[tuple[str, float, float, float]]:
    """Every page, `repeat` times; with `against`, also from the code at that git revision, each
    page asked of both servers in turn, each server on its own copy of the same database."""
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "pages.db").unlink(missing_ok=True)
    started = time.perf_counter()
    data = build(CACHE)
    print(
        f"built {data.commitments:,} commitments through the services in {time.perf_counter() - started:.0f} s"
    )
    trees: list[tuple[str, Path | None]] = [("this tree", None)]
    urls = [data.url]
    if against:
        trees.append((f"at {against}", source_tree(against)))
        copy = CACHE / "pages-against.db"
        with sqlite3.connect(CACHE / "pages.db") as source, sqlite3.connect(copy) as target:
            source.backup(target)
        urls.append(f"sqlite:///{copy}")
    results: list[tuple[str, list[list[float]]]] = []
    with ExitStack() as stack:
        clients = []
        for number, ((_, tree), url) in enumerate(zip(trees, urls, strict=True)):
            base = stack.enter_context(accord_serving(url, CACHE / f"serve-{number}.log", tree))
            clients.append(stack.enter_context(httpx.Client(base_url=base, timeout=30)))
        for name, path in _paths(data):
            results.append((name, _time(clients, path, repeat)))
        results += after_writes(clients, urls, _not_complete(data.url), repeat=10)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    table = Table(
        title=f"Pages with {data.commitments:,} commitments, {repeat} sequential requests each "
        f"(10 after writes){', servers asked in turn' if against else ''}; load average {load}"
    )
    table.add_column("page")
    for tree, _ in trees:
        for column in ("p50 ms", "p95 ms", "max ms"):
            table.add_column(f"{tree}\n{column}" if against else column, justify="right")
    table.add_column("max ÷ 300 ms", justify="right")
    mine = []
    for name, samples in results:
        cells = [name]
        for found in samples:
            cells += [f"{figure:.1f}" for figure in _figures(found)]
        p50, p95, worst = _figures(samples[0])
        mine.append((name, p50, p95, worst))
        table.add_row(*cells, f"{worst / BUDGET_MS:.2f}")
    Console(width=160).print(table)
    slowest = max(mine[1:], key=lambda row: row[3])
    verdict = "meets" if slowest[3] < BUDGET_MS else "MISSES"
    print(f"slowest page (this tree): {slowest[0]}, max {slowest[3]:.1f} ms: {verdict} the 300 ms target")
    return mine
