"""Amendments: a new text proposed as a version of the agreement, in effect once every party
has consented (consents are lifecycle acts: POST /agreements/{a}/acts with act=consent)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from accord.api.schemas import AgreementRef, Day
from accord.api.uploads import BODY, read_document
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, get_db, reader
from accord.services.lifecycle import AmendmentView, amendments, propose_amendment

router = APIRouter(prefix="/api/v1", tags=["lifecycle"], dependencies=[Depends(reader)])


@router.get("/agreements/{agreement}/amendments", response_model=list[AmendmentView])
def list_amendments(db: Db, agreement: AgreementRef) -> list[dict[str, Any]]:
    """Every proposed version, the parties that have consented, and the day it took effect."""
    return [plain(view) for view in amendments(db, agreement)]


@router.post(
    "/agreements/{agreement}/amendments", status_code=201, response_model=AmendmentView, openapi_extra=BODY
)
async def amend(
    request: Request,
    user: Writer,
    agreement: AgreementRef,
    on: Annotated[Day, Query(description="the day it is proposed")],
    name: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[\w.\- ]+$")] = "amendment",
) -> dict[str, Any]:
    """Propose the amended text (the body, with its Content-Type): a secretariat of one of the parties."""
    db = get_db(request)
    suffix, data = await read_document(request)
    view = await run_in_threadpool(
        lambda: propose_amendment(db, agreement, name=name, suffix=suffix, data=data, on=on, by=user)
    )
    return plain(view)
