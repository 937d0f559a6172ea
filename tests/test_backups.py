"""Backing up while writes go on, restoring into a fresh database, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from accord.errors import InputError
from accord.services.auditing import verify_audit
from accord.services.backups import backup, restore
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.progress import record_progress
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import AuditRow, ProgressRow
from tests.conftest import EXAMPLES, POSTGRES_ENV


@pytest.fixture
def empty_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on the same backend."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    server = os.environ[POSTGRES_ENV]
    name = f"accord_r_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def count(db: Database, table: type) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_backup_while_writing_then_restore(db: Database, empty_url: str, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    targets = [(v.id, party) for v in list_commitments(db) for party in v.actors][:30]
    started = threading.Event()

    def write() -> None:
        for n, (commitment, party) in enumerate(targets):
            record_progress(
                db,
                commitment,
                party=party,
                level="limited",
                on=dt.date(2022, 1, 1) + dt.timedelta(days=n),
                note=f"step {n}",
                by=None,
            )
            if n == 5:
                started.set()

    writer = threading.Thread(target=write)
    writer.start()
    started.wait(timeout=30)
    before = count(db, ProgressRow)
    file = tmp_path / "accord.backup"
    backup(db, file)
    writer.join()

    restored = Database.from_settings(Settings(database_url=empty_url))
    try:
        restore(restored, file)
        assert count(restored, ProgressRow) >= before >= 6  # every row committed before the backup began
        assert count(restored, ProgressRow) <= count(db, ProgressRow)
        assert verify_audit(restored).broken_at is None
        assert count(restored, AuditRow) >= before + 1  # the ingest and each progress write are in the chain
    finally:
        restored.dispose()


def test_refusals(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    file = tmp_path / "once.backup"
    backup(db, file)
    with pytest.raises(InputError, match="already exists"):
        backup(db, file)
    with pytest.raises(InputError, match="not empty"):
        restore(db, file)
