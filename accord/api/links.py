"""Links across documents: the list, a commitment's lineage, and deciding a suggestion."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field

from accord.api.schemas import (
    AgreementCursor,
    AgreementLimit,
    AgreementRef,
    Id,
    Input,
    PartyCode,
    SearchLimit,
    SearchText,
)
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, reader
from accord.services.agreement_pages import DEFAULT_LIMIT
from accord.services.link_review import decide
from accord.services.links import lineage, list_links
from accord.services.partnerships import PartnershipList, list_partnership_page, partnerships
from accord.services.semantic_search import semantic_search

router = APIRouter(prefix="/api/v1", tags=["links"], dependencies=[Depends(reader)])


class DecisionIn(Input):
    decision: Literal["accept", "reject"]
    level: Annotated[str, Field(max_length=32)] | None = Field(
        default=None, description="progress level to record when accepting a fulfills/progress link"
    )
    party: PartyCode | None = Field(default=None, description="whose progress (default: your own party)")
    relation: Literal["fulfills", "progress", "continues", "reaffirms"] | None = None


@router.get("/links")
def links_endpoint(
    db: Db,
    agreement: Annotated[AgreementRef | None, Query()] = None,
    status: Annotated[Literal["suggested", "accepted", "rejected"] | None, Query()] = None,
) -> list[dict[str, Any]]:
    """Every link from or to the agreement, sorted by the later span, then score (highest first)."""
    return [view.as_record() for view in list_links(db, agreement, status=status)]


@router.get("/commitments/{commitment}/lineage")
def lineage_endpoint(db: Db, commitment: Id) -> dict[str, Any]:
    """The commitment's thread: the earlier commitments it carries on, the later spans that carry it."""
    return plain(lineage(db, commitment))


@router.post("/links/{link}/decision")
def decide_endpoint(db: Db, user: Writer, link: Id, body: DecisionIn) -> dict[str, Any]:
    """Accept or reject a suggestion (an acting party's editor, a secretariat, or an admin)."""
    result = decide(
        db, user, link, accept=body.decision == "accept", level=body.level, party=body.party,
        relation=body.relation,
    )  # fmt: skip
    return {**result.link.as_record(), "progress_id": result.progress_id}


@router.get("/partnerships")
def partnerships_endpoint(db: Db) -> list[dict[str, Any]]:
    """Every pair of parties with the documents between them, in date order."""
    return [plain(p) for p in partnerships(db)]


@router.get("/partnerships/{key}")
def partnership_endpoint(
    db: Db,
    key: Annotated[str, Path(max_length=20, pattern=r"^[A-Za-z]{2}-[A-Za-z]{2}$")],
    cursor: AgreementCursor = None,
    limit: AgreementLimit = DEFAULT_LIMIT,
) -> PartnershipList:
    """The documents between two parties (e.g. KR-US) in date order, a page at a time as
    GET /agreements gives them: follow `next` until it is null."""
    return list_partnership_page(db, key, cursor=cursor, limit=limit)


@router.get("/search/semantic")
def semantic_search_endpoint(
    db: Db,
    q: SearchText,
    limit: SearchLimit = 20,
) -> list[dict[str, Any]]:
    """Commitments ranked by meaning and words together, one hit per commitment."""
    return [plain(hit) for hit in semantic_search(db, q, limit=limit)]
