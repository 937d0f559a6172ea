"""Reads of the CLI's read commands on a SQLite file, through the stdlib sqlite3 module.

Importing SQLAlchemy, its ORM and the mapped tables costs a read command more than its whole
start-up budget (0.3 s, issue 14), far more than its queries. So the commands whose queries are
here read a SQLite file at the current schema directly, with the statements the ORM sends, and
hand back what the ORM would (dates as `dt.date`, booleans as `bool`). Anything else (another
backend, a URL with options or characters SQLAlchemy would quote, no file yet, another revision,
a file SQLite cannot read) goes the SQLAlchemy way, which creates, upgrades or refuses as it
always did."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from accord.storage.revision import HEAD

# The characters a `sqlite:///path` URL names its file with unchanged, unquoted and unrendered.
_PLAIN_PATH = re.compile(r"[\w./~-]+", re.ASCII)
_BUSY_MILLISECONDS = 10_000  # as the SQLAlchemy engine waits for a writer's lock


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL (as given, not resolved); None for any other URL."""
    path = url.removeprefix("sqlite:///")
    if path == url or not _PLAIN_PATH.fullmatch(path):
        return None
    return Path(path)


def _revisions(connection: sqlite3.Connection) -> list[str] | None:
    """The revisions alembic_version holds; None without that table (an empty database)."""
    if not _has_table(connection, "alembic_version"):
        return None
    return [revision for (revision,) in connection.execute("SELECT version_num FROM alembic_version")]


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit: `reading()` says BEGIN itself, so that a command's queries see one snapshot.
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={_BUSY_MILLISECONDS}")
    connection.execute("PRAGMA query_only=ON")  # a read path never writes, whatever a bug asks
    return connection


def open_current(url: str) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite file of `url` if it is at the current schema; None
    otherwise: the SQLAlchemy path then decides what to do."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    connection = None
    try:
        connection = _connect(path)
        if _revisions(connection) == [HEAD]:
            return connection
    except sqlite3.Error:
        pass
    if connection is not None:
        connection.close()
    return None


class FileStatus(NamedTuple):
    revision: str | None
    agreements: int | None  # None: no agreements table yet


def file_status(path: Path) -> FileStatus | None:
    """The schema revision of an existing SQLite file and how many agreements it holds; None when
    it records several revisions or SQLite cannot read it (the SQLAlchemy path says why)."""
    if not os.access(path, os.R_OK):
        return None
    try:
        with contextlib.closing(_connect(path)) as connection:
            revisions = _revisions(connection)
            if revisions is not None and len(revisions) > 1:
                return None
            agreements = None
            if _has_table(connection, "agreements"):
                agreements = connection.execute("SELECT count(*) FROM agreements").fetchone()[0]
            return FileStatus(revisions[0] if revisions else None, agreements)
    except sqlite3.Error:
        return None


@contextlib.contextmanager
def reading(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query inside it sees the same snapshot."""
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        connection.execute("ROLLBACK")


# The fields of services.agreement_views.AgreementSummary, in its order (that class names them;
# storage returns rows, and services build the view).
AgreementRecord = tuple[int, str, str, dt.date | None, str, list[str], bool | None, int, int]


def agreement_records(connection: sqlite3.Connection) -> list[AgreementRecord]:
    """Every agreement with its parties (in their order) and its numbers of provisions and
    commitments, ordered by date then id: the queries of `services.queries.list_agreements`."""
    with reading(connection):
        provisions = dict(
            connection.execute("SELECT agreement_id, count(*) FROM provisions GROUP BY agreement_id")
        )
        commitments = dict(
            connection.execute("SELECT agreement_id, count(*) FROM commitments GROUP BY agreement_id")
        )
        rows = connection.execute(
            "SELECT id, slug, title, date, kind, legally_binding FROM agreements ORDER BY date, id"
        ).fetchall()
        parties: dict[int, list[str]] = {}
        for agreement_id, code in connection.execute(
            "SELECT agreement_id, party_code FROM agreement_parties ORDER BY agreement_id, position"
        ):
            parties.setdefault(agreement_id, []).append(code)
    return [
        (
            id_,
            slug,
            title,
            None if date is None else dt.date.fromisoformat(date),
            kind,
            parties.get(id_, []),
            None if binding is None else bool(binding),
            provisions.get(id_, 0),
            commitments.get(id_, 0),
        )
        for id_, slug, title, date, kind, binding in rows
    ]
