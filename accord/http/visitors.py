"""Who is looking at a page: the signed session cookie, the session it names, and its CSRF token.

The cookie holds a random nonce and, once signed in, the token of a session kept on the server
(only its hash is stored), signed with HMAC-SHA256 under the key of ACCORD_SECRET_KEY or its key
file. The session and its user are read again on every request, so signing out, an idle timeout,
a new password or a removed user ends it at once. The CSRF token is an HMAC of the nonce, so it
is bound to this session and a new one is issued at every sign-in and sign-out.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from accord.domain.access import Forbidden, Principal
from accord.http.keys import signing_key
from accord.services.sessions import SignedIn, end_session, session_user
from accord.settings import Settings

COOKIE = "accord_session"
MAX_AGE = 14 * 24 * 3600  # seconds a session lasts from its sign-in


@dataclass(frozen=True, slots=True)
class Visitor:
    principal: Principal | None
    nonce: str
    user_id: int | None = None
    token: str | None = None  # the server-side session's token, once signed in
    issued: int = 0
    fresh: bool = False  # the cookie must be sent with this response

    @property
    def signed_in(self) -> bool:
        return self.principal is not None


def _secret(request: Request) -> bytes:
    known: bytes | None = getattr(request.app.state, "session_secret", None)
    if known is None:
        settings: Settings = request.app.state.settings
        known = signing_key(settings)
        request.app.state.session_secret = known
    return known


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, payload.encode(), hashlib.sha256).digest())


def _decode(secret: bytes, cookie: str) -> dict[str, Any] | None:
    payload, _, signature = cookie.partition(".")
    if not payload or not secrets.compare_digest(_sign(secret, payload), signature):
        return None
    try:
        data = json.loads(_unb64(payload))
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("n"), str) else None


def _anonymous() -> Visitor:
    return Visitor(None, secrets.token_urlsafe(18), issued=int(time.time()), fresh=True)


def read_visitor(request: Request) -> Visitor:
    """The request's visitor, read once per request (a thread: it may read the database)."""
    cached: Visitor | None = getattr(request.state, "visitor", None)
    if cached is not None:
        return cached
    secret = _secret(request)
    data = _decode(secret, request.cookies.get(COOKIE, ""))
    found = _anonymous()
    if data is not None and int(data.get("t", 0)) + MAX_AGE > time.time():
        token = data.get("s")
        if token is None:
            found = Visitor(None, data["n"], issued=int(data["t"]))
        elif isinstance(token, str):
            settings: Settings = request.app.state.settings
            idle = dt.timedelta(minutes=settings.session_idle_minutes)
            user = session_user(request.app.state.db, token, idle=idle)
            if user is not None:
                found = Visitor(user[1], data["n"], user[0], token, int(data["t"]))
        # else: signed out, idle too long, a new password or a removed user — a fresh anonymous session
    request.state.visitor = found
    return found


def signing_in(request: Request, who: SignedIn) -> Visitor:
    """A new session for a user who just signed in (a new nonce: no fixation, a new CSRF token)."""
    fresh = Visitor(who.principal, secrets.token_urlsafe(18), who.user_id, who.token, int(time.time()), True)
    request.state.visitor = fresh
    return fresh


def signing_out(request: Request) -> Visitor:
    """Ends the session on the server (the old cookie is refused from now on) and starts an anonymous one."""
    ended: Visitor | None = getattr(request.state, "visitor", None)
    if ended is not None and ended.token is not None:
        end_session(request.app.state.db, ended.token)
    fresh = _anonymous()
    request.state.visitor = fresh
    return fresh


def csrf_token(request: Request, visitor: Visitor) -> str:
    return _sign(_secret(request), "csrf:" + visitor.nonce)


def send_cookie(request: Request, response: Response, visitor: Visitor) -> None:
    if not visitor.fresh:
        return
    data = {"n": visitor.nonce, "s": visitor.token, "t": visitor.issued}
    payload = _b64(json.dumps(data, separators=(",", ":")).encode())
    response.set_cookie(
        COOKIE,
        f"{payload}.{_sign(_secret(request), payload)}",
        max_age=MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


async def check_csrf(request: Request) -> Visitor:
    """Every POST form carries the session's CSRF token; one without it, or with another, is refused."""
    visitor = await run_in_threadpool(read_visitor, request)
    form = await request.form()
    sent = form.get("csrf")
    if (
        visitor.fresh
        or not isinstance(sent, str)
        or not secrets.compare_digest(sent, csrf_token(request, visitor))
    ):
        raise Forbidden(
            "this form was not sent from a page of this session, so nothing was changed",
            hint="reload the page and send the form again",
            code="csrf_failed",
        )
    return visitor


async def _visitor(request: Request) -> Visitor:
    return await run_in_threadpool(read_visitor, request)


PageVisitor = Annotated[Visitor, Depends(_visitor)]
CheckedForm = Annotated[Visitor, Depends(check_csrf)]
