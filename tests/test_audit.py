"""The audit trail: every write appends a chained record; editing or deleting one breaks the chain."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from accord.domain.access import Principal, Role
from accord.services.auditing import verify_audit
from accord.services.commitments import list_commitments, review
from accord.services.ingest import ingest_paths
from accord.services.progress import record_progress
from accord.storage.database import Database
from accord.storage.tables import AuditRow
from tests.cli import run_accord
from tests.conftest import EXAMPLES


def writes(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    korean = next(v for v in list_commitments(db) if v.actors == ["KR"])
    review(db, korean.id, accept=True, by=None)
    editor = Principal("kr-editor", Role.EDITOR, "KR")
    record_progress(
        db, korean.id, party="KR", level="limited", on=dt.date(2022, 1, 5), note="begun", by=editor
    )


def test_each_write_is_recorded_with_who_and_what(db: Database) -> None:
    writes(db)
    with db.reading() as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
    assert [r.action for r in rows] == ["ingest", "review", "progress"]
    assert rows[1].before["state"] == "extracted" and rows[1].after["state"] == "accepted"
    assert rows[2].actor == "kr-editor" and rows[0].actor.startswith("cli")
    assert verify_audit(db).broken_at is None and verify_audit(db).records == 3


def test_an_edited_record_breaks_the_chain(db: Database, database_url: str) -> None:
    writes(db)
    with db.transaction() as session:
        second = session.scalars(select(AuditRow.id).order_by(AuditRow.id)).all()[1]
        session.execute(update(AuditRow).where(AuditRow.id == second).values(actor="someone else"))
    result = verify_audit(db)
    assert result.broken_at == second and "edited" in (result.reason or "")
    cli = run_accord("audit", "verify", database_url=database_url)
    assert cli.returncode == 1 and f"breaks at record {second}" in cli.stderr


def test_a_deleted_record_breaks_the_chain(db: Database) -> None:
    writes(db)
    with db.transaction() as session:
        ids = session.scalars(select(AuditRow.id).order_by(AuditRow.id)).all()
        session.execute(delete(AuditRow).where(AuditRow.id == ids[1]))
    result = verify_audit(db)
    assert result.broken_at == ids[2] and "removed" in (result.reason or "")
