"""One JSON shape for every error: {"error": {"code", "message", "hint"}}."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from accord.errors import AccordError
from accord.web.errors import http_status


def error_body(code: str, message: str, hint: str = "") -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message, "hint": hint}}


def install(app: FastAPI) -> None:
    @app.exception_handler(AccordError)
    async def accord_error(_request: Request, error: AccordError) -> JSONResponse:
        return JSONResponse(error_body(error.code, error.message, error.hint), status_code=http_status(error))

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
    async def http_error(_request: Request, error: HTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110).
        return JSONResponse(
            error_body(code, str(error.detail)), status_code=error.status_code, headers=error.headers
        )
