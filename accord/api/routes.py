"""Read endpoints under /api/v1: thin shells over accord.services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import Field, StringConstraints
from starlette.concurrency import run_in_threadpool

from accord.api.quick_query import QuickQueryRoute
from accord.api.responses import FastJSON
from accord.api.schemas import (
    AgreementCursor,
    AgreementLimit,
    AgreementRef,
    Day,
    Id,
    IfMatch,
    Input,
    Note,
    PartyCode,
    SearchLimit,
    SearchText,
    Url,
    expected_version,
    tagged,
)
from accord.api.uploads import BODY, read_document
from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.lifecycle import Act
from accord.domain.parties import party_list
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, get_db, reader
from accord.limits import MAX_ID
from accord.services.agreement_list import AgreementList, list_agreements_page
from accord.services.agreement_pages import DEFAULT_LIMIT
from accord.services.assessments import compliance_report
from accord.services.commitments import get_view, review
from accord.services.funding import flows, funding
from accord.services.ingest import ingest_upload
from accord.services.lifecycle import record, timeline
from accord.services.listing import MAX_LIMIT, page_commitments_soon
from accord.services.progress import history, record_progress
from accord.services.queries import agreement_detail, list_agreements
from accord.services.search import search

router = APIRouter(prefix="/api/v1", dependencies=[Depends(reader)])


ReviewValue = Annotated[str, Field(max_length=200), StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")]


class ReviewIn(Input):
    accept: bool = False
    reject: bool = False
    set: dict[Literal["actors", "strength", "areas", "timeframe", "due"], ReviewValue] = Field(
        default_factory=dict, max_length=5
    )
    note: Note | None = None


class ActIn(Input):
    act: Literal["sign", "consent", "notice", "withdraw_notice"]
    party: PartyCode
    on: Day
    version: int | None = Field(default=None, ge=2, le=10_000)
    signatory: (
        Annotated[str, Field(max_length=300), StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$")] | None
    ) = None


class ProgressIn(Input):
    party: PartyCode
    level: str = Field(max_length=32)
    on: Day
    evidence_url: Url | None = None
    note: Note | None = None


MAX_PAGE = MAX_LIMIT


@router.get("/agreements", response_model=AgreementList)
def agreements(
    db: Db,
    cursor: AgreementCursor = None,
    limit: AgreementLimit = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """Agreements by date (undated last), then id, a page at a time: follow `next` until it is null."""
    return plain(list_agreements_page(db, cursor=cursor, limit=limit))


def every_agreement(db: Db) -> list[dict[str, Any]]:
    """Every agreement, unpaged, in a bare list: what the old address /agreements.json gave before
    the API's list was paged, kept so for its users (new ones page GET /api/v1/agreements)."""
    return [plain(summary) for summary in list_agreements(db)]


@router.get("/agreements/{agreement}")
def agreement(db: Db, agreement: AgreementRef) -> dict[str, Any]:
    return plain(agreement_detail(db, agreement))


async def commitments(
    db: Db,
    agreement: Annotated[str | None, Query(max_length=200, description="id or slug")] = None,
    area: Annotated[str | None, Query(max_length=32)] = None,
    actor: Annotated[PartyCode | None, Query()] = None,
    strength: Annotated[str | None, Query(max_length=16)] = None,
    progress: Annotated[str | None, Query(max_length=32, description="the actor's current level")] = None,
    due_before: dt.date | None = None,
    due_after: dt.date | None = None,
    review: Annotated[str | None, Query(max_length=16)] = None,
    cursor: Annotated[int | None, Query(ge=0, le=MAX_ID, description="the `next` of the page before")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> FastJSON:
    """Commitments matching every filter, by id, a page at a time: follow `next` until it is null."""
    page = await page_commitments_soon(
        db, agreement=agreement, actor=actor, area=area, strength=strength, progress=progress,
        due_before=due_before, due_after=due_after, review=review, cursor=cursor, limit=limit,
    )  # fmt: skip
    return FastJSON(plain(page))


# The API's hot list: its common requests skip FastAPI's per-request parameter solving.
router.add_api_route(
    "/commitments",
    commitments,
    methods=["GET"],
    response_model=None,
    response_class=FastJSON,
    route_class_override=QuickQueryRoute,
)


@router.get("/agreements/{agreement}/timeline")
def agreement_timeline(db: Db, agreement: AgreementRef, today: dt.date | None = None) -> dict[str, Any]:
    return plain(timeline(db, agreement, today))


@router.get("/agreements/{agreement}/funding")
def agreement_funding(
    db: Db, agreement: AgreementRef, by: Annotated[str, Query(max_length=32)] = "party"
) -> dict[str, Any]:
    return {
        "flows": [plain(f) for f in flows(db, agreement)],
        "totals": [plain(t) for t in funding(db, agreement, by=by)],
    }


@router.get("/agreements/{agreement}/compliance")
def agreement_compliance(
    db: Db,
    agreement: AgreementRef,
    by: Annotated[str, Query(max_length=32)] = "party",
    cycle: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> dict[str, Any]:
    view, rows = compliance_report(db, agreement, by=by, cycle=cycle)
    return {"cycle": plain(view), "compliance": [plain(r) for r in rows]}


@router.get("/commitments/{commitment}/progress")
def commitment_progress(db: Db, commitment: Id) -> list[dict[str, Any]]:
    return [plain(entry) for entry in history(db, commitment)]


@router.post("/commitments/{commitment}/progress", status_code=201)
def add_progress(db: Db, user: Writer, commitment: Id, body: ProgressIn) -> dict[str, Any]:
    """A party's progress, by an editor of that party (or an admin)."""
    entry = record_progress(
        db, commitment, party=body.party, level=body.level, on=body.on, note=body.note,
        evidence_url=body.evidence_url, recorded_by=user.name, by=user,
    )  # fmt: skip
    return plain(entry)


@router.get("/commitments/{commitment}")
def commitment_detail(db: Db, commitment: Id, response: Response) -> dict[str, Any]:
    view = get_view(db, commitment)
    return tagged(response, view)


@router.patch(
    "/commitments/{commitment}",
    responses={
        202: {
            "description": "only this party's consent was recorded; the change awaits the other acting parties"
        }
    },
)
def review_commitment(
    db: Db,
    user: Writer,
    commitment: Id,
    body: ReviewIn,
    response: Response,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """A reviewer's decision; send the ETag you read as If-Match, or a change made since gets 409.

    Changing the actors of a joint commitment, or rejecting it, needs every acting party: until
    the last one asks, the answer is 202 with the change listed in `pending_changes`."""
    expected = expected_version(if_match, f"commitment {commitment}")
    view = review(
        db, commitment, accept=body.accept, reject=body.reject, sets=list(body.set.items()),
        reviewer=user.name, note=body.note, expected_version=expected, by=user,
    )  # fmt: skip
    asked = {"reject"} if body.reject else {"actors"} if "actors" in body.set else set()
    waiting = [plain(change) for change in view.pending_changes]
    if any(user.party in change.consented for change in view.pending_changes if change.change in asked):
        # Only this party's consent was recorded: the change waits for the other acting parties.
        response.status_code = 202
        return {**tagged(response, view), "pending_changes": waiting}
    return tagged(response, view)


@router.post("/agreements/{agreement}/acts", status_code=201)
def lifecycle_act(db: Db, user: Writer, agreement: AgreementRef, body: ActIn) -> dict[str, Any]:
    """A signature, consent or notice: only by that party's secretariat (or an admin)."""
    party = body.party.upper()
    entry = record(
        db,
        agreement,
        Act(body.act),
        on=body.on,
        party=party,
        version=body.version,
        signatory=body.signatory,
        by=user,
    )
    return plain(entry)


@router.post("/documents", status_code=201, openapi_extra=BODY)
async def upload_document(
    request: Request,
    user: Writer,
    name: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[\w.\- ]+$")],
    title: Annotated[str | None, Query(max_length=1000, pattern=r"^[^\x00-\x1f\x7f]+$")] = None,
    date: Day | None = None,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    party: Annotated[list[PartyCode] | None, Query(max_length=50)] = None,
) -> dict[str, Any]:
    """Upload a document (the request body, with its Content-Type) and ingest it: secretariats and admins."""
    suffix, data = await read_document(request)
    db = get_db(request)
    meta = AgreementMeta(
        title=title,
        date=date,
        kind=AgreementKind.parse(kind) if kind else None,
        parties=party_list(party or ()),
    )
    result = await run_in_threadpool(lambda: ingest_upload(db, name, suffix, data, meta, by=user))
    return {
        "id": result.agreement_id,
        "slug": result.slug,
        "stored": result.stored,
        "commitments": result.commitments,
    }


@router.get("/search")
def search_endpoint(
    db: Db,
    q: SearchText,
    limit: SearchLimit = 20,
) -> list[dict[str, Any]]:
    """Provisions and commitments matching every word; matches are marked ⟦ ⟧ in the snippets."""
    return [plain(r) for r in search(db, q, limit=limit)]
