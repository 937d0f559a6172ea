"""`create_app(settings)`: the ASGI application behind `accord serve` — the composition root that
joins the two faces, the REST API (`accord.api`) and the pages (`accord.web`), over the HTTP
plumbing they share (`accord.http`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from accord import __version__
from accord.api import (
    admin,
    amendments,
    assessments,
    bodies,
    dossiers,
    funding,
    links,
    meetings,
    provisions,
    routes,
)
from accord.api.idempotency import IdempotencyKeys
from accord.api.overview import router as overview_router
from accord.api.schemas import ERRORS
from accord.http import errors
from accord.http.deps import identified, reader
from accord.http.gate import ReadGate
from accord.http.headers import SecurityHeaders
from accord.http.limits import BodyLimit
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.schema import ensure_ready
from accord.web import docs, downloads, pages
from accord.web.chart_warmer import ChartWarmer
from accord.web.export_cache import ExportCache
from accord.web.render import no_such_page
from accord.web.report_cache import ReportCache


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warmer = ChartWarmer(app.state.db) if settings.warm_charts else None
        if warmer:
            warmer.start()
        app.state.chart_warmer = warmer
        yield
        if warmer:
            warmer.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="accord",
        version=__version__,
        description="International cooperation agreements: commitments and their life.",
        # Swagger UI is served from the package's own files under the CSP (accord.web.docs); ReDoc
        # would load from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db or Database.from_settings(settings)
    # Once for the process: an empty database is created, an older schema refused at start-up.
    ensure_ready(app.state.db.engine)
    app.state.settings = settings
    app.state.export_cache = ExportCache()
    app.state.report_cache = ReportCache()
    errors.install(app, not_found_page=no_such_page)
    for module in (
        routes,
        provisions,
        amendments,
        bodies,
        funding,
        assessments,
        meetings,
        dossiers,
        links,
        admin,
    ):
        # Every error is documented with the one error shape, 422 included.
        app.include_router(module.router, responses=ERRORS)
    app.include_router(overview_router, responses=ERRORS)
    # The agreement list's old JSON address, kept for its users as it was: every agreement, unpaged.
    app.add_api_route(
        "/agreements.json",
        routes.every_agreement,
        methods=["GET"],
        dependencies=[Depends(reader)],
        include_in_schema=False,
    )
    # Before the pages, so that no page route (e.g. /agreements/{a}/{tab}) shadows a download.
    app.include_router(downloads.router)
    pages.install(app)
    docs.install(app)
    # The last added runs first: headers on every answer, then the body limit (before anything
    # reads or authenticates), then the read gate of a private deployment, then idempotency keys
    # (which read a write's body to fingerprint it, so only once it is within the limit).
    app.add_middleware(IdempotencyKeys)
    app.add_middleware(ReadGate, public_read=settings.public_read, identify=identified)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app


def from_environment() -> FastAPI:
    """The app for worker processes, each building its own settings and engine from ACCORD_*."""
    return create_app(Settings())
