"""The `Idempotency-Key` header on API writes (draft-ietf-httpapi-idempotency-key-header).

This middleware marks a write request that sent a key and, once the app has answered, keeps the
answer of a committed write for the retries (before the answer leaves, so a fast retry finds
it). Deciding whether the key was used before happens once the principal is known, in the
`writer` dependency (`accord.http.deps`); storing the key happens inside the write's transaction.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord.services.idempotency import Holder, keep
from accord.storage import idempotency

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class IdempotencyKeys:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WRITES
            or not scope["path"].startswith("/api/")
            or not any(name == b"idempotency-key" for name, _ in scope["headers"])
        ):
            await self.app(scope, receive, send)
            return
        holder = Holder()
        token = idempotency.CURRENT.set(holder)
        start: Message | None = None
        body: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                assert start is not None
                content = b"".join(body)
                if holder.claim is not None and holder.claim.recorded:
                    headers = dict(start.get("headers", []))
                    kind = headers.get(b"content-type", b"").decode("latin-1") or None
                    await run_in_threadpool(
                        keep, scope["app"].state.db, holder, start["status"], kind, content
                    )
                await send(start)
                await send({"type": "http.response.body", "body": content, "more_body": False})
                return
            await send(message)

        try:
            await self.app(scope, receive, buffered)
        finally:
            idempotency.CURRENT.reset(token)
