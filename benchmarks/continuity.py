"""Continuity at scale: embedding beside extraction throughput, ranking a new document's
suggestions against 100,000 stored commitments, and semantic search over 1,000,000 commitments
on SQLite and (when ACCORD_BENCH_POSTGRES_URL is set, as `scripts/with-postgres` does through
ACCORD_TEST_POSTGRES_URL) on PostgreSQL.

How vectors are stored and searched, on both backends alike: int8 bytes (unit vector × 127,
256 bytes a commitment) in `commitment_vectors` (BLOB / bytea; Debian's PostgreSQL has no
pgvector). A server process loads them once into memory and reloads them when a generation
number, moved by triggers on every change to the vectors, has moved: their sign bits (32 bytes
each) are scanned in full by Hamming distance, the nearest 2,000 ranked by exact cosine on the
int8 rows, and the stemmed words side comes from the full-text index (FTS5 / tsvector), unranked.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import text

from accord.extract import embedding, extract_text
from accord.services.linking import Earlier, Pool, Unit, embed_units, rank
from accord.services.semantic_search import semantic_search, vector_index
from accord.settings import Settings
from accord.storage import schema
from accord.storage.database import Database, make_engine
from benchmarks.api_data import _sentences
from benchmarks.corpus import corpus

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["chips", "moon", "quantum computing", "semiconductor supply chain", "clean energy", "vaccines",
           "space exploration", "artificial intelligence standards", "critical minerals", "6G networks"]  # fmt: skip


def embedding_beside_extraction(megabytes: float = 2.0) -> None:
    documents = corpus(megabytes)
    started = time.perf_counter()
    quotes = [c.quote for d in documents for c in extract_text(d).commitments]
    extract_s = time.perf_counter() - started
    embedding.embed(quotes[:10])  # the model is loaded once per process, before the first ingest
    started = time.perf_counter()
    embedding.embed(quotes)
    embed_s = time.perf_counter() - started
    print(
        f"ingest, {megabytes:.0f} MB, {len(quotes):,} commitments: extraction {len(quotes) / extract_s:,.0f} commitments/s, "
        f"embedding {len(quotes) / embed_s:,.0f} commitments/s (embedding adds {embed_s / extract_s:.0%} to extraction)"
    )


def ranking(stored: int = 100_000, new: int = 50) -> None:
    sentences = _sentences()
    distinct = embedding.embed(sentences)
    rng = np.random.default_rng(7)
    picks = rng.integers(0, len(sentences), stored)
    day = dt.date(2020, 1, 1)
    items = [
        Earlier(
            i,
            1 + i // 100,
            1 + i // 100,
            0,
            len(sentences[p]),
            sentences[p],
            day,
            f"Synthetic {i // 100}",
            True,
        )
        for i, p in enumerate(picks)
    ]
    vectors = embedding.from_bytes(embedding.rows_to_bytes(distinct[picks]))
    started = time.perf_counter()
    Pool.of(items, vectors)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    pool = Pool.of(items, vectors)  # as every later ingest builds it: the spans' words are kept
    build_s = time.perf_counter() - started
    mou = (ROOT / "examples/us-kr/us-kr-tpd-mou-2025.txt").read_text(encoding="utf-8")
    found = extract_text(mou).commitments
    units = [Unit(c.start, c.end, c.quote, True) for c in (found * 3)[:new]]
    times, cpu = [], []
    for _ in range(5):
        started, started_cpu = time.perf_counter(), time.process_time()
        proposals = rank(units, embed_units(units), pool, later_date=dt.date(2025, 10, 29))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"ranking a {len(units)}-commitment document against {stored:,} stored commitments: median "
        f"{statistics.median(times):.2f} s, worst {max(times):.2f} s (CPU time: median {statistics.median(cpu):.2f} s) "
        f"({len(proposals)} suggestions); the pool's words "
        f"read once per process in {first_s:.1f} s, its statistics rebuilt for each new document in {build_s:.2f} s"
    )


def _fill(db: Database, count: int) -> None:
    """One agreement holding `count` commitments, their vectors and their words in the search index."""
    sentences = _sentences()
    blobs = embedding.rows_to_bytes(embedding.embed(sentences))
    rng = np.random.default_rng(11)
    picks = rng.integers(0, len(sentences), count)
    with db.transaction() as session:
        session.execute(text(
            "INSERT INTO agreements (id, slug, title, kind, terms) VALUES (1, 'bench', 'Bench', 'fact_sheet', '{}')"
        ))  # fmt: skip
        session.execute(text(
            "INSERT INTO documents (id, agreement_id, version, sha256, text, source_path, media_type, byte_size) "
            "VALUES (1, 1, 1, 'bench', 'bench', 'bench', 'text/plain', 5)"
        ))  # fmt: skip
    batch = 20_000
    for first in range(0, count, batch):
        rows = range(first, min(first + batch, count))
        with db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO commitments (id, agreement_id, document_id, span_start, span_end, quote, review_state, "
                    "extracted, extractor, vocabulary_checksum, version) VALUES (:id, 1, 1, 0, 1, :quote, 'extracted', "
                    "'{}', '', '', 1)"
                ),
                [{"id": i + 1, "quote": sentences[picks[i]]} for i in rows],
            )
            session.execute(
                text(
                    "INSERT INTO commitment_vectors (commitment_id, model, vector) VALUES (:id, :model, :vector)"
                ),
                [{"id": i + 1, "model": embedding.MODEL, "vector": blobs[picks[i]]} for i in rows],
            )
            session.execute(
                text(
                    "INSERT INTO search_index (kind, ref_id, agreement_id, body) VALUES ('commitment', :id, 1, :body)"
                ),
                [{"id": i + 1, "body": sentences[picks[i]]} for i in rows],
            )


def semantic(url: str, label: str, count: int, rounds: int = 20) -> None:
    engine = make_engine(Settings(database_url=url))
    schema.upgrade(engine)
    db = Database(engine)
    with db.reading() as session:
        have = session.scalar(text("SELECT count(*) FROM commitment_vectors")) or 0
    if have != count:
        started = time.perf_counter()
        _fill(db, count)
        print(f"{label}: filled {count:,} commitments in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    vector_index(db)
    load_s = time.perf_counter() - started
    semantic_search(db, "warm up")
    times, cpu = [], []
    for _ in range(rounds):
        for query in QUERIES:
            started, started_cpu = time.perf_counter(), time.process_time()
            semantic_search(db, query, limit=20)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    cpu.sort()
    p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99) - 1]
    print(
        f"semantic search over {count:,} commitments on {label}: p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {times[-1]:.0f} ms "
        f"(CPU time of this process: p50 {cpu[len(cpu) // 2]:.0f} ms, p99 {cpu[int(len(cpu) * 0.99) - 1]:.0f} ms; "
        f"the database's own time is outside it on PostgreSQL) "
        f"({len(times)} queries); vectors loaded into memory once in {load_s:.1f} s"
    )
    engine.dispose()


def run(count: int = 1_000_000) -> None:
    embedding_beside_extraction()
    ranking()
    folder = Path(tempfile.gettempdir()) / "accord-bench"
    folder.mkdir(exist_ok=True)
    semantic(f"sqlite:///{folder}/semantic-{count}.db", "SQLite", count)
    postgres = os.environ.get("ACCORD_BENCH_POSTGRES_URL") or os.environ.get("ACCORD_TEST_POSTGRES_URL")
    if postgres:
        semantic(postgres, "PostgreSQL", count)
    else:
        print("semantic search on PostgreSQL: skipped (run under scripts/with-postgres)")
