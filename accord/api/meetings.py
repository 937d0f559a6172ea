"""Joint Committee meetings: planning, agenda, minutes (ETag and If-Match), approvals, decisions
and action items. Everything but an approval is for a secretariat of one of the agreement's
parties; a party's approval only for that party's secretariat."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Response
from pydantic import Field

from accord.api.schemas import (
    MAX_ID,
    AgreementRef,
    Day,
    Id,
    IfMatch,
    Input,
    Line,
    LongText,
    Note,
    PartyCode,
    Url,
    expected_version,
    tagged,
)
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, reader
from accord.services.actions import ActionView, add_action, complete_action, get_action
from accord.services.meetings import (
    AgendaItem,
    Decision,
    MeetingRecord,
    MeetingView,
    Minutes,
    add_decision,
    agenda,
    approve_minutes,
    get_minutes,
    list_meetings,
    meeting_record,
    new_meeting,
    write_minutes,
)

router = APIRouter(prefix="/api/v1", tags=["meetings"], dependencies=[Depends(reader)])


class MeetingIn(Input):
    on: Day
    place: Annotated[str, Field(max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")] | None = None


class MinutesIn(Input):
    text: LongText


class ApprovalIn(Input):
    party: PartyCode
    on: Day


class DecisionIn(Input):
    text: Note


class ActionIn(Input):
    text: Note
    owner: Line = Field(description="a party code, or a body's id, name or acronym")
    due: Day
    commitment: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None


class CompletionIn(Input):
    on: Day
    level: Literal["no_evidence", "not_started", "limited", "substantial", "complete", "withdrawn"] | None = (
        None
    )
    evidence_url: Url | None = None
    note: Note | None = None


def _minutes(db: Db, meeting: int, response: Response) -> dict[str, Any]:
    return tagged(response, get_minutes(db, meeting))


@router.get("/agreements/{agreement}/meetings")
def meetings(db: Db, agreement: AgreementRef) -> list[MeetingView]:
    return list_meetings(db, agreement)


@router.post("/agreements/{agreement}/meetings", status_code=201)
def plan(db: Db, user: Writer, agreement: AgreementRef, body: MeetingIn) -> MeetingView:
    """Plan a Joint Committee meeting."""
    return new_meeting(db, agreement, on=body.on, place=body.place, by=user)


@router.get("/meetings/{meeting}")
def meeting_detail(db: Db, meeting: Id) -> MeetingRecord:
    """The meeting with its minutes, decisions and action items."""
    return meeting_record(db, meeting)


@router.get("/meetings/{meeting}/agenda", response_model=list[AgendaItem])
def meeting_agenda(db: Db, meeting: Id) -> list[dict[str, Any]]:
    """Open action items first, then commitments due within 90 days, overdue, stalled, or changed."""
    return [plain(item) for item in agenda(db, meeting)]


@router.get("/meetings/{meeting}/minutes", response_model=Minutes)
def minutes(db: Db, meeting: Id, response: Response) -> dict[str, Any]:
    """The minutes and their approvals; the ETag is what a redraft or an approval sends as If-Match."""
    return _minutes(db, meeting, response)


@router.put("/meetings/{meeting}/minutes", response_model=Minutes)
def draft_minutes(
    db: Db, user: Writer, meeting: Id, body: MinutesIn, response: Response, if_match: IfMatch = None
) -> dict[str, Any]:
    """Draft or amend the minutes (clearing earlier approvals), on the version you read."""
    version = expected_version(if_match, f"the minutes of meeting {meeting}")
    write_minutes(db, meeting, body.text, expected_version=version, by=user)
    return _minutes(db, meeting, response)


@router.post("/meetings/{meeting}/approvals", status_code=201, response_model=Minutes)
def approve(
    db: Db, user: Writer, meeting: Id, body: ApprovalIn, response: Response, if_match: IfMatch = None
) -> dict[str, Any]:
    """A party approves the minutes it read (If-Match): that party's secretariat only."""
    version = expected_version(if_match, f"the minutes of meeting {meeting}")
    party = body.party.upper()
    approve_minutes(db, meeting, party=party, on=body.on, expected_version=version, by=user)
    return _minutes(db, meeting, response)


@router.post("/meetings/{meeting}/decisions", status_code=201)
def decide(db: Db, user: Writer, meeting: Id, body: DecisionIn) -> Decision:
    return Decision(add_decision(db, meeting, body.text, by=user), body.text.strip())


@router.post("/meetings/{meeting}/actions", status_code=201, response_model=ActionView)
def add(db: Db, user: Writer, meeting: Id, body: ActionIn, response: Response) -> dict[str, Any]:
    """An action item with one owner (a party or a body) and a due date."""
    item = add_action(
        db, meeting, text=body.text, owner=body.owner, due=body.due, commitment=body.commitment, by=user
    )
    view = get_action(db, item)
    return tagged(response, view)


@router.get("/actions/{action}", response_model=ActionView)
def action(db: Db, action: Id, response: Response) -> dict[str, Any]:
    view = get_action(db, action)
    return tagged(response, view)


@router.post("/actions/{action}/completion", response_model=ActionView)
def complete(
    db: Db, user: Writer, action: Id, body: CompletionIn, response: Response, if_match: IfMatch = None
) -> dict[str, Any]:
    """Complete an action item, with a level also recording its owner's progress on the commitment.

    By a user of the party answerable for it (a joint body's item: a secretariat of the agreement).
    """
    version = expected_version(if_match, f"action item {action}")
    view = complete_action(
        db, action, on=body.on, level=body.level, evidence_url=body.evidence_url, note=body.note,
        recorded_by=user.name, expected_version=version, by=user,
    )  # fmt: skip
    return tagged(response, view)
