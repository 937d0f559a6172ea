"""What the old races left behind: shown, explained and, where no fact is lost, repaired.

Regression tests for issue 12: a double signature made every reader of the agreement get 409,
and a forked audit chain read as tampering for ever.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.auditing import verify_audit
from accord.services.doctor import examine
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record, timeline
from accord.settings import Settings
from accord.storage import audit, schema
from accord.storage.database import Database, make_engine
from accord.storage.tables import AgreementRow, AuditRow, LifecycleEventRow
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"


def double_signature(db: Database, *, same: bool) -> int:
    """What two simultaneous signs recorded before the fix (the constraint is dropped to let it in)."""
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    record(db, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party="US", signatory="M. Kratsios", by=None)
    with db.transaction() as session:
        session.execute(text("DROP INDEX uq_lifecycle_events_sign_once"))
        agreement = session.scalars(select(AgreementRow).where(AgreementRow.slug == MOU)).one()
        copy = LifecycleEventRow(
            agreement_id=agreement.id, act="sign", party_code="US", made_on=dt.date(2025, 10, 29 if same else 30),
            signatory="M. Kratsios",
        )  # fmt: skip
        session.add(copy)
        session.flush()
        return copy.id


def test_an_agreement_whose_history_does_not_replay_is_shown_with_the_reason(
    db: Database, settings: Settings
) -> None:
    double_signature(db, same=True)
    with serving(create_app(settings, db)) as base:
        life = httpx.get(f"{base}/api/v1/agreements/{MOU}/timeline", timeout=60)
        assert life.status_code == 200
        assert "does not replay" in life.json()["error"] and "US has already signed" in life.json()["error"]
        assert life.json()["status"] == "signed_by_some"  # as of the act before the broken one
        overview = httpx.get(f"{base}/api/v1/overview", timeout=60)
        assert overview.status_code == 200
        for page in (f"/agreements/{MOU}", f"/agreements/{MOU}/lifecycle", "/"):
            shown = httpx.get(base + page, timeout=60)
            assert shown.status_code == 200, page
        assert "history-error" in httpx.get(f"{base}/agreements/{MOU}", timeout=60).text
    with pytest.raises(Exception) as refused:  # a further act is refused until it is repaired
        record(db, MOU, Act.SIGN, on=dt.date(2025, 11, 1), party="KR", by=None)
    assert getattr(refused.value, "code", "") == "history_broken" and "accord doctor" in refused.value.hint  # type: ignore[attr-defined]


def test_doctor_removes_an_exact_copy_of_an_act_and_nothing_else(db: Database, database_url: str) -> None:
    copy = double_signature(db, same=True)
    found = run_accord("doctor", database_url=database_url)
    assert found.returncode == 1 and "US has already signed" in found.stdout
    assert f"remove event {copy}" in found.stdout and "exact copy" in found.stdout
    repaired = run_accord("doctor", "--repair", database_url=database_url)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    life = timeline(db, MOU)
    assert life.error is None and [(e.act, e.party) for e in life.entries] == [("sign", "US")]
    with db.reading() as session:
        last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
    assert last is not None and last.action == "doctor:remove_duplicate_act" and last.before["event"] == copy
    assert verify_audit(db).broken_at is None
    assert run_accord("doctor", database_url=database_url).returncode == 0


def test_doctor_leaves_two_different_records_of_one_act_for_a_person(db: Database) -> None:
    double_signature(db, same=False)
    findings = examine(db, repair=True)
    assert [(f.kind, f.repaired, f.repair) for f in findings] == [("broken_history", False, None)]
    assert len(timeline(db, MOU).entries) == 2  # nothing removed


def _chain(rows: list[tuple[int, str]]) -> list[dict[str, object]]:
    """Audit rows (id, predecessor id or 0) with valid hashes, as pre-0014 writers made them."""
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    hashes = {0: audit.GENESIS}
    made = []
    for record_id, before in rows:
        previous = hashes[before]
        digest = audit._digest(
            previous, at, "cli:x", "link", f"commitment:{record_id}", None, {"n": record_id}
        )
        hashes[record_id] = digest
        made.append(
            {"id": record_id, "at": at, "actor": "cli:x", "action": "link", "target": f"commitment:{record_id}",
             "before": None, "after": json.dumps({"n": record_id}), "previous_hash": previous, "hash": digest}
        )  # fmt: skip
    return made


def test_upgrading_marks_an_old_fork_as_a_side_branch_and_removes_exact_copies(tmp_path: Path) -> None:
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'old.db'}"))
    schema.upgrade(engine, "0013")
    with engine.begin() as connection:
        # Two writers both extended record 1 (records 2 and 3); the next write extended record 3.
        for row in _chain([(1, 0), (2, 1), (3, 1), (4, 3)]):
            connection.execute(
                text(
                    "INSERT INTO audit_log (id, at, actor, action, target, before, after, previous_hash, hash) "
                    "VALUES (:id, :at, :actor, :action, :target, :before, :after, :previous_hash, :hash)"
                ),
                row,
            )
        connection.execute(
            text("INSERT INTO agreements (id, slug, title, kind, terms) VALUES (1, 'a', 'A', 'mou', '{}')")
        )
        for code, position in (("US", 0), ("KR", 1)):
            connection.execute(
                text("INSERT INTO agreement_parties VALUES (1, :code, :position)"),
                {"code": code, "position": position},
            )
        for _ in range(2):  # a double click, recorded twice
            connection.execute(
                text(
                    "INSERT INTO lifecycle_events (agreement_id, act, party_code, made_on) "
                    "VALUES (1, 'sign', 'US', '2026-01-05')"
                )
            )
    schema.upgrade(engine)
    db = Database(engine)
    result = verify_audit(db)
    assert (result.broken_at, result.side_branches, result.records) == (None, 1, 4)
    with db.reading() as session:
        assert session.scalars(select(AuditRow.id).where(AuditRow.branch != 0)).all() == [2]
    assert [e.party for e in timeline(db, "a").entries] == ["US"]
    assert examine(db) == []
    # The chain goes on from the main branch, and can never fork again.
    record(db, "a", Act.SIGN, on=dt.date(2026, 1, 6), party="KR", by=None)
    assert verify_audit(db).broken_at is None
    db.dispose()


def test_upgrading_stops_at_two_different_records_of_one_act(tmp_path: Path) -> None:
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'old.db'}"))
    schema.upgrade(engine, "0013")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO agreements (id, slug, title, kind, terms) VALUES (1, 'a', 'A', 'mou', '{}')")
        )
        for day in ("2026-01-05", "2026-01-06"):
            connection.execute(
                text(
                    "INSERT INTO lifecycle_events (agreement_id, act, party_code, made_on) "
                    "VALUES (1, 'sign', 'US', :day)"
                ),
                {"day": day},
            )
    with pytest.raises(RuntimeError, match="sign by US recorded twice"):
        schema.upgrade(engine)
    with engine.connect() as connection:  # nothing of the upgrade was applied
        assert connection.execute(text("SELECT count(*) FROM lifecycle_events")).scalar() == 2
    assert schema.current_revision(engine) == "0013"
    engine.dispose()
