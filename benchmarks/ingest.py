"""Ingest throughput (read, segment, extract, embed, store, index): `accord ingest --jobs 1` and
`--jobs 2` side by side in one run, on SQLite (and on PostgreSQL when ACCORD_TEST_POSTGRES_URL
names a server, as `scripts/with-postgres` sets it), with preparation alone (no database) as the
reference: the ratio ingest ÷ preparation is what storing costs."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.corpus import corpus
from benchmarks.report import Row, print_rows

# A portfolio is many partnerships, each a series of texts: every document is given two parties
# and a date, so that storing it suggests links to the earlier texts of its partnership, as a
# real ingest does (without parties no document has a partnership, and nothing is linked).
SERIES_LENGTH = 40
COUNTRIES = ("US", "KR", "JP", "DE", "FR", "GB", "IN", "AU", "CA", "SG", "VN", "BR", "MX", "ID", "IT", "SE")


def _sidecars(count: int, seed: int = 11) -> list[dict[str, object]]:
    """Parties and a date for each of `count` documents, about SERIES_LENGTH per pair of parties."""
    rng = random.Random(seed)
    pairs = list(itertools.combinations(COUNTRIES, 2))
    rng.shuffle(pairs)
    partnerships = pairs[: max(1, count // SERIES_LENGTH)]
    first = dt.date(2000, 1, 1)
    return [
        {"parties": list(rng.choice(partnerships)), "date": (first + dt.timedelta(days=n)).isoformat()}
        for n in range(count)
    ]


def _fresh_postgres(url: str) -> tuple[str, str]:
    """A new empty database on the server of `url`: (its URL, its name)."""
    name = f"accord_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres(url: str, name: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _ingest(url: str, paths: list[Path], jobs: int) -> tuple[float, int, float]:
    """Wall seconds, commitments stored, and CPU seconds of this process (with --jobs 2, the
    writer's alone: the workers' time is not counted in it)."""
    from accord.services.ingest import ingest_paths
    from accord.settings import Settings
    from accord.storage.database import Database
    from accord.storage.schema import upgrade

    db = Database.from_settings(Settings(database_url=url))
    upgrade(db.engine)  # creating the schema is a one-time cost, not throughput
    start, cpu = time.perf_counter(), time.process_time()
    results = ingest_paths(db, paths, jobs=jobs, by=None)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.dispose()
    return seconds, sum(r.commitments for r in results), cpu


def run(megabytes: float = 5.0, rounds: int = 3) -> None:
    """The machine's speed wanders by ±20 % within minutes: every run is made `rounds` times, the
    runs of a round side by side, and the medians reported with each round's --jobs 2 ÷ --jobs 1."""
    from accord.extract import embedding
    from accord.services.preparing import prepare_for_store

    documents = corpus(megabytes)
    sidecars = _sidecars(len(documents))
    size_mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    server = os.environ.get("ACCORD_TEST_POSTGRES_URL")
    backends = ["SQLite", "PostgreSQL"] if server else ["SQLite"]
    seconds: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    output: dict[str, int] = {}

    def record(name: str, wall: float, cpu: float, count: int) -> None:
        seconds.setdefault(name, []).append(wall)
        cpus.setdefault(name, []).append(cpu)
        output[name] = count

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, (document, sidecar) in enumerate(zip(documents, sidecars, strict=True)):
            path = Path(folder) / f"doc-{n:05d}.txt"
            path.write_text(document, encoding="utf-8")
            path.with_suffix(".meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
            paths.append(path)
        embedding.embed(["load the model"])
        for round_ in range(rounds):
            start, cpu = time.perf_counter(), time.process_time()
            found = sum(len(prepare_for_store(path).extraction.commitments) for path in paths)
            record(PREPARE, time.perf_counter() - start, time.process_time() - cpu, found)
            for backend in backends:
                for jobs in (1, 2):
                    if backend == "SQLite":
                        wall, count, cpu = _ingest(
                            f"sqlite:///{folder}/bench-{round_}-{jobs}.db", paths, jobs
                        )
                    else:
                        assert server is not None
                        url, name = _fresh_postgres(server)
                        try:
                            wall, count, cpu = _ingest(url, paths, jobs)
                        finally:
                            _drop_postgres(server, name)
                    record(_name(jobs, backend), wall, cpu, count)
    rows = [
        Row(name, size_mb, statistics.median(walls), output[name], "commitments")
        for name, walls in seconds.items()
    ]
    partnerships = len({str(sidecar["parties"]) for sidecar in sidecars})
    print_rows(
        f"Ingest on {size_mb:.1f} MB ({len(documents)} documents in {partnerships} partnerships), "
        f"medians of {rounds} rounds",
        rows,
        baseline=0,
    )
    prepare_s = statistics.median(seconds[PREPARE])
    for backend in backends:
        one, two = seconds[_name(1, backend)], seconds[_name(2, backend)]
        one_s, two_s = statistics.median(one), statistics.median(two)
        print(
            f"{backend}: --jobs 1 {size_mb / one_s:.2f} MB/s = {prepare_s / one_s:.2f}× preparation alone; "
            f"--jobs 2 {size_mb / two_s:.2f} MB/s = {one_s / two_s:.2f}× --jobs 1 "
            f"(each round: {', '.join(f'{a / b:.2f}×' for a, b in zip(one, two, strict=True))})"
        )
    # On a machine shared with other work, CPU seconds show where the work is: with --jobs 2 the
    # calling process only stores, so its CPU time is the writer's share.
    print(
        "CPU seconds of the calling process (medians): "
        + ", ".join(
            f"{name.removeprefix('accord ingest ')} {statistics.median(values):.1f}"
            for name, values in cpus.items()
        )
    )


PREPARE = "prepare only (read, segment, extract, embed)"


def _name(jobs: int, backend: str) -> str:
    return f"accord ingest --jobs {jobs} ({backend})"
