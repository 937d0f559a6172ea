"""Request dependencies shared by the pages and the API."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from accord.domain.access import Forbidden, Principal, Role
from accord.http.visitors import COOKIE, read_visitor
from accord.services.idempotency import claim, request_hash
from accord.services.users import Unauthorized, authenticate
from accord.settings import Settings
from accord.storage import idempotency
from accord.storage.database import Database


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def _db(request: Request) -> Database:
    # Async, so FastAPI calls it on the event loop: a sync dependency costs a thread-pool round trip.
    return get_db(request)


Db = Annotated[Database, Depends(_db)]


def get_principal(request: Request) -> Principal | None:
    """The user behind the request's bearer token, or None when no token was sent."""
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "the Authorization header must be 'Bearer <token>'", hint="`accord token new NAME`"
        )
    return authenticate(get_db(request), token.strip())


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_UNKNOWN = object()


def _calling(request: Request) -> Principal | None:
    """The bearer token's user; else, for a request that only reads, the signed-in session's user —
    one session serves the pages, the downloads and the API's GET endpoints. A session never
    authorises an API write: those need a token (a cookie would be sent by any site's forms)."""
    if request.headers.get("authorization"):
        return get_principal(request)
    if request.method in SAFE_METHODS and COOKIE in request.cookies:
        return read_visitor(request).principal
    return None


async def _caller(request: Request) -> Principal | None:
    """Who is calling, found once per request (cached for the read gate and every dependency). A
    request with neither token nor cookie costs no database query nor thread; checking a token
    hashes it (argon2) and reads the database, so that runs off the event loop."""
    known = getattr(request.state, "caller", _UNKNOWN)
    if known is not _UNKNOWN:
        return cast(Principal | None, known)
    found: Principal | None
    if not request.headers.get("authorization") and COOKIE not in request.cookies:
        found = None
    else:
        found = await run_in_threadpool(_calling, request)
    request.state.caller = found
    return found


async def identified(request: Request) -> bool:
    """For the read gate of a private deployment: does the request carry a valid token, or a
    signed-in session (for any method: a page's form posts with its session, and its route checks
    the CSRF token)? An invalid token is not an error here: the gate answers 401 either way."""
    try:
        if await _caller(request) is not None:
            return True
    except Unauthorized:
        return False
    if COOKIE not in request.cookies:
        return False
    visitor = await run_in_threadpool(read_visitor, request)
    return visitor.principal is not None


# One token check per request, however many dependencies ask who is calling (FastAPI caches it).
Caller = Annotated[Principal | None, Depends(_caller)]


async def reader(request: Request, principal: Caller) -> Principal | None:
    """Anyone on a public deployment; otherwise a token of any role."""
    settings: Settings = request.app.state.settings
    if principal is None and not settings.public_read:
        raise Unauthorized(
            "reading needs a signed-in session or an API token on this deployment",
            hint="sign in at /signin, or send Authorization: Bearer <token>",
        )
    return principal


async def writer(request: Request, principal: Caller) -> Principal:
    if principal is None:
        raise Unauthorized("changes need an API token", hint="send Authorization: Bearer <token>")
    if principal.role is Role.VIEWER:
        raise Forbidden(
            f"{principal.name} is a viewer and may not change anything", hint="ask for an editor token"
        )
    holder = idempotency.CURRENT.get()
    if holder is not None:  # an API write sent with an Idempotency-Key (accord.api.idempotency)
        fingerprint = request_hash(request.method, request.url.path, request.url.query, await request.body())
        key = request.headers.get("idempotency-key", "")
        await run_in_threadpool(
            lambda: claim(get_db(request), holder, principal=principal.name, key=key, fingerprint=fingerprint)
        )
    return principal


Reader = Annotated[Principal | None, Depends(reader)]
Writer = Annotated[Principal, Depends(writer)]
