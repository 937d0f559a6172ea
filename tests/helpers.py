"""Small helpers shared by tests."""

from __future__ import annotations

from sqlalchemy import func, select

from accord.storage.database import Database
from accord.storage.tables import Base

# Signing in writes a session, an attempt and an audit record: bookkeeping of who is visiting,
# not the record a refused command must leave as it was.
SESSION_TABLES = ("web_sessions", "sign_in_attempts")
SESSION_ACTIONS = ("sign_in", "sign_in_failed")


def row_counts(db: Database) -> dict[str, int]:
    """Rows per table: the snapshot used to prove that a failed command changed nothing."""
    from accord.storage.tables import AuditRow

    with db.reading() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
            if table.name not in SESSION_TABLES
        }
        counts["audit_log"] = (
            session.scalar(select(func.count()).where(AuditRow.action.not_in(SESSION_ACTIONS))) or 0
        )
        return counts


def bearer(db: Database, name: str, role: str, party: str | None = None) -> dict[str, str]:
    """A new user's Authorization header."""
    from accord.services.users import add_user, new_token

    add_user(db, name, role=role, party=party)
    return {"Authorization": f"Bearer {new_token(db, name)}"}


def audit_actors(db: Database, target: str) -> list[str]:
    """Who made each audited write to `target`, in order."""
    from accord.storage.tables import AuditRow

    with db.reading() as session:
        return list(
            session.scalars(select(AuditRow.actor).where(AuditRow.target == target).order_by(AuditRow.id))
        )
