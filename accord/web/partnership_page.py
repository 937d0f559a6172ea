"""A partnership's page: the documents between two parties, in date order."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.services.partnerships import partnership
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)


@router.get("/partnerships/{key}", response_class=HTMLResponse)
def partnership_page(request: Request, db: Db, visitor: PageVisitor, key: str) -> HTMLResponse:
    found = partnership(db, key)
    return render(
        request,
        "partnership.html",
        {"p": found, "section": "agreements"},
        alternate=f"/api/v1/partnerships/{found.key}",
    )
