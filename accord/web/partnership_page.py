"""A partnership's page: the documents between two parties, in date order, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.services.partnerships import page_partnership
from accord.web.paging import DEFAULT_LIMIT, PageLimit, PageNumber
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)


@router.get("/partnerships/{key}", response_class=HTMLResponse)
def partnership_page(
    request: Request,
    db: Db,
    visitor: PageVisitor,
    key: str,
    page: PageNumber = 1,
    limit: PageLimit = DEFAULT_LIMIT,
) -> HTMLResponse:
    found = page_partnership(db, key, page=page, limit=limit)
    return render(
        request,
        "partnership.html",
        {"p": found, "paging": found.paging, "path": f"/partnerships/{found.key}", "section": "agreements"},
        alternate=f"/api/v1/partnerships/{found.key}",
    )
