"""Database upkeep: migrating it, and saying where it is and what state it is in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from accord.settings import Settings, default_database_url
from accord.storage import schema
from accord.storage.database import Database
from accord.storage.tables import AgreementRow


def upgrade_database(db: Database) -> tuple[str | None, str | None]:
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
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def database_status(settings: Settings) -> DatabaseStatus:
    """Where the configured database is and its schema revision; a SQLite file that does not exist
    yet is reported as such, not created."""
    url = settings.database_url
    default = url == default_database_url()
    path = sqlite_path(url)
    shown = make_url(url).render_as_string(hide_password=True)
    head = schema.HEAD  # the migrations are read (Alembic imported) only to upgrade
    if path is not None and not path.exists():
        return DatabaseStatus(shown, default, path, False, None, head, None)
    db = Database.from_settings(settings)
    try:
        revision = schema.current_revision(db.engine)
        agreements = None
        if "agreements" in inspect(db.engine).get_table_names():
            with db.reading() as session:
                agreements = session.scalar(select(func.count()).select_from(AgreementRow))
    finally:
        db.dispose()
    return DatabaseStatus(shown, default, path, True, revision, head, agreements)
