"""SIGKILL in the middle of a 500-file batch leaves every document wholly stored or absent, whether
one process prepares and stores or worker processes prepare while it stores (--jobs 2)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accord.storage.database import Database
from accord.storage.tables import AgreementPartyRow, AgreementRow, DocumentRow, ProvisionRow
from accord.text.segment import segment
from tests.conftest import EXAMPLES, ROOT

BATCH = 500


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_mid_batch_leaves_whole_documents(
    jobs: int, tmp_path: Path, db: Database, database_url: str
) -> None:
    base = (EXAMPLES / "us-kr-tpd-mou-2025.txt").read_text(encoding="utf-8")
    paths = []
    for n in range(BATCH):
        path = tmp_path / f"doc-{n:03d}.txt"
        path.write_text(f"Copy {n} of the agreement.\n\n{base}", encoding="utf-8")
        paths.append(str(path))
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accord",
            "ingest",
            "--jobs",
            str(jobs),
            "--party",
            "US",
            "--party",
            "KR",
            *paths,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while stored < 25 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            with db.reading() as session:
                stored = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        assert process.poll() is None, "the batch finished before it could be killed; make it bigger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    with db.reading() as session:
        documents = session.scalars(select(DocumentRow)).all()
        agreements = session.scalar(select(func.count()).select_from(AgreementRow))
        assert 25 <= len(documents) < BATCH
        assert agreements == len(documents), "no agreement without its document"
        expected = len(segment(documents[0].text))
        for document in documents:
            provisions = session.scalar(
                select(func.count()).select_from(ProvisionRow).where(ProvisionRow.document_id == document.id)
            )
            parties = session.scalar(
                select(func.count())
                .select_from(AgreementPartyRow)
                .where(AgreementPartyRow.agreement_id == document.agreement_id)
            )
            assert provisions == len(segment(document.text)) == expected
            assert parties == 2
