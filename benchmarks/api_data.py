"""A synthetic accord database of N commitments for the API benchmark, built once and cached.

Built through accord's own migrations, then filled with bulk Core inserts: agreements between
2 to 7 of a dozen parties (the United States and Korea in most), documents made of real
agreement sentences (each commitment's span points at one of them), and a skewed spread of
areas, strengths, review states, due dates and progress levels, with a progress update behind
every level above "no evidence", so the current-progress column agrees with the history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table

from accord.domain.commitments import AREAS
from accord.settings import Settings
from accord.storage import schema
from accord.storage.database import make_engine
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    AmountRow,
    BodyRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentBodyRow,
    CommitmentRow,
    DocumentRow,
    ProgressRow,
    table,
)

# Bump when the generator changes, so that a cached database is rebuilt.
VERSION = 2
PER_AGREEMENT = 100
ROOT = Path(__file__).resolve().parent.parent
PARTIES = ["US", "KR", "JP", "DE", "FR", "GB", "CA", "IT", "IN", "AU", "BR", "MX"]
PARTY_WEIGHTS = [9, 8, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2]
AREA_WEIGHTS = [8, 5, 3, 5, 2, 3, 6, 3, 4, 4, 3, 7, 4, 5, 1, 2, 3, 3]
STRENGTHS = (["firm", "intent", "aspiration"], [35, 45, 20])
LEVELS = (
    ["no_evidence", "not_started", "limited", "substantial", "complete", "withdrawn"],
    [50, 10, 18, 12, 8, 2],
)
REVIEWS = (["extracted", "accepted", "edited", "rejected"], [80, 12, 5, 3])
BATCH = 20_000


def cache_path(commitments: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "accord-bench"
    folder.mkdir(exist_ok=True)
    return folder / f"api-v{VERSION}-{commitments}.db"


def _sentences() -> list[str]:
    """Real sentences of the example and own-corpus agreements: what quotes look like."""
    found: list[str] = []
    for path in [
        *sorted((ROOT / "examples").rglob("*.txt")),
        *sorted((ROOT / "tests/corpus/own").glob("*.txt")),
    ]:
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        found += [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if 40 <= len(s.strip()) <= 400]
    return found


def _batched(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Collects rows per table and flushes them in large executemany batches."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pending: dict[str, tuple[Table, list[dict[str, Any]]]] = {}

    def add(self, target: Table, row: dict[str, Any]) -> None:
        rows = self.pending.setdefault(target.name, (target, []))[1]
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        # Tables in the order first seen, parents before children, as the foreign keys want.
        for target, rows in self.pending.values():
            if rows:
                self.connection.execute(target.insert(), rows)
                rows.clear()


def build(commitments: int, path: Path) -> None:
    rng = random.Random(20251029)
    sentences = _sentences()
    partial = path.with_suffix(".partial")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    engine = make_engine(Settings(database_url=f"sqlite:///{partial}"))
    schema.upgrade(engine)
    started = time.perf_counter()
    with engine.connect() as connection:
        # On the driver's connection, outside any transaction: SQLite refuses to change the safety
        # level inside one, and accord's engine says BEGIN before any statement of its own.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-1000000")
        with connection.begin():
            _fill(connection, commitments, rng, sentences)
            connection.exec_driver_sql("ANALYZE")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    partial.rename(path)
    print(
        f"built {commitments:,} commitments in {time.perf_counter() - started:.0f} s: {path} ({path.stat().st_size / 1e6:,.0f} MB)"
    )


def _fill(connection: Connection, commitments: int, rng: random.Random, sentences: list[str]) -> None:
    writer = _Writer(connection)
    bodies = [(i + 1, f"Synthetic Agency {i + 1}", rng.choice(PARTIES)) for i in range(300)]
    for body_id, name, code in bodies:
        writer.add(
            table(BodyRow),
            {
                "id": body_id,
                "name": name,
                "acronym": None,
                "kind": "agency",
                "party_code": code,
                "parent_id": None,
            },
        )
    agreements = (commitments + PER_AGREEMENT - 1) // PER_AGREEMENT
    commitment_id = progress_id = 0
    for agreement_id in range(1, agreements + 1):
        parties = _parties(rng)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
        writer.add(table(AgreementRow), {
            "id": agreement_id, "slug": f"synthetic-{agreement_id:06d}", "title": f"Synthetic agreement {agreement_id}",
            "date": day, "kind": rng.choice(["mou", "joint_statement", "fact_sheet"]), "legally_binding": False,
            "terms": {}, "source": None,
        })  # fmt: skip
        for position, code in enumerate(parties):
            writer.add(
                table(AgreementPartyRow),
                {"agreement_id": agreement_id, "party_code": code, "position": position},
            )
        count = min(PER_AGREEMENT, commitments - commitment_id)
        chosen = [rng.choice(sentences) for _ in range(count)]
        header = f"Synthetic agreement {agreement_id} between {', '.join(parties)}\n\n"
        text = header + "\n\n".join(chosen)
        writer.add(table(DocumentRow), {
            "id": agreement_id, "agreement_id": agreement_id, "version": 1,
            "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text, "source_path": f"synthetic/{agreement_id}.txt",
            "media_type": "text/plain", "byte_size": len(text.encode()),
        })  # fmt: skip
        start = len(header)
        for sentence in chosen:
            commitment_id += 1
            end = start + len(sentence)
            progress_id = _commitment(
                rng,
                writer,
                commitment_id,
                agreement_id,
                parties,
                (start, end, sentence),
                day,
                bodies,
                progress_id,
            )
            start = end + 2
    writer.flush()


def _parties(rng: random.Random) -> list[str]:
    size = rng.choices([2, 3, 4, 7], weights=[70, 15, 10, 5])[0]
    chosen: list[str] = []
    while len(chosen) < size:
        code = rng.choices(PARTIES, weights=PARTY_WEIGHTS)[0]
        if code not in chosen:
            chosen.append(code)
    return chosen


def _commitment(
    rng: random.Random,
    writer: _Writer,
    commitment_id: int,
    agreement_id: int,
    parties: list[str],
    span: tuple[int, int, str],
    day: dt.date,
    bodies: list[tuple[int, str, str]],
    progress_id: int,
) -> int:
    start, end, quote = span
    due = day + dt.timedelta(days=rng.randrange(200, 3000)) if rng.random() < 0.3 else None
    writer.add(table(CommitmentRow), {
        "id": commitment_id, "agreement_id": agreement_id, "document_id": agreement_id, "provision_id": None,
        "span_start": start, "span_end": end, "quote": quote, "strength": rng.choices(*STRENGTHS)[0],
        "timeframe": f"by {due.isoformat()}" if due else None, "due": due,
        "review_state": rng.choices(*REVIEWS)[0], "extracted": {}, "extractor": "synthetic.v1",
        "vocabulary_checksum": "", "version": 1,
    })  # fmt: skip
    actors = parties if rng.random() < 0.6 else rng.sample(parties, rng.randint(1, len(parties)))
    for code in actors:
        level = rng.choices(*LEVELS)[0]
        writer.add(
            table(CommitmentActorRow), {"commitment_id": commitment_id, "party_code": code, "progress": level}
        )
        if level != "no_evidence":
            progress_id += 1
            writer.add(table(ProgressRow), {
                "id": progress_id, "commitment_id": commitment_id, "party_code": code, "level": level,
                "made_on": day + dt.timedelta(days=rng.randrange(30, 1500)), "note": "synthetic report",
                "evidence_url": None, "evidence_on": None, "evidence_name": None, "evidence_sha256": None,
                "recorded_by": "bench",
            })  # fmt: skip
    for area in dict.fromkeys(
        rng.choices(AREAS, weights=AREA_WEIGHTS, k=rng.choices([1, 2, 3], [50, 35, 15])[0])
    ):
        writer.add(table(CommitmentAreaRow), {"commitment_id": commitment_id, "area": area})
    if rng.random() < 0.1:
        body_id = rng.choice(bodies)[0]
        writer.add(
            table(CommitmentBodyRow),
            {"commitment_id": commitment_id, "body_id": body_id, "span_start": None, "span_end": None},
        )
    if rng.random() < 0.05:
        writer.add(table(AmountRow), {
            "commitment_id": commitment_id, "value": rng.randrange(1, 500) * 1_000_000, "currency": "USD",
            "party_code": actors[0], "period": None, "span_start": start, "span_end": min(end, start + 10),
        })  # fmt: skip
    return progress_id


def database(commitments: int) -> Path:
    """The cached database of `commitments` synthetic commitments, built on first use."""
    path = cache_path(commitments)
    if not path.exists():
        print(f"building a synthetic database of {commitments:,} commitments (cached for later runs) ...")
        build(commitments, path)
    else:
        # A database cached before a newer migration is brought up to date (migrations are cheap
        # next to building a million commitments again).
        engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
        schema.upgrade(engine)
        engine.dispose()
    return path
