"""The audit trail, seen from outside: whose writes these are, and whether the chain holds."""

from __future__ import annotations

from accord.storage.audit import Verification, head, verify
from accord.storage.database import Database

__all__ = ["audit_head", "verify_audit"]


def verify_audit(db: Database) -> Verification:
    with db.reading() as session:
        return verify(session)


def audit_head(db: Database) -> int:
    """The id of the latest write (0 before any): every change of the record moves it."""
    with db.reading() as session:
        return head(session)
