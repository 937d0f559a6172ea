"""Engine and transactions. Services open transactions through `Database.transaction()` only."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from accord.errors import Conflict, InputError
from accord.settings import Settings, data_directory
from accord.storage import idempotency


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite opens a transaction only at the first write, so the reads before it (the rule's
    # check, the audit chain's head) ran outside it. Hand transactions to SQLAlchemy instead
    # (its documented pysqlite recipe): `_sqlite_begin` then says BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


WRITE = "accord_write"  # execution option of a connection opened by `Database.transaction()`


def _sqlite_begin(connection: Connection) -> None:
    # A write transaction takes SQLite's write lock at its first statement, before it reads
    # anything: what it checks cannot change before it writes. Reads begin deferred.
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    # A reading connection can never write, whatever a bug upstream asks of it.
    cursor.execute("PRAGMA query_only=ON")
    # Pages come straight from the OS page cache, shared by every connection and worker process.
    cursor.execute(f"PRAGMA mmap_size={READER_MMAP_BYTES}")
    cursor.close()


READER_MMAP_BYTES = 1 << 30
# The advisory lock every PostgreSQL write transaction takes first (the audit chain used it alone).
WRITE_LOCK = 7247
_STEP = 1000  # the progress handler runs every this many virtual machine steps


class OverBudget(Exception):
    """A budgeted read ran past its step budget and was interrupted; nothing was read."""

    def __init__(self, budget: int) -> None:
        super().__init__(f"the query ran past {budget:,} steps")


# Enough for every thread of the server's thread pool that reads at once, so none waits for a connection.
READER_POOL_SIZE = 16


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (0600), unless it exists. SQLite then gives
    its -wal and -shm files the same mode: the database holds password and token hashes."""
    # An existing file keeps its mode; a missing folder is SQLite's error to report.
    with contextlib.suppress(FileExistsError, FileNotFoundError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sqlite_file(database_url: str) -> str | None:
    """The file of a SQLite database URL; None for another backend or an in-memory database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return url.database
    return None


def make_engine(settings: Settings) -> Engine:
    try:
        url = make_url(settings.database_url)
    except Exception:
        raise InputError(
            f"ACCORD_DATABASE_URL is not a database URL: {settings.database_url!r}",
            hint="use sqlite:////absolute/path/accord.db or postgresql+psycopg://user@host:5432/accord",
        ) from None
    if url.get_backend_name() == "sqlite":
        if url.database not in (None, "", ":memory:") and not url.database.startswith("file:"):
            path = Path(url.database)
            if path.parent == data_directory():
                # The default place is accord's own to make; any other folder must exist already.
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            create_private(path)
        engine = create_engine(url, echo=settings.echo_sql, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=settings.echo_sql, pool_pre_ping=True)


def _sqlite_reader(engine: Engine) -> Engine:
    """A second pool on the same SQLite file for hot read paths: query-only, memory-mapped."""
    if engine.url.database in (None, "", ":memory:"):
        return engine  # a private in-memory database is only reachable through its own engine
    reader = create_engine(
        engine.url,
        echo=engine.echo,
        connect_args={"check_same_thread": False},
        pool_size=READER_POOL_SIZE,
        max_overflow=READER_POOL_SIZE,
    )
    event.listen(reader, "connect", _sqlite_reader_pragmas)
    return reader


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._reader: Engine | None = None
        self._reader_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(make_engine(settings))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self, *, actor: str | None = None) -> Iterator[Session]:
        """One unit of work: committed if the block finishes, rolled back entirely if it raises.

        It holds the write lock from its first statement: SQLite's (BEGIN IMMEDIATE), or on
        PostgreSQL one transaction-scoped advisory lock that every writer takes. Writers therefore
        run one after another, and whatever a rule reads inside the block is still true when the
        block writes. `actor` is the name the audit trail records for the writes made inside it.
        A unique constraint that still refuses a row becomes `Conflict` (the rule said "once").
        """
        claim = idempotency.pending()
        try:
            with self._sessions() as session, session.begin():
                session.info["actor"] = actor
                session.connection(execution_options={WRITE: True})
                if not self.is_sqlite:
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield session
                if claim is not None:
                    idempotency.record(session, claim)
            if claim is not None:
                claim.recorded = True
        except IntegrityError as error:
            raise Conflict(
                "this was already recorded, or conflicts with what is recorded",
                hint="reload and look at the current record before trying again",
            ) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @property
    def reader(self) -> Engine:
        """The engine for read-only Core queries on hot paths (the engine itself on PostgreSQL)."""
        if self._reader is None:
            with self._reader_lock:
                if self._reader is None:
                    self._reader = _sqlite_reader(self.engine) if self.is_sqlite else self.engine
        return self._reader

    @contextmanager
    def read_connection(self, *, budget: int | None = None) -> Iterator[Connection]:
        """A pooled Core connection that only reads: no ORM session, no objects built per row.

        With a `budget` (SQLite only), a statement that runs more than about that many virtual
        machine steps is interrupted and `OverBudget` raised: the caller may then run it elsewhere.
        """
        with self.reader.connect() as connection:
            if budget is None or not self.is_sqlite:
                yield connection
                return
            raw: Any = connection.connection.driver_connection
            steps = [0]

            def over() -> int:
                steps[0] += _STEP
                return 1 if steps[0] > budget else 0

            raw.set_progress_handler(over, _STEP)
            try:
                yield connection
            except (DBAPIError, sqlite3.OperationalError) as error:  # the second from raw statements
                if steps[0] > budget:
                    raise OverBudget(budget) from error
                raise
            finally:
                raw.set_progress_handler(None, 0)

    def dispose(self) -> None:
        if self._reader is not None and self._reader is not self.engine:
            self._reader.dispose()
        self.engine.dispose()
