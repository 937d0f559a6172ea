"""Changes to a joint commitment that need every acting party: its actors, or rejecting it.

A joint commitment is the parties' shared undertaking ("mutual consent" in the agreement's own
terms), so one party cannot change who acts on it, nor strike it, alone. A user of one acting
party asks for the change; that records the party's consent to that exact change (the actors it
names, or the rejection) and changes nothing else. When a user of every other acting party asks
for the same change, the last consent makes it. A party that asks for a different change
replaces its own earlier consent; consents are kept per commitment, change and party (one row
each, a primary key), so the count can never run twice. An admin, or the trusted local command
line, makes the change at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from accord.domain.access import Principal, Role
from accord.services.commitment_views import PendingChange
from accord.storage import audit
from accord.storage.tables import CommitmentConsentRow

JOINT_CHANGES = ("actors", "reject")


def needs_consent(by: Principal | None, actors: Sequence[str]) -> bool:
    """Whether `by` alone cannot make a joint change: some acting party is not theirs."""
    if by is None or by.role is Role.ADMIN:
        return False
    return any(not by.may_write_for(code) for code in actors)


def consent(
    session: Session, commitment_id: int, change: str, value: Any, by: Principal, actors: Sequence[str]
) -> bool:
    """Record `by`'s party's consent to the change; True once every acting party has consented to
    the same value (the consents are then spent and the caller makes the change)."""
    assert by.party is not None  # needs_consent is only true for a party's user
    existing = session.get(CommitmentConsentRow, (commitment_id, change, by.party))
    if existing is None:
        session.add(
            CommitmentConsentRow(
                commitment_id=commitment_id, change=change, party_code=by.party, value=value, given_by=by.name
            )
        )
    else:
        existing.value, existing.given_by = value, by.name
    session.flush()
    agreed = {
        row.party_code
        for row in session.scalars(
            select(CommitmentConsentRow).where(
                CommitmentConsentRow.commitment_id == commitment_id, CommitmentConsentRow.change == change
            )
        )
        if row.value == value
    }
    audit.append(
        session, f"consent:{change}", f"commitment:{commitment_id}",
        after={"party": by.party, "value": value, "awaiting": sorted(set(actors) - agreed)},
    )  # fmt: skip
    if set(actors) <= agreed:
        spend(session, commitment_id, change)
        return True
    return False


def spend(session: Session, commitment_id: int, change: str) -> None:
    session.execute(
        delete(CommitmentConsentRow).where(
            CommitmentConsentRow.commitment_id == commitment_id, CommitmentConsentRow.change == change
        )
    )


def pending_changes(
    session: Session, actors_by_commitment: dict[int, list[str]]
) -> dict[int, list[PendingChange]]:
    ids = list(actors_by_commitment)
    if not ids:
        return {}
    grouped: dict[tuple[int, str, str], list[str]] = {}
    values: dict[tuple[int, str, str], Any] = {}
    for row in session.scalars(
        select(CommitmentConsentRow)
        .where(CommitmentConsentRow.commitment_id.in_(ids))
        .order_by(CommitmentConsentRow.given_at, CommitmentConsentRow.party_code)
    ):
        key = (row.commitment_id, row.change, repr(row.value))
        grouped.setdefault(key, []).append(row.party_code)
        values[key] = row.value
    found: dict[int, list[PendingChange]] = {}
    for (commitment_id, change, _), parties in grouped.items():
        awaiting = [code for code in actors_by_commitment[commitment_id] if code not in parties]
        found.setdefault(commitment_id, []).append(
            PendingChange(change, values[(commitment_id, change, _)], sorted(parties), awaiting)
        )
    return found
