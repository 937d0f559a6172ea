"""Database upkeep."""

from __future__ import annotations

from accord.storage import schema
from accord.storage.database import Database


def upgrade_database(db: Database) -> tuple[str | None, str | None]:
    return schema.upgrade(db.engine)
