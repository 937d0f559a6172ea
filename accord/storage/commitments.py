"""Writing and reading commitments with their actors, areas, bodies and amounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from accord.domain.commitments import Commitment
from accord.domain.shapes import plain
from accord.storage.bulk_insert import insert_rows
from accord.storage.ids import reserve_id_runs
from accord.storage.progress import refresh_current_progress
from accord.storage.tables import (
    AmountRow,
    BodyRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentBodyRow,
    CommitmentRow,
    table,
)
from accord.storage.tallies import tallied_at_once


def body_ids(session: Session, bodies: dict[str, tuple[str | None, str]]) -> dict[str, int]:
    """Ids of bodies by name, creating the ones not yet registered. `bodies`: name → (party, kind)."""
    if not bodies:
        return {}
    existing = {
        row.name: row.id for row in session.scalars(select(BodyRow).where(BodyRow.name.in_(list(bodies))))
    }
    for name, (party, kind) in bodies.items():
        if name not in existing:
            row = BodyRow(name=name, party_code=party, kind=kind)
            session.add(row)
            session.flush()
            existing[name] = row.id
    return existing


@dataclass(frozen=True, slots=True)
class CommitmentSet:
    """One document's extracted commitments, and where they are stored."""

    agreement_id: int
    document_id: int
    provision_ids: Sequence[int | None]  # by provision index (empty: commitments not in a provision)
    commitments: list[Commitment]


def insert_commitments(
    session: Session,
    *,
    agreement_id: int,
    document_id: int,
    provision_ids: Sequence[int | None],
    commitments: list[Commitment],
    extractor: str,
    checksum: str,
    bodies: dict[str, int],
) -> list[int]:
    """All of one document's commitments in a few bulk statements (ids reserved first, as for provisions)."""
    (ids,) = insert_commitment_sets(
        session,
        [CommitmentSet(agreement_id, document_id, provision_ids, commitments)],
        extractor=extractor,
        checksum=checksum,
        bodies=bodies,
    )
    return ids


def insert_commitment_sets(
    session: Session,
    sets: Sequence[CommitmentSet],
    *,
    extractor: str,
    checksum: str,
    bodies: dict[str, int],
    ids: list[list[int]] | None = None,
) -> list[list[int]]:
    """The commitments of several documents in one bulk statement per table; their ids, per set
    (`ids`, when the caller reserved them)."""
    out = (
        reserve_id_runs(session, table(CommitmentRow), [len(s.commitments) for s in sets])
        if ids is None
        else ids
    )
    rows: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    areas: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    amounts: list[dict[str, Any]] = []
    for item, set_ids in zip(sets, out, strict=True):
        provision_ids = item.provision_ids
        for commitment_id, commitment in zip(set_ids, item.commitments, strict=True):
            record = extraction_record(commitment)
            rows.append(
                {
                    "id": commitment_id,
                    "agreement_id": item.agreement_id,
                    "document_id": item.document_id,
                    "provision_id": provision_ids[commitment.provision] if provision_ids else None,
                    "span_start": commitment.start,
                    "span_end": commitment.end,
                    "quote": commitment.quote,
                    "strength": commitment.strength.value,
                    "timeframe": commitment.timeframe,
                    "due": commitment.due,
                    "review_state": "extracted",
                    "extracted": record,
                    "extractor": extractor,
                    "vocabulary_checksum": checksum,
                    "version": 1,
                }
            )
            actors += [
                {"commitment_id": commitment_id, "party_code": code}
                for code in dict.fromkeys(commitment.actors)
            ]
            areas += [
                {"commitment_id": commitment_id, "area": area} for area in dict.fromkeys(commitment.areas)
            ]
            links += [
                {
                    "commitment_id": commitment_id,
                    "body_id": bodies[name],
                    "span_start": None,
                    "span_end": None,
                }
                for name in dict.fromkeys(commitment.bodies)
                if name in bodies
            ]
            amounts += [
                {
                    "commitment_id": commitment_id,
                    "value": Decimal(str(amount.value)),
                    "currency": amount.currency,
                    "party_code": amount.actor,
                    "period": amount.period,
                    "span_start": amount.start,
                    "span_end": amount.end,
                }
                for amount in commitment.amounts
            ]
    insert_rows(session, table(CommitmentRow), rows)
    with tallied_at_once(session, [commitment_id for run in out for commitment_id in run]):
        insert_rows(session, table(CommitmentActorRow), actors)
        insert_rows(session, table(CommitmentAreaRow), areas)
    insert_rows(session, table(CommitmentBodyRow), links)
    insert_rows(session, table(AmountRow), amounts)
    return out


def extraction_record(commitment: Commitment) -> dict[str, Any]:
    return {**plain(commitment), "explanations": list(commitment.explanations)}


def write_fields(
    session: Session, row: CommitmentRow, fields: dict[str, Any], bodies: dict[str, int]
) -> None:
    """Set a commitment's current fields (what reviews may change) from a record like `extracted`."""
    row.strength = fields["strength"]
    row.timeframe = fields.get("timeframe")
    due = fields.get("due")
    row.due = _date(due)
    session.execute(delete(CommitmentActorRow).where(CommitmentActorRow.commitment_id == row.id))
    session.execute(delete(CommitmentAreaRow).where(CommitmentAreaRow.commitment_id == row.id))
    session.execute(delete(CommitmentBodyRow).where(CommitmentBodyRow.commitment_id == row.id))
    for code in dict.fromkeys(fields["actors"]):
        session.add(CommitmentActorRow(commitment_id=row.id, party_code=code))
    for area in dict.fromkeys(fields["areas"]):
        session.add(CommitmentAreaRow(commitment_id=row.id, area=area))
    for name in dict.fromkeys(fields.get("bodies", [])):
        if name in bodies:
            session.add(CommitmentBodyRow(commitment_id=row.id, body_id=bodies[name]))
    session.flush()
    # The actor rows are new: give back each party its level (a party added by a review may have one).
    refresh_current_progress(session, [row.id])


def _date(value: Any) -> Any:
    import datetime as dt

    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
