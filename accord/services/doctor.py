"""`accord doctor`: find what concurrent writes (before writes took the lock) or hand edits left
behind, explain it, and repair only what can be repaired without losing a fact.

- An agreement whose recorded acts no longer replay: explained; when the act that breaks it is
  an exact copy of an earlier act of the same agreement (a double click both writers recorded),
  the copy is removed — the earlier row says the same, so nothing is lost.
- An audit chain forked by two writers extending the same record: explained; the records beside
  the main chain are marked as a side branch (their content and hashes are untouched), and the
  chain verifies again. A record whose content no longer matches its hash is never "repaired":
  that is an edit, and only a backup can say what it was.

Each repair is itself recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from accord.domain.access import Forbidden, Principal, Role
from accord.domain.lifecycle import Act, Event, Rules, replay_readable
from accord.services.acting import writing
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, AuditRow, LifecycleEventRow


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # broken_history · audit_fork · audit_edited
    target: str
    explanation: str
    repair: str | None  # what `--repair` does about it; None: a person must decide
    repaired: bool = False


def _facts(row: LifecycleEventRow) -> tuple[Any, ...]:
    return (row.act, row.party_code, row.version, row.made_on, row.takes_effect_on, row.signatory)


def _histories(db: Database, *, repair: bool, by: Principal | None) -> list[Finding]:
    findings = []
    with db.reading() as session:
        agreements = [
            (row.id, row.slug) for row in session.scalars(select(AgreementRow).order_by(AgreementRow.id))
        ]
    for agreement_id, slug in agreements:
        with writing(db, by) if repair else db.reading() as session:
            agreement = session.get(AgreementRow, agreement_id)
            assert agreement is not None
            rules = Rules(
                parties=tuple(agreement.party_codes),
                notice_days=(agreement.terms or {}).get("termination_notice_days"),
            )
            removed: list[int] = []
            while True:
                rows = list(
                    session.scalars(
                        select(LifecycleEventRow)
                        .where(LifecycleEventRow.agreement_id == agreement_id)
                        .order_by(LifecycleEventRow.id)
                    )
                )
                events = [Event(Act(r.act), r.made_on, r.party_code, r.version, r.signatory) for r in rows]
                _state, broken = replay_readable(rules, events)
                if broken is None:
                    break
                culprit = rows[broken.index]
                copy_of = next((r for r in rows[: broken.index] if _facts(r) == _facts(culprit)), None)
                if copy_of is None or not repair:
                    findings.append(
                        Finding(
                            "broken_history",
                            f"agreement {slug}",
                            broken.explain(),
                            f"remove event {culprit.id}, an exact copy of event {copy_of.id}"
                            if copy_of
                            else None,
                        )
                    )
                    break
                audit.append(
                    session,
                    "doctor:remove_duplicate_act",
                    f"agreement:{agreement_id}",
                    before={
                        "event": culprit.id,
                        "copy_of": copy_of.id,
                        "act": culprit.act,
                        "party": culprit.party_code,
                        "made_on": culprit.made_on,
                        "signatory": culprit.signatory,
                    },
                )
                session.delete(culprit)
                session.flush()
                removed.append(culprit.id)
            for event_id in removed:
                findings.append(
                    Finding(
                        "broken_history",
                        f"agreement {slug}",
                        f"event {event_id} was an exact copy of an earlier act (two writers recorded one act twice)",
                        f"removed event {event_id}",
                        repaired=True,
                    )
                )
    return findings


def _audit(db: Database, *, repair: bool, by: Principal | None) -> list[Finding]:
    with db.reading() as session:
        result = audit.verify(session)
        rows = list(
            session.scalars(select(AuditRow).where(AuditRow.branch == audit.MAIN).order_by(AuditRow.id))
        )
        links = [audit.Link(r.id, r.hash, r.previous_hash) for r in rows]
        edited = [r.id for r in rows if not audit.intact(r)]
    if edited or (result.broken_at is not None and not result.unexplained_forks):
        return [
            Finding(
                "audit_edited",
                f"audit record {result.broken_at}",
                f"the audit chain breaks: {result.reason}",
                None,
            )
        ]
    if not result.unexplained_forks:
        return []
    side = audit.side_branch_ids(links)
    explanation = (
        f"{len(side)} audit record(s) ({_ids(side)}) were written beside the main chain: two writers read the "
        "same last record and both extended it. Nothing in them was edited; each still matches its hash."
    )
    if not repair:
        return [
            Finding(
                "audit_fork",
                "audit log",
                explanation,
                "mark them as a side branch (nothing is changed in them)",
            )
        ]
    with writing(db, by) as session:
        session.execute(
            update(AuditRow)
            .where(AuditRow.id.in_(side))
            .values(branch=AuditRow.id)
            .execution_options(synchronize_session=False)
        )
        audit.append(session, "doctor:mark_side_branch", "audit_log", after={"records": side})
    return [Finding("audit_fork", "audit log", explanation, "marked them as a side branch", repaired=True)]


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def examine(db: Database, *, repair: bool = False, by: Principal | None = None) -> list[Finding]:
    """Everything found; with `repair`, what could be repaired without losing a fact is repaired
    (admins and the local command line only)."""
    if repair and by is not None and by.role is not Role.ADMIN:
        raise Forbidden(f"{by.name} may not repair the database", hint="an admin, or the local command line")
    return _histories(db, repair=repair, by=by) + _audit(db, repair=repair, by=by)
