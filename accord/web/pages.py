"""The agreement list; `install` mounts every page router and the static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.services.agreement_pages import page_agreements
from accord.web.paging import DEFAULT_LIMIT, PageLimit, PageNumber
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

STATIC = Path(__file__).with_name("static")


@router.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request, db: Db, visitor: PageVisitor, page: PageNumber = 1, limit: PageLimit = DEFAULT_LIMIT
) -> HTMLResponse:
    found = page_agreements(db, page=page, limit=limit)
    return render(
        request,
        "agreements.html",
        {"agreements": found.agreements, "paging": found.paging, "path": "/agreements"},
        alternate="/api/v1/agreements",
    )


def install(app: FastAPI) -> None:
    """Every page router, and the vendored stylesheet and script at /static."""
    from accord.web import (
        admin_page,
        agreement_page,
        assessment_page,
        commitment_page,
        funding_page,
        ingest_page,
        lifecycle_page,
        links_page,
        meeting_forms,
        meetings_page,
        overview_page,
        partnership_page,
        review_page,
        search_page,
        signin,
    )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module_router in (
        overview_page.router,
        router,
        ingest_page.router,  # /agreements/new before /agreements/{reference}
        signin.router,
        agreement_page.router,
        commitment_page.router,
        meetings_page.router,
        meeting_forms.router,
        search_page.router,
        lifecycle_page.router,
        review_page.router,
        links_page.router,
        partnership_page.router,
        admin_page.router,
        assessment_page.router,
        funding_page.router,
    ):
        app.include_router(module_router)
