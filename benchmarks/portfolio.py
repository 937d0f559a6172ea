"""Every page at portfolio size — 10,000 agreements, 1,000,000 commitments (the API benchmark's
database) — and, with `--against REV`, the same pages from the code at git revision REV, side by
side in one run: two servers on the same database, each page asked of both in turn, so that the
machine's load (a shared 2-core machine) weighs on both alike.

The revision's tree is exported with `git archive` into the temp folder (nothing is checked out
in the repository) and served with the same interpreter and packages.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from accord.services.actions import add_action
from accord.services.commitments import list_commitments
from accord.services.listing import page_commitments
from accord.services.meetings import add_decision, list_meetings, new_meeting, write_minutes
from accord.settings import Settings
from accord.storage.database import Database
from benchmarks.pages import after_writes
from benchmarks.serving import accord_serving, source_tree

BUDGET_MS = 300.0
ROOT = Path(__file__).resolve().parent.parent
LOGS = Path(tempfile.gettempdir()) / "accord-bench" / "pages"
AGREEMENT = "synthetic-000001"
PARTNERSHIP = "KR-US"  # the largest: about 1,500 agreements
SLOW_MS = 2000.0  # a page slower than this (warming) is asked 5 times, not `repeat`
HOPELESS_MS = 10_000.0  # a server this slow on a page answers it once


def _paths(meeting: int) -> list[tuple[str, str]]:
    a = AGREEMENT
    return [
        ("static file (floor)", "/static/accord.css"),
        ("overview", "/"),
        ("overview, Korean", "/?lang=ko"),
        ("overview, a later page", "/?cursor=5000"),
        ("overview as JSON (GET /api/v1/overview)", "/api/v1/overview"),
        ("agreements", "/agreements"),
        ("agreements as JSON (GET /api/v1/agreements)", "/api/v1/agreements"),
        ("agreements as JSON, 500 a page", "/api/v1/agreements?limit=500"),
        ("agreement", f"/agreements/{a}"),
        ("commitment", "/commitments/50"),
        ("partnership (KR-US)", f"/partnerships/{PARTNERSHIP}"),
        ("partnership (KR-US), page 20", f"/partnerships/{PARTNERSHIP}?page=20"),
        ("partnership as JSON (GET /api/v1/partnerships/KR-US)", f"/api/v1/partnerships/{PARTNERSHIP}"),
        ("partnership as JSON, 500 a page", f"/api/v1/partnerships/{PARTNERSHIP}?limit=500"),
        ("meetings of an agreement", f"/agreements/{a}/meetings"),
        ("meeting", f"/meetings/{meeting}"),
        ("meeting's agenda (GET /api/v1/meetings/{id}/agenda)", f"/api/v1/meetings/{meeting}/agenda"),
        ("meetings", "/meetings"),
        ("assessments", "/assessments"),
        ("links", "/links"),
        ("search", "/search?q=quantum+research"),
        ("commitments export (CSV, anonymous: first 10,000 rows)", "/exports/commitments.csv"),
        ("calendar (iCalendar)", f"/agreements/{a}/calendar.ics"),
    ]


def _meeting(url: str) -> int:
    """A Joint Committee meeting of the first agreement, with minutes, decisions and action items
    (the synthetic database has none): added once, then found again."""
    db = Database.from_settings(Settings(database_url=url))
    try:
        found = list_meetings(db, AGREEMENT)
        if found:
            return found[0].id
        meeting = new_meeting(db, AGREEMENT, on=dt.date(2026, 3, 1), place="Seoul", by=None)
        write_minutes(db, meeting.id, "The Joint Committee met and reviewed the work plan.", by=None)
        served = list_commitments(db, AGREEMENT)[:20]
        for number, commitment in enumerate(served):
            add_decision(db, meeting.id, f"Decision {number}: continue the programme.", by=None)
            add_action(
                db, meeting.id, text=f"Report on the programme ({number})", owner=commitment.actors[0],
                due=dt.date(2026, 6, 1) + dt.timedelta(days=number), commitment=commitment.id, by=None,
            )  # fmt: skip
        return meeting.id
    finally:
        db.dispose()


def _not_reported(url: str) -> Iterator[int]:
    """Commitments of KR with no evidence yet, read a page at a time (listing a million would not do)."""
    db = Database.from_settings(Settings(database_url=url))
    try:
        page = page_commitments(db, actor="KR", progress="no_evidence", limit=100)
    finally:
        db.dispose()
    return iter([item["id"] for item in page.items])


@dataclass
class Timings:
    samples: list[float] = field(default_factory=list)
    size: int = 0  # bytes of the last answer
    first: float | None = None  # ms of the first answer (before any warming: a cache is cold)
    error: str | None = None
    done: bool = False  # too slow to ask again

    def p(self, share: float) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, round(share * len(ordered)) - 1)]


def _ask(client: httpx.Client, path: str, timings: Timings) -> float | None:
    if timings.error is not None:
        return None
    start = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        timings.error = f"{response.status_code}: {response.text[:120]}"
        return None
    timings.size = len(response.content)
    return took


def _measure(clients: list[httpx.Client], path: str, repeat: int) -> list[Timings]:
    """Each server in turn: three warming requests, then `repeat` timed rounds (5 for a slow page).
    A server whose first answer took over 10 s is not asked again: that one answer is its figure."""
    found = [Timings() for _ in clients]
    slowest = 0.0
    for warming in range(3):
        for client, timings in zip(clients, found, strict=True):
            if timings.done:
                continue
            took = _ask(client, path, timings) or 0.0
            slowest = max(slowest, took)
            if warming == 0:
                timings.first = took
            if warming == 0 and took > HOPELESS_MS:
                timings.samples.append(took)
                timings.done = True
    rounds = 5 if slowest > SLOW_MS else repeat
    for _ in range(rounds):
        for client, timings in zip(clients, found, strict=True):
            answered = None if timings.done else _ask(client, path, timings)
            if answered is not None:
                timings.samples.append(answered)
    return found


def run(commitments: int = 1_000_000, repeat: int = 20, against: str | None = None) -> None:
    from benchmarks.api_data import database

    url = f"sqlite:///{database(commitments)}"
    meeting = _meeting(url)
    trees = [("this tree", ROOT)] + ([(f"at {against}", source_tree(against))] if against else [])
    LOGS.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        clients = []
        for number, (_name, tree) in enumerate(trees):
            base = stack.enter_context(accord_serving(url, LOGS / f"serve-portfolio-{number}.log", tree))
            clients.append(stack.enter_context(httpx.Client(base_url=base, timeout=300)))
        results = [(name, _measure(clients, path, repeat)) for name, path in _paths(meeting)]
        # Both servers share the database: each write moves another commitment, and both servers'
        # warmers draw after every write, whichever server is timed.
        for name, samples in after_writes(clients, [url] * len(clients), _not_reported(url), repeat=10):
            results.append((name, [Timings(samples=found) for found in samples]))
    _print(results, [name for name, _ in trees], commitments, repeat)
    print("The anonymous CSV export written in-process (no HTTP, no cache), each tree in turn, twice:")
    for _ in range(2):
        for name, tree in trees:
            _export_rate(tree, url, name)


def _export_rate(tree: Path, url: str, label: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    script = str(Path(__file__).with_name("export_rate.py"))
    subprocess.run([sys.executable, script, url, label], env=env, cwd=tree, check=True)


def _print(results: list[tuple[str, list[Timings]]], trees: list[str], commitments: int, repeat: int) -> None:
    uptime = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    table = Table(
        title=f"Pages with {commitments:,} commitments, {repeat} rounds (5 for a page over 2 s, 1 over 10 s), "
        f"servers asked in turn; load average {' '.join(uptime)}"
    )
    table.add_column("page")
    for tree in trees:
        for column in ("first ms", "p50 ms", "p95 ms", "max ms"):
            table.add_column(f"{tree}\n{column}", justify="right")
    table.add_column("KB", justify="right")
    over: list[str] = []
    rates: list[str] = []
    for name, found in results:
        cells = [name]
        for timings in found:
            if timings.error is not None or not timings.samples:
                cells += [timings.error or "—", "", "", ""]
                continue
            cells += [
                f"{timings.first or 0:.0f}", f"{timings.p(0.5):.1f}", f"{timings.p(0.95):.1f}",
                f"{max(timings.samples):.1f}",
            ]  # fmt: skip
        first = found[0]
        cells.append(f"{first.size / 1000:,.0f}")
        table.add_row(*cells)
        if first.samples and first.p(0.95) > BUDGET_MS and not name.startswith("static"):
            over.append(f"{name} ({first.p(0.95):.0f} ms)")
        if "export" in name:
            rates += [
                f"{name}, {tree}: {t.size / 1e6:.2f} MB, {t.size / 1e3 / t.p(0.5):.1f} MB/s at p50, "
                f"{t.size / 1e3 / t.p(0.95):.1f} MB/s at p95"
                for tree, t in zip(trees, found, strict=True)
                if t.samples
            ]
    Console(width=200).print(table)
    print("\n".join(rates))
    print(f"p95 over {BUDGET_MS:.0f} ms ({trees[0]}): " + (", ".join(over) if over else "none"))
