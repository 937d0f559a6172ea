"""The audit trail, seen from outside: whose writes these are, and whether the chain holds."""

from __future__ import annotations

from accord.storage.audit import Verification, acting_as, verify
from accord.storage.database import Database
from accord.storage.schema import ensure_ready

__all__ = ["acting_as", "verify_audit"]


def verify_audit(db: Database) -> Verification:
    ensure_ready(db.engine)
    with db.reading() as session:
        return verify(session)
