"""Money flows entered over the API: pledge, commitment, disbursement, expenditure, by one party."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from accord.api.schemas import AgreementRef, CurrencyCode, Day, Id, Input, Note, PartyCode
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, reader
from accord.limits import MAX_ID
from accord.services.funding import add_flow, get_flow

router = APIRouter(prefix="/api/v1", tags=["funding"], dependencies=[Depends(reader)])


class FlowIn(Input):
    type: Literal["pledge", "commitment", "disbursement", "expenditure"]
    party: PartyCode
    amount: Annotated[Decimal, Field(gt=0, max_digits=22, decimal_places=2, description="in units")]
    currency: CurrencyCode
    commitment: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    period: (
        Annotated[
            str,
            Field(
                max_length=32,
                pattern=r"^P([0-9]{1,4}[YMWD]){1,4}$",
                description="ISO 8601, e.g. P5Y",
            ),
        ]
        | None
    ) = None
    on: Day | None = None
    note: Note | None = None


class FlowOut(BaseModel):
    id: int | None
    type: str
    party: str
    value: float
    currency: str
    period: str | None
    commitment: int | None
    source: Literal["extracted", "entered"]
    made_on: dt.date | None
    note: str | None


@router.post("/agreements/{agreement}/funding", status_code=201, response_model=FlowOut)
def record_flow(db: Db, user: Writer, agreement: AgreementRef, body: FlowIn) -> dict[str, Any]:
    """Record a money flow of one party: an editor or secretariat of that party (or an admin)."""
    flow = add_flow(
        db, agreement, type=body.type, party=body.party, value=str(body.amount), currency=body.currency,
        commitment=body.commitment, period=body.period, on=body.on, note=body.note, by=user,
    )  # fmt: skip
    return plain(get_flow(db, flow))


@router.get("/funding/{flow}", response_model=FlowOut)
def funding_flow(db: Db, flow: Id) -> dict[str, Any]:
    """One flow entered by hand."""
    return plain(get_flow(db, flow))
