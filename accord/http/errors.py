"""Errors over HTTP, for both faces: the status of each error of the record, and one JSON shape
for every error: {"error": {"code", "message", "hint"}}."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from accord.domain.access import Forbidden
from accord.domain.lifecycle import Refused
from accord.errors import AccordError, Conflict, LimitExceeded, NotFound
from accord.http.limits import ERROR_CODE
from accord.http.negotiation import wants_html
from accord.services.idempotency import Replay
from accord.services.sessions import Throttled
from accord.services.users import Unauthorized
from accord.services.versions import Stale


def http_status(error: AccordError) -> int:
    return (
        404 if isinstance(error, NotFound)
        else 409 if isinstance(error, Refused | Stale | Conflict)
        else 403 if isinstance(error, Forbidden)
        else 401 if isinstance(error, Unauthorized)
        else 429 if isinstance(error, Throttled)
        else 422 if isinstance(error, LimitExceeded)
        else 400
    )  # fmt: skip


def error_body(code: str, message: str, hint: str = "") -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message, "hint": hint}}


def install(app: FastAPI, *, not_found_page: Callable[[Request], Response]) -> None:
    """Maps every error to the one JSON shape; a browser's request for an address no route answers
    gets `not_found_page` instead (the pages' 404, given by the composition root)."""

    @app.exception_handler(AccordError)
    async def accord_error(_request: Request, error: AccordError) -> JSONResponse:
        return JSONResponse(error_body(error.code, error.message, error.hint), status_code=http_status(error))

    @app.exception_handler(Replay)
    async def replay(_request: Request, error: Replay) -> Response:
        # A retry of a committed write: its first answer, byte for byte.
        answer = error.answer
        return Response(
            answer.body, status_code=answer.status, media_type=answer.content_type,
            headers={"Idempotent-Replayed": "true"},
        )  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return JSONResponse(
            error_body(
                "invalid_request", f"{where}: {first.get('msg')}", "see /openapi.json for the expected shape"
            ),
            status_code=422,
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 404 and wants_html(request):
            return await run_in_threadpool(not_found_page, request)
        code = {404: "not_found", 405: "method_not_allowed", 413: ERROR_CODE}.get(
            error.status_code, "http_error"
        )
        # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110).
        return JSONResponse(
            error_body(code, str(error.detail)), status_code=error.status_code, headers=error.headers
        )
