"""The registry of bodies (agencies, institutes, task forces, working groups, partnerships) and
their links to commitments, from extraction and by hand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from accord.domain.access import Principal
from accord.domain.parties import party as known_party
from accord.errors import InputError, NotFound
from accord.i18n import N_
from accord.services.acting import writing
from accord.services.commitments import acting_parties, get_commitment
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import BodyRow, CommitmentBodyRow

KINDS = (
    "agency", "ministry", "institute", "task_force", "working_group", "experts_group", "committee",
    "partnership", "programme", "international", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class BodyView:
    id: int
    name: str
    acronym: str | None
    kind: str
    party: str | None
    parent: str | None
    commitments: int


def list_bodies(db: Database, party: str | None = None) -> list[BodyView]:
    code = known_party(party).code if party else None
    with db.reading() as session:
        counts = dict(
            session.execute(
                select(CommitmentBodyRow.body_id, func.count()).group_by(CommitmentBodyRow.body_id)
            ).all()
        )
        query = select(BodyRow).order_by(BodyRow.party_code, BodyRow.name)
        if code:
            query = query.where(BodyRow.party_code == code)
        rows = session.scalars(query).all()
        names = {row.id: row.name for row in session.scalars(select(BodyRow))}
        return [
            BodyView(
                row.id,
                row.name,
                row.acronym,
                row.kind,
                row.party_code,
                names.get(row.parent_id) if row.parent_id else None,
                counts.get(row.id, 0),
            )
            for row in rows
        ]


def find_body(session: Any, reference: str) -> BodyRow:
    reference = reference.strip()
    row = session.get(BodyRow, int(reference)) if reference.isdigit() else None
    if row is None:
        row = session.scalars(
            select(BodyRow)
            .where((BodyRow.name == reference) | (BodyRow.acronym == reference))
            .order_by(BodyRow.id)
        ).first()
    if row is None:
        raise NotFound(
            f"no body {reference!r}", hint="give the name or acronym of a recorded body", subject="body"
        )
    return row


def add_body(
    db: Database,
    name: str,
    *,
    kind: str = "other",
    party: str | None = None,
    acronym: str | None = None,
    parent: str | None = None,
    by: Principal | None,
) -> BodyView:
    """Register a body: `by` writes for its party; a joint body (no party) is a secretariat's."""
    if not name.strip():
        raise InputError(N_("a body needs a name"), hint=N_('e.g. "Korea AeroSpace Administration"'))
    if kind not in KINDS:
        raise InputError(f"unknown kind of body {kind!r}", hint="kinds: " + ", ".join(KINDS))
    if by is not None:  # first: a stranger learns nothing from the checks below
        if party:
            by.require_write(party.strip().upper())
        else:
            by.require_agreements()
    code = known_party(party).code if party else None
    with writing(db, by) as session:
        exists = session.scalar(
            select(BodyRow).where(BodyRow.name == name.strip(), BodyRow.party_code == code)
        )
        if exists is not None:
            raise InputError(
                f"body {name!r} is already registered (id {exists.id})", hint="names are unique per party"
            )
        parent_row = find_body(session, parent) if parent else None
        row = BodyRow(
            name=name.strip(),
            kind=kind,
            party_code=code,
            acronym=acronym,
            parent_id=parent_row.id if parent_row else None,
        )
        session.add(row)
        session.flush()
        audit.append(
            session, "body_add", f"body:{row.id}", after={"name": row.name, "party": code, "kind": kind}
        )
        return BodyView(
            row.id,
            row.name,
            row.acronym,
            row.kind,
            row.party_code,
            parent_row.name if parent_row else None,
            0,
        )


def link_body(
    db: Database, commitment_id: int, body: str, *, unlink: bool = False, by: Principal | None
) -> None:
    """Link a commitment to a body by hand (or remove the link): `by` writes for one of its actors."""
    with writing(db, by) as session:
        commitment = get_commitment(session, commitment_id)
        if by is not None:
            by.require_write_any(acting_parties(session, commitment.id))
        row = find_body(session, body)
        existing = session.get(CommitmentBodyRow, (commitment.id, row.id))
        audit.append(
            session, "unlink" if unlink else "link", f"commitment:{commitment.id}", after={"body": row.name}
        )
        if unlink:
            if existing is None:
                raise InputError(
                    f"commitment {commitment.id} is not linked to {row.name!r}", hint="nothing to remove"
                )
            session.delete(existing)
        elif existing is None:
            session.add(CommitmentBodyRow(commitment_id=commitment.id, body_id=row.id))
