"""A private deployment (ACCORD_PUBLIC_READ=false): every route the app has is closed to anyone not
signed in, and one session opens the pages, the downloads and the API's GET endpoints alike."""

from __future__ import annotations

import re
from urllib.parse import unquote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Mount, Route

from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import bearer
from tests.server import serving
from tests.webclient import add_signing_user, csrf_of, signed_in

MOU = "us-kr-tpd-mou-2025"
OPEN = {"/signin"}  # and every file under /static


def routes(app: FastAPI) -> list[tuple[str, BaseRoute]]:
    """(full path, route) of every route the router holds, included routers walked through: this
    FastAPI keeps an included router whole (its routes under `original_router`, with the prefix it
    was included with)."""
    found: list[tuple[str, BaseRoute]] = []

    def walk(listed: list[BaseRoute], prefix: str) -> None:
        for route in listed:
            included = getattr(route, "original_router", None)
            if included is not None:
                walk(included.routes, prefix + route.include_context.prefix)  # type: ignore[attr-defined]
            else:
                found.append((prefix + getattr(route, "path", ""), route))

    walk(app.routes, "")
    return found


def get_routes(app: FastAPI) -> list[str]:
    """Every GET path of the app (path parameters filled in), read from the router itself, so that a
    route added later is walked too."""
    paths = []
    for path, route in routes(app):
        if isinstance(route, APIRoute | Route) and "GET" in (route.methods or ()):
            paths.append(re.sub(r"\{[^}]+\}", lambda m: MOU if "reference" in m.group() else "1", path))
    return sorted(set(paths))


@pytest.fixture
def private(database_url: str) -> Settings:
    return Settings(database_url=database_url, warm_charts=False, public_read=False)


def test_every_get_route_is_closed_to_anonymous_readers(private: Settings, db: Database) -> None:
    app = create_app(private, db)
    paths = get_routes(app)
    assert {"/", "/agreements/{reference}", "/exports/{kind}.{fmt}", "/api/v1/commitments", "/docs"} <= {
        path for path, route in routes(app) if isinstance(route, APIRoute | Route)
    }
    assert len(paths) > 40
    mounts = [path for path, route in routes(app) if isinstance(route, Mount)]
    assert mounts and all(path.startswith("/static") for path in mounts)
    with serving(app) as base:
        with httpx.Client(base_url=base) as client:
            for path in paths:
                as_client = client.get(path)
                as_browser = client.get(path, headers={"Accept": "text/html,application/xhtml+xml"})
                if path in OPEN:
                    assert as_client.status_code == as_browser.status_code == 200, path
                    continue
                assert as_client.status_code == 401, path
                assert as_client.json()["error"]["code"] == "unauthorized", path
                # A browser is sent to sign in (and back afterwards); the API keeps answering 401.
                assert as_browser.status_code == (401 if path.startswith("/api/") else 303), path
                if as_browser.status_code == 303:
                    location = as_browser.headers["location"]
                    assert location.startswith("/signin?next="), path
                    assert unquote(location.removeprefix("/signin?next=")) == path
            assert client.get("/static/accord.css").status_code == 200
            assert client.get("/static/swagger-ui/swagger-ui.css").status_code == 200
            # An invalid token or a forged cookie opens nothing either.
            assert (
                client.get("/api/v1/agreements", headers={"Authorization": "Bearer acc_nope"}).status_code
                == 401
            )
        with httpx.Client(base_url=base, cookies={"accord_session": "x.y"}) as forged:
            assert forged.get("/exports/commitments.csv").status_code == 401


def test_one_session_opens_pages_downloads_and_the_api(private: Settings, db: Database) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    add_signing_user(db, "reader", "viewer")
    token = bearer(db, "robot", "viewer")
    with serving(create_app(private, db)) as base:
        with signed_in(base, "reader") as client:
            client.timeout = httpx.Timeout(60)  # the first export or chart may be slow on a busy machine
            for path in (
                "/",
                f"/agreements/{MOU}",
                "/commitments/1",
                "/search?q=cooperation",
                "/agreements.json",
                "/exports/commitments.csv",
                f"/agreements/{MOU}/calendar.ics",
                "/api/v1/agreements",
                "/api/v1/commitments/1/record",
                "/openapi.json",
                "/docs",
            ):
                assert client.get(path).status_code == 200, path
            # A session reads the API but never writes through it: an API write needs a token.
            refused = client.post(f"/api/v1/agreements/{MOU}/acts", json={"act": "sign", "party": "US"})
            assert refused.status_code == 401
            # The pages' forms work (signing out is one), and then the deployment is closed again.
            out = client.post("/signout", data={"csrf": csrf_of(client.get("/").text)})
            assert out.status_code == 303
            assert client.get("/", headers={"Accept": "text/html"}).status_code == 303
        with httpx.Client(base_url=base, headers=token) as robot:
            assert robot.get("/exports/progress.json").status_code == 200
            assert robot.get("/api/v1/agreements").status_code == 200
