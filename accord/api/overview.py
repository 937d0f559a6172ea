"""GET /api/v1/overview: the dashboard overview's data as JSON (`accord.services.overview`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from accord.api.assessments import CycleOut
from accord.api.schemas import MAX_ID, Day
from accord.http.deps import Db, reader
from accord.services.overview import MAX_PAGE, PAGE, overview

router = APIRouter(prefix="/api/v1", tags=["overview"], dependencies=[Depends(reader)])


class SignatureOut(BaseModel):
    party: str
    on: dt.date


class AgreementStateOut(BaseModel):
    id: int
    slug: str
    title: str
    kind: str
    dated: dt.date | None = Field(description="the date the document bears")
    parties: list[str]
    commitments: int = Field(description="not rejected")
    status: Literal["issued", "draft", "signed_by_some", "in_effect", "notice_given", "discontinued"] = Field(
        description="as of `today`"
    )
    signatures: list[SignatureOut]
    signed_on: dt.date | None = Field(description="the latest signature (the final one once in effect)")
    in_effect_on: dt.date | None
    amended_on: dt.date | None = Field(description="the latest amendment in effect by `today`")
    version_in_force: int
    notice_given_on: dt.date | None = Field(description="a pending notice of termination")
    notice_by: str | None
    ends_on: dt.date | None = Field(description="the day the pending notice discontinues it")
    error: str | None = Field(
        default=None,
        description="set when the recorded history does not replay; the state is then as of the act before it",
    )


class ProgressCellOut(BaseModel):
    """Commitments of an agreement in one area at one level for one party; a commitment in two
    areas counts in each (`(none)`: tagged with no area)."""

    agreement: str
    area: str
    party: str
    level: str
    count: int


class ProgressTotalOut(BaseModel):
    """The same counted once per commitment, whatever its areas."""

    agreement: str
    party: str
    level: str
    count: int


class ComplianceGroupOut(BaseModel):
    group: str
    scores: int
    mean: float | None = Field(description="mean score, −1 to +1")
    percent: float | None = Field(description="(mean + 1) / 2 × 100")


class AgreementComplianceOut(BaseModel):
    agreement: str
    cycle: CycleOut = Field(description="the agreement's latest assessment cycle")
    by_party: list[ComplianceGroupOut]
    by_area: list[ComplianceGroupOut]


class FundingTotalOut(BaseModel):
    """One party's totals in one currency under one agreement; null where no flow of that type."""

    agreement: str
    party: str
    currency: str
    pledge: float | None
    commitment: float | None
    disbursement: float | None
    expenditure: float | None


class DeadlineOut(BaseModel):
    kind: Literal["commitment", "action"] = Field(
        description="a commitment's due date, or an open action item's of a Joint Committee meeting"
    )
    commitment: int | None = Field(description="the commitment due, or the one the action item serves")
    action: int | None = Field(description="the action item's id (kind action)")
    meeting: int | None = Field(description="the meeting that set the action item (kind action)")
    agreement: str
    due: dt.date
    actors: list[str] = Field(description="the commitment's actors, or the action item's owner")
    timeframe: str | None
    quote: str = Field(description="the commitment's text, or the action item's")
    overdue: bool


class MeetingOut(BaseModel):
    id: int
    agreement: str
    held_on: dt.date
    place: str | None


class OverviewOut(BaseModel):
    today: dt.date
    agreement: str | None = Field(description="the slug the overview is restricted to, or null")
    agreements: list[AgreementStateOut]
    progress: list[ProgressCellOut]
    progress_totals: list[ProgressTotalOut]
    compliance: list[AgreementComplianceOut] = Field(description="agreements with an assessment cycle")
    funding: list[FundingTotalOut]
    deadlines: list[DeadlineOut] = Field(description="the next 10 due from today, within 90 days")
    overdue: list[DeadlineOut] = Field(description="the 10 most recently missed")
    overdue_count: int
    meetings: list[MeetingOut] = Field(description="the next 10 from today")
    links_waiting: int = Field(description="suggested links between documents that wait for review")
    agreements_total: int = Field(description="agreements of the overview, on every page")
    limit: int = Field(description="agreements per page")
    next: int | None = Field(description="`cursor` of the next page of agreements; null on the last")


@router.get("/overview", response_model=OverviewOut)
def agreements_overview(
    db: Db,
    agreement: Annotated[
        str | None, Query(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="id or slug")
    ] = None,
    today: Annotated[Day | None, Query()] = None,
    cursor: Annotated[int, Query(ge=0, le=MAX_ID, description="the `next` of the page before")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="agreements per page")] = PAGE,
) -> dict[str, Any]:
    """Every agreement's state and key dates, commitments by area × party × progress level,
    compliance in each agreement's latest cycle, funding per party and currency, and what comes
    next (or all of it for one agreement). Agreements, and what is listed per agreement, come a
    page at a time (by date, then id); deadlines, meetings and counts cover every agreement."""
    return overview(db, agreement=agreement, today=today, cursor=cursor, limit=limit).as_json()
