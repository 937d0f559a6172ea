"""`create_app(settings)`: the ASGI application behind `accord serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from accord import __version__
from accord.errors import AccordError, NotFound
from accord.services.queries import list_agreements
from accord.settings import Settings
from accord.storage.database import Database

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    database = db or Database.from_settings(settings)
    app = FastAPI(title="accord", version=__version__)
    app.state.db = database

    @app.exception_handler(AccordError)
    async def accord_error(_request: Request, error: AccordError) -> JSONResponse:
        status = 404 if isinstance(error, NotFound) else 400
        return JSONResponse(
            {"error": {"code": error.code, "message": error.message, "hint": error.hint}}, status_code=status
        )

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, db: Db) -> HTMLResponse:
        agreements = list_agreements(db)
        return _TEMPLATES.TemplateResponse(
            request, "index.html", {"agreements": agreements, "version": __version__}
        )

    @app.get("/agreements.json")
    def agreements_json(db: Db) -> list[dict[str, object]]:
        return [summary.as_json() for summary in list_agreements(db)]

    return app
