"""Backups: SQLite's online backup API (consistent while writes go on), or pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from accord.errors import AccordError, InputError
from accord.storage.database import Database


def _sqlite_path(db: Database) -> str:
    database = make_url(str(db.engine.url)).database
    if not database:
        raise InputError("an in-memory database cannot be backed up", hint="use a SQLite file or PostgreSQL")
    return database


def _libpq_url(db: Database) -> str:
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise AccordError(
            f"{name} is not installed", hint="apt-get install postgresql-client", code="tool_missing"
        )
    return found


def backup(db: Database, target: Path) -> int:
    """Write a consistent copy of the database to `target`; returns its size in bytes."""
    if target.exists():
        raise InputError(
            f"{target}: already exists", hint="choose a new file name; backups are never overwritten"
        )
    if db.is_sqlite:
        source = sqlite3.connect(_sqlite_path(db))
        destination = sqlite3.connect(str(target))
        try:
            with destination:
                source.backup(destination)  # a consistent snapshot, while other writers go on
        finally:
            destination.close()
            source.close()
    else:
        done = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), _libpq_url(db)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise AccordError(
                f"pg_dump failed: {done.stderr.strip()}",
                hint="check the database URL and permissions",
                code="backup_failed",
            )
    return target.stat().st_size


def restore(db: Database, source: Path) -> None:
    """Restore a backup into the configured database, which must be empty."""
    if not source.is_file():
        raise InputError(f"{source}: no such file", hint="give a file written by `accord backup`")
    if inspect(db.engine).get_table_names():
        raise InputError(
            "the target database is not empty",
            hint="restore into a fresh database (set ACCORD_DATABASE_URL to it)",
        )
    if db.is_sqlite:
        db.dispose()
        backup_file = sqlite3.connect(str(source))
        target = sqlite3.connect(_sqlite_path(db))
        try:
            with target:
                backup_file.backup(target)
        finally:
            target.close()
            backup_file.close()
        return
    done = subprocess.run(
        [_tool("pg_restore"), "--no-owner", "--dbname", _libpq_url(db), str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise AccordError(
            f"pg_restore failed: {done.stderr.strip()}",
            hint="is the file a pg_dump backup?",
            code="restore_failed",
        )
