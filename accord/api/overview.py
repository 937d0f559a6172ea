"""GET /api/v1/overview: the dashboard overview's data as JSON (`accord.services.overview`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from accord.api.schemas import MAX_ID, Day
from accord.http.deps import Db, reader
from accord.services.overview import MAX_PAGE, PAGE, Overview, overview

router = APIRouter(prefix="/api/v1", tags=["overview"], dependencies=[Depends(reader)])


@router.get("/overview", response_model=Overview)
def agreements_overview(
    db: Db,
    agreement: Annotated[
        str | None, Query(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="id or slug")
    ] = None,
    today: Annotated[Day | None, Query()] = None,
    cursor: Annotated[int, Query(ge=0, le=MAX_ID, description="the `next` of the page before")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="agreements per page")] = PAGE,
) -> Overview:
    """Every agreement's state and key dates, commitments by area × party × progress level,
    compliance in each agreement's latest cycle, funding per party and currency, and what comes
    next (or all of it for one agreement). Agreements, and what is listed per agreement, come a
    page at a time (by date, then id); deadlines, meetings and counts cover every agreement."""
    return overview(db, agreement=agreement, today=today, cursor=cursor, limit=limit)
