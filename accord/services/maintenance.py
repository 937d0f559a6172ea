"""Database upkeep: migrating it, and saying where it is and what state it is in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from accord.errors import InputError
from accord.locations import DATABASE_FILE, default_database_url
from accord.storage import sqlite_reads
from accord.storage.revision import HEAD

if TYPE_CHECKING:
    from accord.storage.database import Database

# SQLAlchemy is imported by the functions that need it: `accord db status` on a plain SQLite file
# reads it through stdlib sqlite3, in a tenth of SQLAlchemy's import time.


def upgrade_database(db: Database) -> tuple[str | None, str | None]:
    from accord.storage import schema

    return schema.upgrade(db.engine)


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    url: str  # password hidden
    default: bool  # the per-user default, not ACCORD_DATABASE_URL
    path: Path | None  # a SQLite file's absolute path
    exists: bool
    revision: str | None
    head: str | None
    agreements: int | None

    @property
    def current(self) -> bool:
        return self.revision is not None and self.revision == self.head


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (absolute), None for another backend or an in-memory database."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def database_status(url: str) -> DatabaseStatus:
    """Where the database of `url` is and its schema revision; a SQLite file that does not exist
    yet is reported as such, not created."""
    default = url == default_database_url()
    head = HEAD  # the migrations are read (Alembic imported) only to upgrade
    plain = sqlite_reads.sqlite_file(url)  # a URL that SQLAlchemy would render as it is
    if plain is not None:
        path = plain.resolve()
        _not_a_folder(path)
        if not path.exists():
            return DatabaseStatus(url, default, path, False, None, head, None)
        found = sqlite_reads.file_status(path)
        if found is not None:
            return DatabaseStatus(url, default, path, True, found.revision, head, found.agreements)
    return _status_through_sqlalchemy(url, default, head)


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise InputError(
            f"{path} is a folder, not a database file",
            hint=f"name a file in it: ACCORD_DATABASE_URL=sqlite:///{path / DATABASE_FILE}",
        )


def _status_through_sqlalchemy(url: str, default: bool, head: str) -> DatabaseStatus:
    from sqlalchemy import func, inspect, select
    from sqlalchemy.engine import make_url

    from accord.settings import Settings
    from accord.storage import schema
    from accord.storage.database import Database
    from accord.storage.tables import AgreementRow

    path = sqlite_path(url)
    shown = make_url(url).render_as_string(hide_password=True)
    if path is not None:
        _not_a_folder(path)
    if path is not None and not path.exists():
        return DatabaseStatus(shown, default, path, False, None, head, None)
    db = Database.from_settings(Settings(database_url=url))
    try:
        revision = schema.current_revision(db.engine)
        agreements = None
        if "agreements" in inspect(db.engine).get_table_names():
            with db.reading() as session:
                agreements = session.scalar(select(func.count()).select_from(AgreementRow))
    finally:
        db.dispose()
    return DatabaseStatus(shown, default, path, True, revision, head, agreements)
