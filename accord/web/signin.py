"""Signing in and out of the pages (a signed session cookie; the API keeps its bearer tokens)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.http.visitors import CheckedForm, PageVisitor, send_cookie, signing_in, signing_out
from accord.services.sessions import Throttled, sign_in
from accord.services.users import Unauthorized
from accord.web.i18n import N_
from accord.web.render import PageRoute, remember_language, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

FAILED = N_("The name or the password is not right.")
THROTTLED = N_("Too many failed sign-ins. Wait a few minutes before trying again.")


def safe_next(target: str | None) -> str:
    """Only a path on this site: an absolute URL or a //host would send the user elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, visitor: PageVisitor, next: str | None = None) -> HTMLResponse:
    return render_signin(request, next or "/", None, "")


def render_signin(
    request: Request, next: str, failed: str | None, name: str, status: int = 200
) -> HTMLResponse:
    public = request.app.state.settings.public_read
    context = {"next": safe_next(next), "failed": failed, "name": name, "public": public}
    return render(request, "signin.html", context, status=status)


@router.post("/signin", response_class=HTMLResponse)
def signin(
    request: Request,
    visitor: CheckedForm,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    db = request.app.state.db
    address = request.client.host if request.client else "unknown"
    try:
        who = sign_in(db, name, password, address=address)
    except Throttled:
        return render_signin(request, next, THROTTLED, name, status=429)
    except Unauthorized:
        # One message whether the name is unknown or the password wrong.
        return render_signin(request, next, FAILED, name, status=400)
    response = RedirectResponse(safe_next(next), status_code=303)
    send_cookie(request, response, signing_in(request, who))
    remember_language(request, response)
    return response


@router.post("/signout")
def signout(request: Request, visitor: CheckedForm) -> Response:
    response = RedirectResponse("/", status_code=303)
    send_cookie(request, response, signing_out(request))
    return response
