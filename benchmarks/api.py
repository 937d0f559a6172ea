"""The filtered commitments list under load: accord (1 and 2 workers) beside Datasette, in one run.

Both serve the same SQLite file and answer the same question — party + area + progress level,
a page of 50 after a random cursor — with the same rows. Datasette gets accord's page query as a
canned query (the schema is normalised: actors and areas live in their own tables, so its table
view cannot express the filter), and builds each row's actors, areas, bodies and amounts as JSON
arrays in correlated subqueries, where accord runs four small queries for the page's ids. A canned query runs no facets and no suggestions:
the `_nosuggest=1` in its URL changes nothing, and is there to say so.

`wrk` (Debian's package) drives each server from loopback, 16 connections, a fixed duration.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.api_data import database

PARTY, AREA, LEVEL = "KR", "health", "limited"
PAGE = 50
CONNECTIONS = 16
DATASETTE_SQL = f"""
SELECT c.id, ag.slug AS agreement, c.span_start AS start, c.span_end AS "end",
  c.quote,
  (SELECT json_group_array(o.party_code) FROM (
     SELECT x.party_code FROM commitment_actors x
     LEFT JOIN agreement_parties p ON p.agreement_id = c.agreement_id AND p.party_code = x.party_code
     WHERE x.commitment_id = c.id ORDER BY coalesce(p.position, 99), x.party_code) o) AS actors,
  c.strength,
  (SELECT json_group_array(area) FROM commitment_areas WHERE commitment_id = c.id) AS areas,
  (SELECT json_group_array(b.name) FROM commitment_bodies l JOIN bodies b ON b.id = l.body_id
     WHERE l.commitment_id = c.id) AS bodies,
  (SELECT json_group_array(json_object('value', m.value, 'currency', m.currency, 'actor', m.party_code,
     'period', m.period)) FROM (SELECT * FROM amounts WHERE commitment_id = c.id ORDER BY span_start) m) AS amounts,
  c.timeframe, c.due, c.review_state, c.version
FROM commitment_actors a
JOIN commitments c ON c.id = a.commitment_id
JOIN agreements ag ON ag.id = c.agreement_id
WHERE a.party_code = :party AND a.progress = :progress
  AND EXISTS (SELECT 1 FROM commitment_areas r WHERE r.commitment_id = a.commitment_id AND r.area = :area)
  AND c.review_state != 'rejected' AND a.commitment_id > CAST(:cursor AS INTEGER)
ORDER BY a.commitment_id LIMIT {PAGE}
"""
# Every request asks for the page after a random commitment id: deep pages cost what the first costs.
LUA = """
math.randomseed(%(seed)d)
request = function()
  return wrk.format(nil, "%(path)s" .. math.random(0, %(top)d))
end
"""


@dataclass(frozen=True, slots=True)
class Result:
    server: str
    workers: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    cpu_ms: float  # the server's CPU time (all its processes) per request: steady on a busy machine


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _accord_path(cursor: str = "") -> str:
    return f"/api/v1/commitments?actor={PARTY}&area={AREA}&progress={LEVEL}&limit={PAGE}&cursor={cursor}"


def _datasette_path(cursor: str = "") -> str:
    return f"/bench/commitments_page.json?party={PARTY}&area={AREA}&progress={LEVEL}&_nosuggest=1&cursor={cursor}"


@contextmanager
def _server(
    command: list[str], port: int, probe: str, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    with log.open("w") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, stdout=output, stderr=output, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{command[0]} exited with {process.returncode}:\n{log.read_text()[-2000:]}"
                )
            try:
                if httpx.get(base + probe, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{' '.join(command)} did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        _PIDS[base] = process.pid
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the workers it started, nothing else
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


_PIDS: dict[str, int] = {}  # base URL → the server's process id


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and every process under it (uvicorn's workers)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    """Requests/s, p50 and p99 in ms, and the request count, from `wrk --latency` output."""
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    if errors or sockets:
        raise RuntimeError(f"wrk saw failures: {(errors or sockets).group(0)}\n{output}")  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return rate, p50, p99, count


def _wrk(base: str, path: str, seconds: int, top: int, folder: Path) -> tuple[float, float, float, int]:
    script = folder / "page.lua"
    script.write_text(LUA % {"seed": 7, "path": path, "top": top})
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(done.stdout)


def _same_rows(accord: str, datasette: str, cursor: int) -> None:
    """Both servers answer one page with the same commitments, quotes and actors."""
    mine = httpx.get(accord + _accord_path(str(cursor)), timeout=30).json()["items"]
    theirs = httpx.get(datasette + _datasette_path(str(cursor)), timeout=30).json()
    columns = theirs["columns"]
    rows = [dict(zip(columns, row, strict=True)) for row in theirs["rows"]]
    assert len(mine) == PAGE, f"accord gave {len(mine)} items"
    assert [(i["id"], i["quote"], i["actors"], i["areas"]) for i in mine] == [
        (r["id"], r["quote"], json.loads(r["actors"]), json.loads(r["areas"])) for r in rows
    ], "accord and Datasette disagree on the page"


def _warm(path: Path) -> None:
    """Read the database file once, so that it is in the OS page cache before any server is timed:
    after the extraction benchmarks have used the memory, the first requests would otherwise wait
    on the disk (and Datasette's one-second query limit turns those into errors)."""
    with path.open("rb") as file:
        while file.read(1 << 24):
            pass


def run(
    commitments: int = 1_000_000,
    seconds: int = 10,
    rounds: int = 3,
    warmup: int = 3,
    against: str | None = None,
) -> list[Result]:
    """All three servers up at once, measured in turn, `rounds` times: other work on the machine
    then falls on each of them alike, and the median of each is reported. With `against`, the
    code at that git revision is served too (`--workers 1` and 2), measured in the same turns."""
    if shutil.which("wrk") is None:
        raise SystemExit("the API benchmark needs wrk: apt-get install -y wrk")
    path = database(commitments)
    _warm(path)
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as name, ExitStack() as servers:
        folder = Path(name)
        metadata = folder / "metadata.json"
        metadata.write_text(
            json.dumps({"databases": {"bench": {"queries": {"commitments_page": {"sql": DATASETTE_SQL}}}}})
        )
        # Datasette names a database after its file: the canned query belongs to "bench".
        link = folder / "bench.db"
        link.symlink_to(path)
        port = _free_port()
        datasette = [
            str(bin_dir / "datasette"), "serve", str(link), "--metadata", str(metadata),
            "--host", "127.0.0.1", "--port", str(port),
        ]  # fmt: skip
        targets = [
            (
                ("Datasette (canned query)", "1 process"),
                servers.enter_context(
                    _server(datasette, port, _datasette_path("0"), folder / "datasette.log")
                ),
                _datasette_path(),
            )
        ]
        trees: list[tuple[str, dict[str, str]]] = [("accord", {})]
        if against:
            from benchmarks.serving import source_tree

            trees.append((f"accord at {against}", {"PYTHONPATH": str(source_tree(against))}))
        for name, tree_env in trees:
            env = {"ACCORD_DATABASE_URL": f"sqlite:///{path}", **tree_env}
            for workers in (1, 2):
                port = _free_port()
                command = [str(bin_dir / "accord"), "serve", "--port", str(port), "--workers", str(workers)]
                log = folder / f"{name.replace(' ', '-')}-{workers}.log"
                base = servers.enter_context(_server(command, port, _accord_path("0"), log, env))
                targets.append(((name, str(workers)), base, _accord_path()))
        _same_rows(targets[1][1], targets[0][1], commitments // 2)
        top = commitments - PAGE
        for _, base, page in targets:
            _wrk(base, page, warmup, top, folder)
        measured: dict[tuple[str, str], list[tuple[float, float, float, int, float]]] = {}
        for round_ in range(rounds):
            for label, base, page in targets:
                before = _cpu_seconds(_PIDS[base])
                rate, p50, p99, count = _wrk(base, page, seconds, top, folder)
                cpu_ms = (_cpu_seconds(_PIDS[base]) - before) * 1000 / max(count, 1)
                measured.setdefault(label, []).append((rate, p50, p99, count, cpu_ms))
                print(
                    f"round {round_ + 1}: {label[0]} {label[1]}: {rate:,.0f} req/s, p50 {p50:.1f} ms, "
                    f"p99 {p99:.1f} ms, {cpu_ms:.2f} ms CPU per request",
                    flush=True,
                )
    results = [
        Result(
            label[0],
            label[1],
            statistics.median(m[0] for m in runs),
            statistics.median(m[1] for m in runs),
            statistics.median(m[2] for m in runs),
            sum(m[3] for m in runs),
            statistics.median(m[4] for m in runs),
        )
        for label, runs in measured.items()
    ]
    _print(results, commitments, seconds, rounds)
    return results


def _print(results: list[Result], commitments: int, seconds: int, rounds: int) -> None:
    baseline = results[0].requests_per_s
    table = Table(
        title=(
            f"GET a filtered page ({PARTY} + {AREA} + {LEVEL}, {PAGE} rows, random cursor) of {commitments:,} "
            f"commitments: wrk -t2 -c{CONNECTIONS} -d{seconds}s on loopback, median of {rounds} rounds"
        ),
        title_justify="left",
    )
    for column in (
        "server",
        "workers",
        "req/s",
        "p50 ms",
        "p99 ms",
        "requests (all rounds)",
        "× Datasette req/s",
        "CPU ms / request",
        "Datasette's CPU ÷ this",
    ):
        table.add_column(column, justify="left" if column in ("server", "workers") else "right")
    for r in results:
        table.add_row(
            r.server, r.workers, f"{r.requests_per_s:,.0f}", f"{r.p50_ms:.1f}", f"{r.p99_ms:.1f}",
            f"{r.requests:,}", f"{r.requests_per_s / baseline:.2f}", f"{r.cpu_ms:.2f}",
            f"{results[0].cpu_ms / r.cpu_ms:.2f}",
        )  # fmt: skip
    Console(width=140).print(table)
    best = next(r for r in results if (r.server, r.workers) == ("accord", "2"))
    verdict = "meets" if best.requests_per_s >= 3 * baseline and best.p99_ms <= 50 else "misses"
    print(
        f"accord --workers 2: {best.requests_per_s / baseline:.2f}× Datasette's requests/s, p99 {best.p99_ms:.1f} ms "
        f"at {CONNECTIONS} connections: {verdict} the target (≥ 3×, p99 ≤ 50 ms). Per request it uses "
        f"{best.cpu_ms:.2f} ms of CPU to Datasette's {results[0].cpu_ms:.2f} ms (the steadier figure when "
        "other work shares the machine)."
    )
