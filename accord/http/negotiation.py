"""Whether a request is a browser's page request (HTML) or an API client's (JSON)."""

from __future__ import annotations

from starlette.requests import HTTPConnection


def wants_html(request: HTTPConnection) -> bool:
    """A browser's page request: not under /api/, and HTML preferred to JSON (a client that names
    JSON first, or accepts anything, keeps the one JSON shape)."""
    if request.url.path.startswith("/api/"):
        return False
    accept = request.headers.get("accept", "")
    html, json = accept.find("text/html"), accept.find("application/json")
    return html >= 0 and (json < 0 or html < json)
