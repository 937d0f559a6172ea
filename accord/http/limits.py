"""The request body limit, enforced before anything parses or authenticates a request.

An ASGI middleware, outermost but for Starlette's error handler: a declared Content-Length past
the limit is answered 413 before one byte of the body is read; a body without one (chunked) is
counted as it streams in, and refused the moment it passes the limit. Only document uploads may
be large; every other body is a small form or JSON object.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord.limits import MAX_FILE

MAX_DOCUMENT = MAX_FILE  # an uploaded document (API body or page form)
MAX_BODY = 1024 * 1024  # any other request: JSON objects and forms are a few kilobytes
ERROR_CODE = "body_too_large"


FORM_MARGIN = 64 * 1024  # a page's form sends its other fields beside the file


def body_limit(path: str) -> int:
    """How many bytes a request to `path` may send: documents and evidence files go to a few
    endpoints (a page's form may send its file and its fields; the form layer then refuses a
    file past 20 MB beside its field)."""
    if path == "/api/v1/documents" or path.endswith("/amendments"):
        return MAX_DOCUMENT
    if path == "/agreements/new" or (path.startswith("/commitments/") and path.endswith("/progress")):
        return MAX_DOCUMENT + FORM_MARGIN
    return MAX_BODY


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {_size(limit)}")
        self.limit = limit


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def too_large_body(limit: int) -> bytes:
    hint = "split the document, or ingest it with the CLI" if limit >= MAX_DOCUMENT else "send less"
    return json.dumps(
        {
            "error": {
                "code": ERROR_CODE,
                "message": f"the request body is larger than {_size(limit)}",
                "hint": hint,
            }
        }
    ).encode()


class BodyLimit:
    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int] = body_limit) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside whatever is reading the body (a route, a form parser): the app's
                    # error handler answers 413 in the one error shape.
                    raise BodyTooLarge(limit)
            return message

        async def closing(message: Message) -> None:
            # After a 413 the connection closes, so that the server does not go on reading (and
            # discarding) the rest of a body it has refused.
            if message["type"] == "http.response.start" and message["status"] == 413:
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"connection", b"close")]
            await send(message)

        await self.app(scope, counted, closing)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: int) -> None:
    body = too_large_body(limit)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
