"""`create_app(settings)`: the ASGI application behind `accord serve` — REST API and pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from accord import __version__
from accord.api import (
    amendments,
    assessments,
    bodies,
    dossiers,
    errors,
    funding,
    links,
    meetings,
    provisions,
    routes,
)
from accord.api.overview import router as overview_router
from accord.api.schemas import ERRORS
from accord.settings import Settings
from accord.storage.database import Database
from accord.web import downloads, pages
from accord.web.chart_warmer import ChartWarmer


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
    )
    app.state.db = db or Database.from_settings(settings)
    app.state.settings = settings
    errors.install(app)
    for module in (routes, provisions, amendments, bodies, funding, assessments, meetings, dossiers, links):
        # Every error is documented with the one error shape, 422 included.
        app.include_router(module.router, responses=ERRORS)
    app.include_router(overview_router, responses=ERRORS)
    # Before the pages, so that no page route (e.g. /agreements/{a}/{tab}) shadows a download.
    app.include_router(downloads.router)
    pages.install(app)
    return app


def from_environment() -> FastAPI:
    """The app for worker processes, each building its own settings and engine from ACCORD_*."""
    return create_app(Settings())
