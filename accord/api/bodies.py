"""Bodies (agencies, institutes, task forces ...) and their links to commitments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from accord.api.schemas import Id, Input, Name, PartyCode
from accord.domain.shapes import plain
from accord.http.deps import Db, Writer, reader
from accord.services.bodies import KINDS, BodyView, add_body, link_body, list_bodies
from accord.services.commitments import get_view

router = APIRouter(prefix="/api/v1", tags=["bodies"], dependencies=[Depends(reader)])


class BodyIn(Input):
    name: Name
    kind: Annotated[str, Field(max_length=32, pattern=r"^[a-z_]+$", description=", ".join(KINDS))] = "other"
    party: PartyCode | None = None
    acronym: Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[^\x00-\x1f\x7f]+$")] | None = None
    parent: Name | None = Field(default=None, description="id, name or acronym of the parent body")


class LinkIn(Input):
    body: Name = Field(description="id, name or acronym of the body")


class LinksOut(BaseModel):
    commitment: int
    bodies: list[str]


@router.get("/bodies", response_model=list[BodyView])
def bodies(db: Db, party: Annotated[PartyCode | None, Query()] = None) -> list[dict[str, Any]]:
    """The registry of bodies, optionally one party's."""
    return [plain(view) for view in list_bodies(db, party)]


@router.post("/bodies", status_code=201, response_model=BodyView)
def register_body(db: Db, user: Writer, body: BodyIn) -> dict[str, Any]:
    """Register a body: an editor or secretariat of its party; a joint body (no party), a secretariat."""
    view = add_body(
        db, body.name, kind=body.kind, party=body.party, acronym=body.acronym, parent=body.parent, by=user
    )
    return plain(view)


def _links(db: Db, commitment: int) -> dict[str, Any]:
    return {"commitment": commitment, "bodies": get_view(db, commitment).bodies}


@router.post("/commitments/{commitment}/bodies", status_code=201, response_model=LinksOut)
def link(db: Db, user: Writer, commitment: Id, body: LinkIn) -> dict[str, Any]:
    """Link a commitment to a body by hand: a user of one of the commitment's parties."""
    link_body(db, commitment, body.body, by=user)
    return _links(db, commitment)


@router.delete("/commitments/{commitment}/bodies/{body}", response_model=LinksOut)
def unlink(db: Db, user: Writer, commitment: Id, body: Id) -> dict[str, Any]:
    """Remove a link between a commitment and a body (by the body's id)."""
    link_body(db, commitment, str(body), unlink=True, by=user)
    return _links(db, commitment)
