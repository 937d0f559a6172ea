"""Page routes, rendered with Jinja2 (autoescaped); each page's data is also served as JSON."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from accord import __version__
from accord.services.queries import list_agreements
from accord.web.deps import Db

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, db: Db) -> HTMLResponse:
    agreements = list_agreements(db)
    return _TEMPLATES.TemplateResponse(
        request, "index.html", {"agreements": agreements, "version": __version__}
    )


@router.get("/agreements.json")
def agreements_json(db: Db) -> list[dict[str, object]]:
    return [summary.as_json() for summary in list_agreements(db)]
