"""Backups: SQLite's online backup API (consistent while writes go on), or pg_dump for PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from accord.errors import AccordError, InputError
from accord.storage.database import Database, create_private


def _sqlite_path(db: Database) -> str:
    database = make_url(str(db.engine.url)).database
    if not database:
        raise InputError("an in-memory database cannot be backed up", hint="use a SQLite file or PostgreSQL")
    return database


def _libpq(db: Database) -> tuple[str, dict[str, str]]:
    """The libpq URL without its password, and an environment carrying the password in PGPASSWORD:
    a command line is visible to every user of the machine (ps, /proc), the environment is not."""
    url = db.engine.url.set(drivername="postgresql")
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    # URL.set(password=None) would keep the password (None means "unchanged" there): build it anew.
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False), environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise AccordError(
            f"{name} is not installed", hint="apt-get install postgresql-client", code="tool_missing"
        )
    return found


_URL = "{url}"  # where a tool's arguments take the database address


def _run_libpq(db: Database, tool: str, arguments: list[str], *, hint: str, code: str) -> None:
    """Run a PostgreSQL client tool on the configured database, its password in the environment
    (never on the command line, where other users can read it)."""
    url, environment = _libpq(db)
    command = [_tool(tool), *(url if argument == _URL else argument for argument in arguments)]
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    if done.returncode != 0:
        raise AccordError(f"{tool} failed: {done.stderr.strip()}", hint=hint, code=code)


def backup(db: Database, target: Path) -> int:
    """Write a consistent copy of the database to `target`; returns its size in bytes."""
    if target.exists():
        raise InputError(
            f"{target}: already exists", hint="choose a new file name; backups are never overwritten"
        )
    create_private(target)  # a backup holds password and token hashes: readable by its owner only
    try:
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
            _run_libpq(
                db,
                "pg_dump",
                ["--format=custom", "--no-owner", "--file", str(target), _URL],
                hint="check the database URL and permissions",
                code="backup_failed",
            )
    except BaseException:
        target.unlink(missing_ok=True)  # no half-written backup left behind
        raise
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
    _run_libpq(
        db,
        "pg_restore",
        ["--no-owner", "--dbname", _URL, str(source)],
        hint="is the file a pg_dump backup?",
        code="restore_failed",
    )
