"""Several `accord ingest` processes at once against one database (PostgreSQL, or SQLite's file):
none fails, each document is stored once whichever process came first, slugs stay unique, the
audit chain stays linear, and `--jobs 2` stores what one process stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accord.extract import extract_text
from accord.services import ingest_pool
from accord.services.auditing import verify_audit
from accord.services.preparing import PreparedDocument, prepare_for_store
from accord.services.worker_processes import Workers
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, CommitmentRow, DocumentRow, LinkRow, ProvisionRow
from accord.text.segment import segment
from tests.conftest import EXAMPLES, ROOT
from tests.held_start import HeldStart

FILES = 24


def _documents(folder: Path) -> list[Path]:
    base = (EXAMPLES / "us-kr-fact-sheet-2021.txt").read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for n in range(FILES):
        path = folder / f"copy-{n:02d}.txt"
        path.write_text(f"Copy {n} of the fact sheet.\n\n{base}", encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(database_url: str, paths: list[Path], *options: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "accord", "ingest", "--json", *options, *map(str, paths)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(row)) or 0
            for row in (AgreementRow, DocumentRow, ProvisionRow, CommitmentRow)
        )


def test_three_ingests_at_once_store_each_document_once(
    tmp_path: Path, db: Database, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        # SQLite has one writer at a time and a waiting writer gives up after its busy timeout;
        # ingesting from several processes or machines at once is what PostgreSQL is for.
        pytest.skip("concurrent ingest processes: PostgreSQL")
    paths = _documents(tmp_path / "docs")
    # Overlapping sets in different orders: each file is raced for by at least two processes.
    runs = [
        _ingest(database_url, paths[:16], "--party", "US", "--party", "KR"),
        _ingest(database_url, paths[8:][::-1], "--party", "US", "--party", "KR"),
        _ingest(database_url, paths[::2], "--jobs", "2", "--party", "US", "--party", "KR"),
    ]
    for process in runs:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr

    with db.reading() as session:
        hashes = session.scalars(select(DocumentRow.sha256)).all()
        slugs = session.scalars(select(AgreementRow.slug)).all()
    assert len(hashes) == len(set(hashes)) == FILES
    assert len(slugs) == len(set(slugs)) == FILES
    audit = verify_audit(db)
    assert audit.broken_at is None and audit.records == FILES


def test_jobs_two_stores_what_one_process_prepares(tmp_path: Path, db: Database, database_url: str) -> None:
    paths = _documents(tmp_path / "docs")
    process = _ingest(database_url, paths, "--jobs", "2", "--party", "US", "--party", "KR")
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    results = json.loads(stdout)

    assert [r["path"] for r in results] == [str(p) for p in paths]  # in the order given
    for path, result in zip(paths, results, strict=True):
        text = path.read_text(encoding="utf-8")
        extraction = extract_text(text, parties=("US", "KR"))
        assert result["stored"] and result["provisions"] == len(segment(text))
        assert result["commitments"] == len(extraction.commitments)
    with db.reading() as session:
        quotes = session.scalars(
            select(CommitmentRow.quote)
            .where(CommitmentRow.agreement_id == results[0]["id"])
            .order_by(CommitmentRow.id)
        ).all()
    assert quotes == [
        c.quote for c in extract_text(paths[0].read_text(encoding="utf-8"), parties=("US", "KR")).commitments
    ]

    again = _ingest(database_url, paths, "--party", "US", "--party", "KR")
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr
    assert [(r["id"], r["stored"]) for r in json.loads(stdout)] == [(r["id"], False) for r in results]
    assert _counts(db)[1] == FILES


def _links(url: str) -> list[tuple[object, ...]]:
    db = Database.from_settings(Settings(database_url=url, warm_charts=False))
    with db.reading() as session:
        rows = session.execute(
            select(
                LinkRow.id, LinkRow.from_document_id, LinkRow.from_start, LinkRow.from_end, LinkRow.to_document_id,
                LinkRow.to_start, LinkRow.to_end, LinkRow.relation, LinkRow.score, LinkRow.reasons,
            ).order_by(LinkRow.id)
        ).all()  # fmt: skip
    db.dispose()
    return [tuple(row) for row in rows]


def test_links_ranked_in_the_workers_are_those_ranked_in_one_process(tmp_path: Path) -> None:
    """With --jobs 2 the link suggestions are ranked in the worker processes, several texts at a
    time; they must be the very suggestions, in the same order, that one process makes."""
    paths = _documents(tmp_path / "docs")[:10]  # one partnership: each copy links to the earlier ones
    found = []
    for jobs in ("1", "2"):
        url = f"sqlite:///{tmp_path}/jobs-{jobs}.db"
        process = _ingest(url, paths, "--jobs", jobs, "--party", "US", "--party", "KR")
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        found.append(_links(url))
    assert len(found[0]) > 50
    assert found[1] == found[0]


def test_files_prepared_here_while_the_workers_start_come_first_in_order(tmp_path: Path) -> None:
    """`--jobs N`: until a worker has started, the calling process prepares files itself; those and
    the workers' come back in the order given, as one process prepares them."""
    paths = _documents(tmp_path / "documents")[:6]
    go = threading.Event()
    workers = Workers(HeldStart(go), 2)  # type: ignore[arg-type]
    try:
        documents = ingest_pool._in_order(workers, paths, [p.stat().st_size for p in paths], None, None)
        box: list[PreparedDocument] = []
        here = threading.Thread(target=lambda: box.append(next(documents)), daemon=True)
        here.start()
        here.join(60)
        assert box, "the first file waited for a worker to start"
        (first,) = box
        go.set()
        assert workers.started.wait(60)
        prepared = [first, *documents]
    finally:
        go.set()
        workers.close()
    alone = [prepare_for_store(path) for path in paths]
    assert [p.source.path for p in prepared] == [str(path) for path in paths]
    assert [(p.source.sha256, p.extraction.commitments) for p in prepared] == [
        (p.source.sha256, p.extraction.commitments) for p in alone
    ]
