"""Action items of Joint Committee meetings: one owner, a due date, and a completion that can
record the owner's progress on the commitment the item serves, in the same transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.dates import check_not_before, check_not_future
from accord.domain.parties import is_party_code
from accord.domain.parties import party as known_party
from accord.errors import InputError
from accord.i18n import N_
from accord.services.acting import writing
from accord.services.bodies import find_body
from accord.services.commitments import get_commitment
from accord.services.deadline_views import ActionView, owner_of
from accord.services.progress import check_progress, insert_progress
from accord.services.queries import fetch, find_agreement, require_party
from accord.services.versions import claim_version
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import ActionItemRow, AgreementRow, BodyRow, MeetingRow


def get_meeting(session: Session, meeting_id: int) -> MeetingRow:
    return fetch(session, MeetingRow, meeting_id, "meeting", "plan the meeting first")


def _action(session: Session, action_id: int) -> ActionItemRow:
    hint = "the meeting's agenda lists its open action items"
    return fetch(session, ActionItemRow, action_id, "action item", hint, subject="action")


def action_views(session: Session, rows: list[ActionItemRow]) -> list[ActionView]:
    bodies = {
        body.id: body
        for body in session.scalars(
            select(BodyRow).where(BodyRow.id.in_({r.owner_body_id for r in rows if r.owner_body_id}))
        )
    }
    slugs = dict(
        session.execute(
            select(MeetingRow.id, AgreementRow.slug)
            .join(AgreementRow, AgreementRow.id == MeetingRow.agreement_id)
            .where(MeetingRow.id.in_({r.meeting_id for r in rows}))
        ).all()
    )
    views = []
    for row in rows:
        body = bodies.get(row.owner_body_id) if row.owner_body_id else None
        owner, answerable = owner_of(
            row.owner_party, body.name if body else None, body.party_code if body else None
        )
        views.append(
            ActionView(
                id=row.id,
                meeting=row.meeting_id,
                agreement=slugs[row.meeting_id],
                text=row.text,
                owner=owner,
                party=answerable,
                due=row.due,
                commitment=row.commitment_id,
                done_on=row.done_on,
                version=row.version,
            )
        )
    return views


def get_action(db: Database, action_id: int) -> ActionView:
    with db.reading() as session:
        return action_views(session, [_action(session, action_id)])[0]


def open_actions(
    db: Database, *, agreement: str | None = None, due_by: dt.date | None = None
) -> list[ActionView]:
    """Action items not yet done (of one agreement, or of all), due on or before `due_by`."""
    with db.reading() as session:
        query = select(ActionItemRow).where(ActionItemRow.done_on.is_(None))
        if due_by is not None:
            query = query.where(ActionItemRow.due <= due_by)
        if agreement is not None:
            found = find_agreement(session, agreement)
            query = query.join(MeetingRow, MeetingRow.id == ActionItemRow.meeting_id).where(
                MeetingRow.agreement_id == found.id
            )
        rows = list(session.scalars(query.order_by(ActionItemRow.due, ActionItemRow.id)))
        return action_views(session, rows)


def actions_of(db: Database, agreement: str) -> list[ActionView]:
    """Every action item of an agreement's meetings, done or not, by due date."""
    with db.reading() as session:
        found = find_agreement(session, agreement)
        rows = list(
            session.scalars(
                select(ActionItemRow)
                .join(MeetingRow, MeetingRow.id == ActionItemRow.meeting_id)
                .where(MeetingRow.agreement_id == found.id)
                .order_by(ActionItemRow.due, ActionItemRow.id)
            )
        )
        return action_views(session, rows)


def _require_completer(session: Session, by: Principal | None, action: ActionItemRow) -> None:
    """Who may complete an action item: a user of the party answerable for it; for a joint body's
    item, a secretariat of the agreement."""
    if by is None:
        return
    if action.owner_party is not None:
        by.require_write(action.owner_party)
    else:
        meeting = session.get(MeetingRow, action.meeting_id)
        agreement = session.get(AgreementRow, meeting.agreement_id) if meeting else None
        by.require_secretariat(agreement.party_codes if agreement else [])


def add_action(
    db: Database,
    meeting_id: int,
    *,
    text: str,
    owner: str,
    due: dt.date,
    commitment: int | None = None,
    by: Principal | None,
) -> int:
    """An action item has one owner: a party code or a registered body. `by`: a secretariat of
    one of the agreement's parties (or an admin)."""
    if not text.strip():
        raise InputError(N_("an action item needs text"), hint=N_("say what is to be done"))
    with writing(db, by) as session:
        meeting = get_meeting(session, meeting_id)
        if by is not None:
            by.require_secretariat(session.get(AgreementRow, meeting.agreement_id).party_codes)  # type: ignore[union-attr]
        party_code, body_id = None, None
        # Two letters are always meant as a country code; longer codes are organisations, else a body.
        agreement = session.get(AgreementRow, meeting.agreement_id)
        assert agreement is not None
        if is_party_code(owner) or (len(owner.strip()) == 2 and owner.strip().isalpha()):
            party_code = known_party(owner).code
            # The owner answers to the Joint Committee: a party of the agreement, never a stranger.
            require_party(agreement, party_code)
        else:
            body = find_body(session, owner)
            if body.party_code is not None and body.party_code not in agreement.party_codes:
                raise InputError(
                    f"{body.name} acts for {body.party_code}, which is not a party to {agreement.slug}",
                    hint=f"parties: {', '.join(agreement.party_codes)}",
                )
            body_id = body.id
        if (
            commitment is not None
            and get_commitment(session, commitment).agreement_id != meeting.agreement_id
        ):
            raise InputError(f"commitment {commitment} belongs to another agreement", hint="check the id")
        row = ActionItemRow(
            meeting_id=meeting.id, text=text.strip(), owner_party=party_code, owner_body_id=body_id, due=due,
            commitment_id=commitment,
        )  # fmt: skip
        session.add(row)
        session.flush()
        audit.append(
            session, "action", f"action:{row.id}", after={"text": row.text, "owner": owner, "due": due}
        )
        return row.id


def complete_action(
    db: Database,
    action_id: int,
    *,
    on: dt.date,
    level: str | None = None,
    evidence_url: str | None = None,
    note: str | None = None,
    recorded_by: str | None = None,
    expected_version: int | None = None,
    by: Principal | None,
) -> ActionView:
    """Close an action item; with a level, also record its owner's progress on the linked commitment.

    Both happen in one transaction: a refused completion (already done, stale, bad progress)
    records no progress either.
    """
    parsed = (
        check_progress(level, evidence_url=evidence_url, note=note, content=None)
        if level is not None
        else None
    )
    with writing(db, by) as session:
        action = _action(session, action_id)
        _require_completer(session, by, action)
        if expected_version is not None:
            claim_version(session, ActionItemRow, action_id, expected_version, "action item")
            session.refresh(action)
        else:
            action.version += 1
        if action.done_on is not None:
            raise InputError(
                f"action item {action_id} was completed on {action.done_on}", hint="nothing to do"
            )
        meeting = session.get(MeetingRow, action.meeting_id)
        assert meeting is not None
        # Agreed at the meeting, so done after it; and done only once it has been.
        check_not_before(
            on, start=meeting.held_on, what="the completion", start_what="the meeting that set it"
        )
        check_not_future(on, today=dt.date.today(), what="the completion")
        if parsed is not None:
            if action.commitment_id is None or action.owner_party is None:
                raise InputError(
                    "progress needs an action item linked to a commitment and owned by a party",
                    hint="complete it without a level",
                )
            insert_progress(
                session, action.commitment_id, party=action.owner_party, level=parsed, on=on, note=note,
                evidence_url=evidence_url, evidence_on=on if evidence_url else None, evidence_name=None,
                content=None, recorded_by=recorded_by or (by.name if by is not None else None),
            )  # fmt: skip
        action.done_on = on
        audit.append(session, "action_done", f"action:{action.id}", after={"on": on, "level": level})
        session.flush()
        return action_views(session, [action])[0]
