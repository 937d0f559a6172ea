"""Joint Committee meetings: agendas drawn from the record, minutes approved by every party,
decisions, and action items whose completion can record progress with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Annotated, Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.dates import GRACE, check_not_before, check_not_future
from accord.domain.parties import party as known_party
from accord.errors import Conflict, InputError
from accord.i18n import N_
from accord.services.acting import writing
from accord.services.actions import ActionView, action_views, add_action, complete_action, get_meeting
from accord.services.agenda import AgendaItem, agenda
from accord.services.once_per_party import record_once
from accord.services.queries import by_agreement, find_agreement, party_codes, require_party, slugs_by_id
from accord.services.versions import claim_version
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import (
    ActionItemRow,
    AgreementRow,
    DecisionRow,
    MeetingRow,
    MinutesApprovalRow,
)

# Kept here too: action items and the agenda belong to meetings.
__all__ = ["AgendaItem", "add_action", "agenda", "complete_action"]


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: int
    agreement: str
    held_on: dt.date
    place: str | None
    minutes_status: Annotated[
        Literal["none", "draft", "approved"],
        Field(serialization_alias="minutes", description="the minutes' state"),
    ]
    approved_by: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    version: int = 1


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingRecord(MeetingView):
    """A meeting with its minutes' text, decisions and action items."""

    minutes: Annotated[str | None, Field(serialization_alias="minutes_text")]
    decisions: list[Decision]
    actions: list[ActionView]

    @property
    def meeting(self) -> MeetingView:
        return self


@dataclass(frozen=True, slots=True)
class Minutes:
    """A meeting's minutes and their approvals, on the meeting's version (what If-Match names)."""

    meeting: int
    text: str | None
    status: Literal["none", "draft", "approved"]
    approved_by: list[str]
    version: int


def _view(session: Session, row: MeetingRow) -> MeetingView:
    return meeting_views(session, [row])[0]


def meeting_views(session: Session, rows: Sequence[MeetingRow]) -> list[MeetingView]:
    """The views of these meetings in three queries, however many there are: their agreements'
    slugs, those agreements' parties, and the meetings' approvals."""
    if not rows:
        return []
    agreement_ids = {row.agreement_id for row in rows}
    slugs = slugs_by_id(session, agreement_ids)
    parties = party_codes(session, agreement_ids)
    approved: dict[int, list[str]] = {}
    query = (
        select(MinutesApprovalRow.meeting_id, MinutesApprovalRow.party_code)
        .where(MinutesApprovalRow.meeting_id.in_([row.id for row in rows]))
        .order_by(MinutesApprovalRow.meeting_id, MinutesApprovalRow.party_code)
    )
    for meeting_id, code in session.execute(query):
        approved.setdefault(meeting_id, []).append(code)
    views = []
    for row in rows:
        signed = approved.get(row.id, [])
        codes = parties.get(row.agreement_id, [])
        status: Literal["none", "draft", "approved"] = "none"
        if row.minutes is not None:
            status = "approved" if set(codes) <= set(signed) else "draft"
        views.append(
            MeetingView(
                row.id, slugs[row.agreement_id], row.held_on, row.place, status, signed, codes, row.version
            )
        )
    return views


def list_meetings(db: Database, agreement: str) -> list[MeetingView]:
    with db.reading() as session:
        return _meetings(session, [find_agreement(session, agreement).id])


def meetings_by_agreement(db: Database, agreements: Sequence[int]) -> dict[str, list[MeetingView]]:
    """The meetings of these agreement ids, by agreement slug (one without meetings is left out)."""
    with db.reading() as session:
        return by_agreement(_meetings(session, agreements), lambda view: view.agreement)


def _meetings(session: Session, agreements: Sequence[int]) -> list[MeetingView]:
    rows = session.scalars(
        select(MeetingRow)
        .where(MeetingRow.agreement_id.in_(agreements))
        .order_by(MeetingRow.held_on, MeetingRow.id)
    ).all()
    return meeting_views(session, rows)


def meeting_record(db: Database, meeting_id: int) -> MeetingRecord:
    with db.reading() as session:
        row = get_meeting(session, meeting_id)
        decisions = session.execute(
            select(DecisionRow.id, DecisionRow.text)
            .where(DecisionRow.meeting_id == row.id)
            .order_by(DecisionRow.id)
        ).all()
        actions = session.scalars(
            select(ActionItemRow).where(ActionItemRow.meeting_id == row.id).order_by(ActionItemRow.id)
        ).all()
        view = _view(session, row)
        return MeetingRecord(
            **{f.name: getattr(view, f.name) for f in fields(MeetingView)},
            minutes=row.minutes,
            decisions=[Decision(d.id, d.text) for d in decisions],
            actions=action_views(session, list(actions)),
        )


def get_minutes(db: Database, meeting_id: int) -> Minutes:
    record = meeting_record(db, meeting_id)
    return Minutes(record.id, record.minutes, record.minutes_status, record.approved_by, record.version)


def _require_secretariat(session: Session, by: Principal | None, agreement_id: int) -> None:
    """Meetings, minutes, decisions and action items: a secretariat of one of the agreement's parties."""
    if by is not None:
        agreement = session.get(AgreementRow, agreement_id)
        by.require_secretariat(agreement.party_codes if agreement else [])


def _claim(
    session: Session,
    meeting_id: int,
    expected_version: int | None,
    by: Principal | None,
    *,
    party: str | None = None,
) -> MeetingRow:
    """The meeting, once `by` may act on it (for `party`, that party's secretariat), moved to its
    next version (refused as stale if it is no longer at `expected_version`)."""
    meeting = get_meeting(session, meeting_id)
    if by is not None and party is not None:
        by.require_act(party)
    elif party is None:
        _require_secretariat(session, by, meeting.agreement_id)
    if expected_version is not None:
        claim_version(session, MeetingRow, meeting_id, expected_version, "meeting")
        session.refresh(meeting)
    else:
        meeting.version += 1
    return meeting


def new_meeting(
    db: Database, agreement: str, *, on: dt.date, place: str | None, by: Principal | None
) -> MeetingView:
    with writing(db, by) as session:
        found = find_agreement(session, agreement)
        _require_secretariat(session, by, found.id)
        row = MeetingRow(agreement_id=found.id, held_on=on, place=place)
        session.add(row)
        session.flush()
        audit.append(session, "meeting_new", f"meeting:{row.id}", after={"on": on, "place": place})
        return _view(session, row)


def write_minutes(
    db: Database, meeting_id: int, text: str, *, expected_version: int | None = None, by: Principal | None
) -> MeetingView:
    """Draft (or redraft) the minutes; redrafting clears earlier approvals."""
    if not text.strip():
        raise InputError(N_("the minutes are empty"), hint=N_("give the text of the minutes"))
    with writing(db, by) as session:
        meeting = _claim(session, meeting_id, expected_version, by)
        audit.append(session, "minutes", f"meeting:{meeting.id}", before=meeting.minutes, after=text)
        meeting.minutes = text
        for approval in session.scalars(
            select(MinutesApprovalRow).where(MinutesApprovalRow.meeting_id == meeting.id)
        ):
            session.delete(approval)
        session.flush()
        return _view(session, meeting)


def approve_minutes(
    db: Database,
    meeting_id: int,
    *,
    party: str,
    on: dt.date,
    expected_version: int | None = None,
    by: Principal | None,
) -> MeetingView:
    """One party's approval of the minutes as they stand (at `expected_version`, over the API), by
    that party's secretariat."""
    if by is not None:
        by.require_act(party.strip().upper())  # first: a stranger learns nothing from the checks below
    code = known_party(party).code
    with writing(db, by) as session:
        meeting = _claim(session, meeting_id, expected_version, by, party=code)
        agreement = session.get(AgreementRow, meeting.agreement_id)
        assert agreement is not None
        if meeting.minutes is None:
            raise InputError(
                f"meeting {meeting.id} has no minutes to approve", hint="draft them with `accord minutes`"
            )
        require_party(agreement, code)
        today = dt.date.today()
        if meeting.held_on > today + GRACE:
            raise InputError(
                f"meeting {meeting.id} is on {meeting.held_on.isoformat()}, still to come: its minutes "
                "cannot be approved yet",
                hint="approve them once the meeting has been held",
            )
        check_not_before(on, start=meeting.held_on, what="the approval", start_what="the meeting")
        check_not_future(on, today=today, what="the approval")
        refusal = Conflict(f"{code} has already approved these minutes", hint="each party approves once")
        row = MinutesApprovalRow(meeting_id=meeting.id, party_code=code, approved_on=on)
        record_once(session, row, (meeting.id, code), refusal, "minutes_approve", f"meeting:{meeting.id}", on)
        return _view(session, meeting)


def add_decision(db: Database, meeting_id: int, text: str, *, by: Principal | None) -> int:
    if not text.strip():
        raise InputError(N_("a decision needs text"), hint=N_("say what was decided"))
    with writing(db, by) as session:
        meeting = get_meeting(session, meeting_id)
        _require_secretariat(session, by, meeting.agreement_id)
        row = DecisionRow(meeting_id=meeting.id, text=text.strip())
        session.add(row)
        session.flush()
        audit.append(session, "decision", f"meeting:{row.meeting_id}", after=row.text)
        return row.id
