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
from tests.conftest import EXAMPLES, POSTGRES_ENV, _fresh_postgres


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


@pytest.mark.postgres
def test_pg_dump_gets_the_password_from_its_environment_not_its_command_line(
    tmp_path: Path, postgres_template: str
) -> None:
    """Any user of the machine can read a command line (ps, /proc); a process's environment only its
    owner. The test cluster trusts loopback, so any password connects: it is only looked for."""
    fresh = _fresh_postgres(postgres_template)
    secret = "pw-" + uuid.uuid4().hex
    db = Database.from_settings(
        Settings(database_url=make_url(next(fresh)).set(password=secret).render_as_string(False))
    )
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    seen: list[bytes] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    line = cmdline.read_bytes()
                except OSError:
                    continue
                if b"pg_dump" in line:
                    seen.append(line)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        backup(db, tmp_path / "copy.dump")
    finally:
        done.set()
        watcher.join()
        db.dispose()
        for _ in fresh:  # drops the database
            pass
    assert seen, "pg_dump was never seen running"
    assert not any(secret.encode() in line for line in seen)
    assert (tmp_path / "copy.dump").stat().st_size > 0
    assert oct((tmp_path / "copy.dump").stat().st_mode & 0o777) == "0o600"
