"""Read endpoints under /api/v1: thin shells over accord.services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from accord.services.assessments import compliance_report
from accord.services.commitments import list_commitments
from accord.services.funding import flows, funding
from accord.services.lifecycle import timeline
from accord.services.queries import agreement_detail, list_agreements
from accord.web.deps import Db

router = APIRouter(prefix="/api/v1")
MAX_PAGE = 500


@router.get("/agreements")
def agreements(db: Db) -> list[dict[str, Any]]:
    return [summary.as_json() for summary in list_agreements(db)]


@router.get("/agreements/{agreement}")
def agreement(db: Db, agreement: str) -> dict[str, Any]:
    return agreement_detail(db, agreement).as_json()


@router.get("/commitments")
def commitments(
    db: Db,
    agreement: str | None = None,
    area: str | None = None,
    actor: Annotated[str | None, Query(max_length=2)] = None,
    strength: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> dict[str, Any]:
    views = list_commitments(db, agreement, area=area, actor=actor, strength=strength)
    page = views[offset : offset + limit]
    return {"total": len(views), "offset": offset, "limit": limit, "items": [v.as_json() for v in page]}


@router.get("/agreements/{agreement}/timeline")
def agreement_timeline(db: Db, agreement: str, today: dt.date | None = None) -> dict[str, Any]:
    return timeline(db, agreement, today).as_json()


@router.get("/agreements/{agreement}/funding")
def agreement_funding(db: Db, agreement: str, by: str = "party") -> dict[str, Any]:
    return {
        "flows": [f.as_json() for f in flows(db, agreement)],
        "totals": [t.as_json() for t in funding(db, agreement, by=by)],
    }


@router.get("/agreements/{agreement}/compliance")
def agreement_compliance(
    db: Db, agreement: str, by: str = "party", cycle: int | None = None
) -> dict[str, Any]:
    view, rows = compliance_report(db, agreement, by=by, cycle=cycle)
    return {
        "cycle": view.as_json(),
        "compliance": [
            {"group": r.group, "scores": r.scores, "mean": r.mean, "percent": r.percent} for r in rows
        ],
    }
