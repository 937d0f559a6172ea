"""Assessment cycles, guidelines, scores and reviews.

Roles: analysts (and admins) open cycles, write guidelines and score, for no party, as the
G7 Research Group scores from outside; each party's secretariat then reviews the cycle, which
is final once every party has. Compliance is read at GET /agreements/{a}/compliance.
"""

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
    Note,
    PartyCode,
    expected_version,
    tagged,
)
from accord.domain.shapes import plain
from accord.errors import InputError
from accord.http.deps import Db, Writer, reader
from accord.services.assessment_views import CycleScores, cycle_scores, get_guideline, list_cycles
from accord.services.assessments import (
    CycleView,
    GuidelineView,
    ScoreView,
    open_cycle,
    review_cycle,
    score,
    write_guideline,
)

router = APIRouter(prefix="/api/v1", tags=["assessments"], dependencies=[Depends(reader)])


class CycleIn(Input):
    kind: Literal["interim", "final"] = "interim"
    period_start: Day
    period_end: Day


class ScoreIn(Input):
    commitment: Annotated[int, Field(ge=1, le=MAX_ID)]
    party: PartyCode
    score: Literal[-1, 0, 1]
    justification: Note


class ReviewIn(Input):
    party: PartyCode
    on: Day


class GuidelineIn(Input):
    text: Note


@router.get("/agreements/{agreement}/cycles")
def cycles(db: Db, agreement: AgreementRef) -> list[CycleView]:
    return list_cycles(db, agreement)


@router.post("/agreements/{agreement}/cycles", status_code=201)
def open_assessment(db: Db, user: Writer, agreement: AgreementRef, body: CycleIn) -> CycleView:
    """Open a cycle for a period: analysts and admins."""
    if body.period_end < body.period_start:
        raise InputError(
            f"the period ends ({body.period_end}) before it starts ({body.period_start})",
            hint="period_start must come first",
        )
    return open_cycle(db, agreement, kind=body.kind, start=body.period_start, end=body.period_end, by=user)


@router.get("/cycles/{cycle}")
def cycle_detail(db: Db, cycle: Id) -> CycleScores:
    return cycle_scores(db, cycle)


@router.post("/cycles/{cycle}/scores", status_code=201, response_model=ScoreView)
def score_party(db: Db, user: Writer, cycle: Id, body: ScoreIn) -> dict[str, Any]:
    """Score a party −1, 0 or +1 on a commitment against its guideline: analysts and admins."""
    view = score(
        db,
        cycle,
        body.commitment,
        party=body.party,
        value=body.score,
        justification=body.justification,
        by=user,
    )
    return plain(view)


@router.post("/cycles/{cycle}/reviews", status_code=201)
def review(db: Db, user: Writer, cycle: Id, body: ReviewIn) -> CycleView:
    """A party's review of the cycle: that party's secretariat only."""
    return review_cycle(db, cycle, party=body.party.upper(), on=body.on, by=user)


@router.get("/commitments/{commitment}/guideline", response_model=GuidelineView)
def guideline(db: Db, commitment: Id, response: Response) -> dict[str, Any]:
    """The guideline, with an ETag that a rewrite sends back as If-Match."""
    view = get_guideline(db, commitment)
    return tagged(response, view)


@router.put("/commitments/{commitment}/guideline", response_model=GuidelineView)
def write(
    db: Db, user: Writer, commitment: Id, body: GuidelineIn, response: Response, if_match: IfMatch = None
) -> dict[str, Any]:
    """What +1, 0 and −1 mean for the commitment, written before any score: analysts and admins.
    A first guideline needs no If-Match; rewriting one needs the ETag you read (else 409)."""
    version = (
        0 if if_match is None else expected_version(if_match, f"the guideline of commitment {commitment}")
    )
    view = write_guideline(db, commitment, body.text, expected_version=version, by=user)
    return tagged(response, view)
