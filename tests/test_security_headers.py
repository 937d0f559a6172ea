"""Security headers on every response, and the pages working under the strict Content-Security-Policy
in a real Chromium (no violation reported, scripts and charts working)."""

from __future__ import annotations

import re

import httpx
import pytest

from accord.http.headers import HEADERS
from accord.server.app import create_app
from accord.settings import Settings
from accord.storage.database import Database
from tests.browser import MOU, shoot, sign_in
from tests.server import serving
from tests.test_private_read import get_routes


def assert_secure(response: httpx.Response) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (response.request.url, name)


def test_every_response_carries_the_security_headers(settings: Settings, db: Database) -> None:
    app = create_app(settings, db)
    csp = HEADERS["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    with serving(app) as base, httpx.Client(base_url=base) as client:
        for path in get_routes(app):  # pages, API, files, feeds, docs: answers and errors alike
            assert_secure(client.get(path))
        assert_secure(client.get("/static/accord.css"))
        assert_secure(client.get("/no/such/page", headers={"Accept": "text/html"}))  # 404 page
        assert_secure(client.post("/api/v1/agreements/1/acts", json={}))  # 401
        assert_secure(client.post("/api/v1/agreements/1/acts", content=b"x" * (2 << 20)))  # 413
        assert_secure(client.post("/signout"))  # 403, CSRF


def test_the_docs_load_nothing_from_elsewhere(settings: Settings, db: Database) -> None:
    with serving(create_app(settings, db)) as base:
        page = httpx.get(base + "/docs").text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
        assert "<script>" not in page  # no inline script: the CSP would block it
        assert httpx.get(base + "/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
        assert httpx.get(base + "/redoc").status_code == 404  # ReDoc would come from a CDN


def watch_csp(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every Content-Security-Policy violation the page reports, from the console and the DOM event."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return seen


@pytest.mark.slow
def test_the_pages_work_under_the_csp(page, site: tuple[str, Database]) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    violations = watch_csp(page)
    sign_in(page, base, "kr-editor")
    for path in (
        "/",
        "/agreements",
        f"/agreements/{MOU}",
        "/commitments/1",
        "/meetings",
        "/search?q=research",
    ):
        page.goto(base + path)
        shoot(page, path.strip("/").replace("/", "-").replace("?", "-") or "overview")
    # The overview's charts keep their colours: drawn with presentation attributes, not style="".
    page.goto(base + "/")
    bars = page.locator("svg.accord-chart path[fill]")
    assert bars.count() > 0
    # The agreement page's script opens a commitment beside the text.
    page.goto(base + f"/agreements/{MOU}")
    page.locator("a[data-commitment-id]").first.click()
    page.locator("#panel button.close").wait_for()
    shoot(page, "panel")
    # Swagger UI runs from the package's files and reads /openapi.json.
    page.goto(base + "/docs")
    page.locator(".opblock").first.wait_for()
    shoot(page, "docs")
    assert violations == []
