"""Commitments in the database: storing extractions, listing, reviewing, re-extracting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.commitments import AREAS, Commitment, ReviewState, Strength
from accord.domain.parties import party
from accord.domain.shapes import plain
from accord.errors import InputError
from accord.extract import lexicon
from accord.services.acting import writing
from accord.services.commitment_views import COMMITMENT_KEYS as COMMITMENT_KEYS
from accord.services.commitment_views import (
    CommitmentView,
    check_filters,
    checked_strength,
    commitment_view,
)
from accord.services.consents import consent, needs_consent, pending_changes, spend
from accord.services.queries import fetch, find_agreement, latest_document
from accord.services.versions import claim_version
from accord.storage import audit, search
from accord.storage.commitments import (
    body_ids,
    extraction_record,
    insert_commitments,
    write_fields,
)
from accord.storage.database import Database
from accord.storage.listing import CommitmentFields, children
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    AmountRow,
    BodyRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentBodyRow,
    CommitmentRow,
    DocumentRow,
    ProvisionRow,
    ReviewRow,
    table,
)

if TYPE_CHECKING:
    # The extractor and the embeddings (numpy) are imported by the writes that use them only:
    # every read command imports this module, and they would triple its start-up.
    from accord.extract.extraction import Extraction

REVIEWABLE_FIELDS = ("actors", "strength", "areas", "timeframe", "due")
TIMEFRAME_LENGTH = 200  # the column's size


def store_commitments(
    session: Session, agreement_id: int, document_id: int, provision_ids: list[int], extraction: Extraction
) -> int:
    """Insert every extracted commitment of one document (and index it for search); runs inside
    the ingest transaction."""
    from accord.services.suggestions import embed_commitments

    ids = insert_commitments(
        session,
        agreement_id=agreement_id,
        document_id=document_id,
        provision_ids=provision_ids,
        commitments=extraction.commitments,
        extractor=extraction.version,
        checksum=lexicon.checksum(),
        bodies=body_ids(session, extraction.bodies),
    )
    search.index(
        session,
        agreement_id,
        (("commitment", i, c.quote) for i, c in zip(ids, extraction.commitments, strict=True)),
    )
    embed_commitments(session, [(i, c.quote) for i, c in zip(ids, extraction.commitments, strict=True)])
    return len(extraction.commitments)


def list_commitments(
    db: Database,
    agreement: str | None = None,
    *,
    area: str | None = None,
    actor: str | None = None,
    strength: str | None = None,
    due_by: dt.date | None = None,
    include_rejected: bool = False,
) -> list[CommitmentView]:
    """Commitments in text order, filtered; `due_by` keeps those with a due date on or before it."""
    check_filters(area, strength)
    with db.reading() as session:
        query = select(*_VIEW_COLUMNS).order_by(CommitmentRow.agreement_id, CommitmentRow.start)
        if agreement is not None:
            query = query.where(CommitmentRow.agreement_id == find_agreement(session, agreement).id)
        if area is not None:
            query = query.where(
                CommitmentRow.id.in_(
                    select(CommitmentAreaRow.commitment_id).where(CommitmentAreaRow.area == area)
                )
            )
        if actor is not None:
            code = party(actor).code
            query = query.where(
                CommitmentRow.id.in_(
                    select(CommitmentActorRow.commitment_id).where(CommitmentActorRow.party_code == code)
                )
            )
        if strength is not None:
            query = query.where(CommitmentRow.strength == strength)
        if due_by is not None:
            query = query.where(CommitmentRow.due <= due_by)
        if not include_rejected:
            query = query.where(CommitmentRow.review_state != ReviewState.REJECTED.value)
        return _views(session, session.execute(query).all())


# What a view reads of a commitment's row, selected as columns: a list of whole ORM rows spent
# two thirds of its time building the instances (the largest agreement's page lists 350).
_VIEW_COLUMNS = (
    CommitmentRow.id, CommitmentRow.agreement_id, CommitmentRow.start, CommitmentRow.end,
    CommitmentRow.quote, CommitmentRow.strength, CommitmentRow.timeframe, CommitmentRow.due,
    CommitmentRow.review_state, CommitmentRow.version, CommitmentRow.extracted,
)  # fmt: skip


class _ViewRow(CommitmentFields, Protocol):
    """A commitment's row as a view reads it: an ORM row or a row of _VIEW_COLUMNS."""

    @property
    def agreement_id(self) -> int: ...
    @property
    def extracted(self) -> dict[str, Any]: ...


def _views(session: Session, rows: Sequence[_ViewRow], *, pending: bool = False) -> list[CommitmentView]:
    """The views of these rows; with `pending`, also the joint changes awaiting a party's consent."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    found = children(session, ids)
    waiting = pending_changes(session, {i: found.actors.get(i, []) for i in ids}) if pending else {}
    slugs: dict[int, str] = {
        agreement_id: slug
        for agreement_id, slug in session.execute(
            select(AgreementRow.id, AgreementRow.slug).where(
                AgreementRow.id.in_({r.agreement_id for r in rows})
            )
        )
    }
    # Each view built once: copying it with dataclasses.replace for its pending changes was an
    # eighth of the time of a list.
    return [
        commitment_view(
            row,
            slugs[row.agreement_id],
            found,
            explanations=list(row.extracted.get("explanations", [])),
            pending_changes=waiting.get(row.id),
        )
        for row in rows
    ]


def views_by_id(session: Session, ids: Sequence[int]) -> dict[int, CommitmentView]:
    """The views of these commitments, read in the caller's transaction (a few queries in all)."""
    rows = session.scalars(select(CommitmentRow).where(CommitmentRow.id.in_(ids))).all() if ids else []
    return {view.id: view for view in _views(session, rows)}


def get_view(db: Database, commitment_id: int) -> CommitmentView:
    with db.reading() as session:
        return _views(session, [get_commitment(session, commitment_id)], pending=True)[0]


def _strength(value: str) -> Strength:
    return checked_strength(value)


def get_commitment(session: Session, commitment_id: int) -> CommitmentRow:
    return fetch(
        session, CommitmentRow, commitment_id, "commitment", "the agreement's commitments list their ids"
    )


def _parse_field(session: Session, row: CommitmentRow, field: str, value: str) -> Any:
    if field not in REVIEWABLE_FIELDS:
        raise InputError(
            f"cannot set {field!r}", hint="fields a review may set: " + ", ".join(REVIEWABLE_FIELDS)
        )
    if field == "strength":
        return _strength(value.strip()).value
    if field == "actors":
        codes = [party(code).code for code in value.replace(",", " ").split()]
        allowed = set(
            session.scalars(
                select(AgreementPartyRow.party_code).where(AgreementPartyRow.agreement_id == row.agreement_id)
            )
        )
        strangers = [code for code in codes if allowed and code not in allowed]
        if not codes or strangers:
            raise InputError(
                f"actors must be parties of the agreement ({', '.join(sorted(allowed))}); got {value!r}",
                hint="e.g. actors US,KR",
            )
        return codes
    if field == "areas":
        areas = [area.strip() for area in value.split(",") if area.strip()]
        unknown = [area for area in areas if area not in AREAS]
        if unknown or not areas:
            raise InputError(
                f"unknown area(s): {', '.join(unknown) or value}", hint="areas: " + ", ".join(AREAS)
            )
        return areas
    if field == "due":
        if not value.strip():
            return None
        try:
            due = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"bad date {value!r}", hint="write dates as YYYY-MM-DD") from None
        # The API's bounds for every date: far enough for any term, near enough that the calendar's
        # date arithmetic (the day after, reminders) never overflows.
        if not dt.date(1900, 1, 1) <= due <= dt.date(2199, 12, 31):
            raise InputError(f"a due date must be between 1900 and 2199, got {due}", hint="check the year")
        return due.isoformat()
    if len(value.strip()) > TIMEFRAME_LENGTH:
        raise InputError(
            f"a timeframe is at most {TIMEFRAME_LENGTH} characters, got {len(value.strip())}",
            hint='say it briefly, e.g. "by 2027"',
        )
    return value.strip() or None


def review(
    db: Database,
    commitment_id: int,
    *,
    accept: bool = False,
    reject: bool = False,
    sets: list[tuple[str, str]] | None = None,
    reviewer: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
    by: Principal | None,
) -> CommitmentView:
    """Record a person's decision. The original extraction stays in `extracted`; the current fields change.

    `by` must write for one of the commitment's acting parties. Changing the actors of a joint
    commitment, or rejecting it, needs every acting party (`accord.services.consents`): until
    then the request records this party's consent and the view lists the change as pending.
    With `expected_version` (an HTTP If-Match), a decision made on a stale copy is refused.
    """
    sets = sets or []
    if sum([accept, reject, bool(sets)]) != 1:
        raise InputError(
            "give exactly one of: accept, reject, or a corrected field",
            hint="e.g. correct the strength to intent",
        )
    with writing(db, by) as session:
        row = get_commitment(session, commitment_id)
        actors = acting_parties(session, row.id)
        if by is not None:
            by.require_write_any(actors)
        if expected_version is not None:
            claim_version(session, CommitmentRow, commitment_id, expected_version, "commitment")
            session.refresh(row)
        else:
            row.version += 1
        reviewer = reviewer or (by.name if by is not None else None)
        before = {"state": row.review_state, **_current_fields(session, row)}
        joint = by if needs_consent(by, actors) else None
        decided = True  # False when the request only recorded a consent to a joint change
        if accept:
            row.review_state = ReviewState.ACCEPTED.value
            session.add(ReviewRow(commitment_id=row.id, action="accept", reviewer=reviewer, note=note))
        elif reject:
            decided = joint is None or consent(session, row.id, "reject", None, joint, actors)
            if decided:
                row.review_state = ReviewState.REJECTED.value
                session.add(ReviewRow(commitment_id=row.id, action="reject", reviewer=reviewer, note=note))
        else:
            decided = _set_fields(
                session, row, sets, reviewer=reviewer, note=note, joint=joint, actors=actors
            )
        session.flush()
        view = _views(session, [row], pending=True)[0]
        if decided:
            after = {"state": view.review_state, **_current_fields(session, row)}
            audit.append(session, "review", f"commitment:{row.id}", before=before, after=after)
        return view


def _set_fields(
    session: Session,
    row: CommitmentRow,
    sets: list[tuple[str, str]],
    *,
    reviewer: str | None,
    note: str | None,
    joint: Principal | None,
    actors: list[str],
) -> bool:
    """Write the reviewed fields; with `joint` (a party's user on a joint commitment), a change of
    actors only records that party's consent until every acting party has asked for it. Returns
    whether any field changed."""
    current = _current_fields(session, row)
    changed = False
    for field, raw in sets:
        value = _parse_field(session, row, field, raw)
        if (
            field == "actors"
            and joint is not None
            and not consent(session, row.id, "actors", sorted(value), joint, actors)
        ):
            continue
        current[field] = value
        changed = True
        session.add(
            ReviewRow(
                commitment_id=row.id, action="set", field=field, value=value, reviewer=reviewer, note=note
            )
        )
    if not changed:
        return False
    if set(current["actors"]) != set(actors):
        spend(session, row.id, "actors")
    bodies = {
        name: body_id
        for body_id, name in session.execute(
            select(BodyRow.id, BodyRow.name)
            .join(CommitmentBodyRow, CommitmentBodyRow.body_id == BodyRow.id)
            .where(CommitmentBodyRow.commitment_id == row.id)
        )
    }
    write_fields(session, row, current, bodies)
    row.review_state = ReviewState.EDITED.value
    return True


def acting_parties(session: Session, commitment_id: int) -> list[str]:
    """The commitment's actors, in their stored order."""
    return list(
        session.scalars(
            select(CommitmentActorRow.party_code)
            .where(CommitmentActorRow.commitment_id == commitment_id)
            .order_by(CommitmentActorRow.party_code)
        )
    )


def _current_fields(session: Session, row: CommitmentRow) -> dict[str, Any]:
    view = _views(session, [row])[0]
    return {
        "actors": view.actors,
        "strength": view.strength,
        "areas": view.areas,
        "bodies": view.bodies,
        "timeframe": view.timeframe,
        "due": view.due.isoformat() if view.due else None,
    }


@dataclass(frozen=True, slots=True)
class ReextractResult:
    agreement: str
    added: int
    updated: int
    removed: int
    kept_reviewed: int


def reextract(db: Database, agreement: str, *, by: Principal | None) -> ReextractResult:
    """Run the extractor again on the stored text; reviewed commitments are never overwritten."""
    with writing(db, by) as session:
        if by is not None:
            by.require_agreements()
        row = find_agreement(session, agreement)
        # The text the commitments were read from: an amendment's proposed text holds none of them
        # yet, and extracting it here would list every commitment twice.
        document = session.scalars(
            select(DocumentRow)
            .where(DocumentRow.agreement_id == row.id)
            .where(select(CommitmentRow.id).where(CommitmentRow.document_id == DocumentRow.id).exists())
            .order_by(DocumentRow.version.desc())
        ).first() or latest_document(session, row)
        provisions = session.execute(
            select(ProvisionRow.id, ProvisionRow.kind, ProvisionRow.start, ProvisionRow.end)
            .where(ProvisionRow.document_id == document.id)
            .order_by(ProvisionRow.id)
        ).all()
        from accord.extract.extraction import extract_text
        from accord.services.suggestions import embed_commitments

        extraction = extract_text(document.text, parties=tuple(row.party_codes), date=row.date)
        sentence_ids = {(p.start, p.end): p.id for p in provisions if p.kind == "sentence"}
        existing = {
            (c.start, c.end): c
            for c in session.scalars(select(CommitmentRow).where(CommitmentRow.document_id == document.id))
        }
        bodies = body_ids(session, extraction.bodies)
        updated = kept = 0
        seen: set[tuple[int, int]] = set()
        new: list[Commitment] = []
        for commitment in extraction.commitments:
            key = (commitment.start, commitment.end)
            seen.add(key)
            old = existing.get(key)
            if old is None:
                new.append(commitment)
            elif old.review_state != ReviewState.EXTRACTED.value:
                kept += 1
            else:
                record = extraction_record(commitment)
                if record != old.extracted:
                    old.extracted = record
                    old.extractor = extraction.version
                    old.vocabulary_checksum = lexicon.checksum()
                    write_fields(session, old, record, bodies)
                    session.execute(table(AmountRow).delete().where(AmountRow.commitment_id == old.id))
                    for amount in commitment.amounts:
                        session.add(
                            AmountRow(
                                commitment_id=old.id,
                                value=amount.value,
                                currency=amount.currency,
                                party_code=amount.actor,
                                period=amount.period,
                                start=amount.start,
                                end=amount.end,
                            )
                        )
                    updated += 1
        new_ids = insert_commitments(
            session,
            agreement_id=row.id,
            document_id=document.id,
            provision_ids=[sentence_ids.get((p.start, p.end)) for p in extraction.provisions],
            commitments=new,
            extractor=extraction.version,
            checksum=lexicon.checksum(),
            bodies=bodies,
        )
        search.index(session, row.id, (("commitment", i, c.quote) for i, c in zip(new_ids, new, strict=True)))
        embed_commitments(session, [(i, c.quote) for i, c in zip(new_ids, new, strict=True)])
        added = len(new)
        gone: list[int] = []
        for key, old in existing.items():
            if key in seen:
                continue
            if old.review_state == ReviewState.EXTRACTED.value:
                gone.append(old.id)
                session.delete(old)
            else:
                kept += 1
        search.forget(session, "commitment", gone)
        removed = len(gone)
        row.legally_binding = extraction.terms.legally_binding
        row.terms = plain(extraction.terms)
        audit.append(
            session, "reextract", f"agreement:{row.id}",
            after={"added": added, "updated": updated, "removed": removed, "kept_reviewed": kept},
        )  # fmt: skip
        return ReextractResult(row.slug, added, updated, removed, kept)
