"""The read gate of a private deployment (ACCORD_PUBLIC_READ=false): the one place that decides
whether an anonymous request may see anything.

Every request — page, API, export, feed, the OpenAPI description — passes through it; only the
sign-in page and the static files are open. A browser asking for a page is sent to sign in and
comes back; any other client gets 401 in the one error shape. Routes keep their own checks of
who may write; this only closes reading.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from accord.http.negotiation import wants_html

OPEN_PATHS = ("/signin", "/favicon.ico")
OPEN_PREFIXES = ("/static/",)

# Who is calling: True when the request carries a valid session or API token. It may read the
# database; the gate awaits it once and routes reuse what it found (cached on request.state).
Identify = Callable[[Request], Awaitable[bool]]


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


class ReadGate:
    def __init__(self, app: ASGIApp, *, public_read: bool, identify: Identify) -> None:
        self.app = app
        self.public_read = public_read
        self.identify = identify

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.public_read or scope["type"] != "http" or is_open(scope["path"]):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if await self.identify(request):
            await self.app(scope, receive, send)
            return
        await _turn_away(request, send)


async def _turn_away(request: HTTPConnection, send: Send) -> None:
    if wants_html(request) and request.scope["method"] in ("GET", "HEAD"):
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        status, body = 303, b""
        headers = [(b"location", f"/signin?next={quote(here, safe='')}".encode())]
    else:
        status = 401
        body = json.dumps(
            {
                "error": {
                    "code": "unauthorized",
                    "message": "reading needs a signed-in session or an API token on this deployment",
                    "hint": "sign in at /signin, or send Authorization: Bearer <token>",
                }
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
