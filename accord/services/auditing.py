"""The audit trail, seen from outside: whose writes these are, and whether the chain holds."""

from __future__ import annotations

from sqlalchemy import func, select

from accord.storage.audit import Verification, verify
from accord.storage.database import Database
from accord.storage.tables import AuditRow

__all__ = ["audit_head", "verify_audit"]


def verify_audit(db: Database) -> Verification:
    with db.reading() as session:
        return verify(session)


def audit_head(db: Database) -> int:
    """The id of the latest write (0 before any): every change of the record moves it."""
    with db.reading() as session:
        return int(session.scalar(select(func.coalesce(func.max(AuditRow.id), 0))) or 0)
