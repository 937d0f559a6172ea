"""Small helpers shared by tests."""

from __future__ import annotations

from sqlalchemy import func, select

from accord.storage.database import Database
from accord.storage.tables import Base


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table: the snapshot used to prove that a failed command changed nothing."""
    with db.reading() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
