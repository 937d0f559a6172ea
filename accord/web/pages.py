"""The overview and the agreement list; `install` mounts every page router and the static files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from accord.domain.progress import Level
from accord.services.deadlines import Deadline, due
from accord.services.lifecycle import Timeline, timeline
from accord.services.listing import MAX_LIMIT, page_commitments
from accord.services.meetings import MeetingView, list_meetings
from accord.services.queries import AgreementSummary, list_agreements
from accord.web.deps import Db
from accord.web.render import PageRoute, render
from accord.web.visitors import PageVisitor

router = APIRouter(include_in_schema=False, route_class=PageRoute)

DEADLINE_WINDOW = dt.timedelta(days=365)
STATIC = Path(__file__).with_name("static")


@dataclass(frozen=True, slots=True)
class AgreementLine:
    summary: AgreementSummary
    life: Timeline
    signed_on: dt.date | None  # the last signature


@dataclass(frozen=True, slots=True)
class ProgressTable:
    """Commitments of one agreement by actor party and current level (a commitment of two parties
    counts once for each); each count links to the API query that lists them."""

    agreement: str
    parties: list[str]
    levels: list[str]
    counts: dict[tuple[str, str], int]


def _count(db: Db, **filters: Any) -> int:
    total, cursor = 0, None
    while True:
        page = page_commitments(db, cursor=cursor, limit=MAX_LIMIT, **filters)
        total += len(page.items)
        if page.next is None:
            return total
        cursor = page.next


def _progress_table(db: Db, summary: AgreementSummary) -> ProgressTable:
    levels = [level.value for level in Level]
    counts = {
        (code, level): _count(db, agreement=summary.slug, actor=code, progress=level)
        for code in summary.parties
        for level in levels
    }
    return ProgressTable(summary.slug, summary.parties, levels, counts)


def _line(db: Db, summary: AgreementSummary) -> AgreementLine:
    life = timeline(db, summary.slug)
    signatures = [entry.made_on for entry in life.entries if entry.act == "sign"]
    return AgreementLine(summary, life, max(signatures) if signatures else None)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, db: Db, visitor: PageVisitor) -> HTMLResponse:
    today = dt.date.today()
    summaries = list_agreements(db)
    meetings: list[MeetingView] = sorted(
        (m for s in summaries for m in list_meetings(db, s.slug) if m.held_on >= today),
        key=lambda m: (m.held_on, m.id),
    )
    deadlines: list[Deadline] = due(db, within=DEADLINE_WINDOW, today=today)
    return render(
        request,
        "overview.html",
        {
            "agreements": [_line(db, s) for s in summaries],
            "deadlines": deadlines[:12],
            "meetings": meetings[:8],
            "progress": [_progress_table(db, s) for s in summaries],
            "today": today,
        },
        alternate="/api/v1/agreements",
    )


@router.get("/agreements", response_class=HTMLResponse)
def agreements(request: Request, db: Db, visitor: PageVisitor) -> HTMLResponse:
    return render(
        request, "agreements.html", {"agreements": list_agreements(db)}, alternate="/api/v1/agreements"
    )


@router.get("/agreements.json", include_in_schema=False)
def agreements_json(db: Db) -> list[dict[str, object]]:
    return [summary.as_json() for summary in list_agreements(db)]


def install(app: FastAPI) -> None:
    """Every page router, and the vendored stylesheet and script at /static."""
    from accord.web import lifecycle_page, meeting_forms, meetings_page, review_page, search_page, signin

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module_router in (
        router,
        signin.router,
        meetings_page.router,
        meeting_forms.router,
        search_page.router,
        lifecycle_page.router,
        review_page.router,
    ):
        app.include_router(module_router)
