"""Ingest-and-segment throughput: accord vs spaCy's sentencizer vs a bare regular-expression split."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import corpus
from benchmarks.report import Row, print_rows

_BARE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _timed(work: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    units = work()
    return time.perf_counter() - start, units


def run(megabytes: float = 20.0) -> list[Row]:
    from accord.services.ingest import ingest_paths
    from accord.settings import Settings
    from accord.storage.database import Database
    from accord.storage.schema import upgrade
    from accord.text.segment import segment

    documents = corpus(megabytes)
    size_mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    rows: list[Row] = []

    seconds, count = _timed(lambda: sum(len(segment(d)) for d in documents))
    rows.append(Row("accord segment (provision tree)", size_mb, seconds, count, "provisions"))

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, text in enumerate(documents):
            path = Path(folder) / f"doc-{n:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        db = Database.from_settings(Settings(database_url=f"sqlite:///{folder}/bench.db"))
        upgrade(db.engine)  # creating the schema is a one-time cost, not throughput
        seconds, count = _timed(lambda: sum(r.provisions for r in ingest_paths(db, paths, by=None)))
        db.dispose()
    rows.append(Row("accord ingest: read + segment + store (SQLite)", size_mb, seconds, count, "provisions"))

    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    seconds, count = _timed(lambda: sum(len(list(doc.sents)) for doc in nlp.pipe(documents, batch_size=64)))
    rows.append(Row("spaCy blank('en') + sentencizer", size_mb, seconds, count, "sentences"))

    seconds, count = _timed(lambda: sum(len(_BARE_SPLIT.split(d)) for d in documents))
    rows.append(Row("bare regex sentence split (floor)", size_mb, seconds, count, "sentences"))

    print_rows(f"Segmentation on {size_mb:.1f} MB ({len(documents)} documents)", rows, baseline=2, floor=3)
    return rows
