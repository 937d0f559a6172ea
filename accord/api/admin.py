"""Administration over the API: users (list, change, remove) and the audit trail. The services
decide who may (admins); these routes only make sure someone is calling, since `by=None` would
be the trusted local command line."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import Field

from accord.api.schemas import Id, Input, PartyCode
from accord.domain.access import Principal
from accord.domain.shapes import plain
from accord.http.deps import Caller, Db, Writer, reader
from accord.limits import MAX_ID
from accord.services.audit_trail import MAX_LIMIT, audit_entries, audit_entry
from accord.services.user_admin import change_user, list_users, remove_user
from accord.services.users import Unauthorized

router = APIRouter(prefix="/api/v1", tags=["administration"], dependencies=[Depends(reader)])

UserName = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f/]+$")]
Filter = Annotated[str | None, Query(min_length=1, max_length=200)]


async def _someone(principal: Caller) -> Principal:
    if principal is None:
        raise Unauthorized("administration needs an admin's token", hint="send Authorization: Bearer <token>")
    return principal


Someone = Annotated[Principal, Depends(_someone)]


class UserChange(Input):
    role: Annotated[str, Field(max_length=32, description="viewer, editor, secretariat, analyst or admin")]
    party: PartyCode | None = None


@router.get("/users")
def users(db: Db, user: Someone) -> list[dict[str, Any]]:
    """Every user with role and party (admins only)."""
    return [plain(u) for u in list_users(db, by=user)]


@router.patch("/users/{name}")
def change(db: Db, user: Writer, name: UserName, body: UserChange) -> dict[str, Any]:
    """A new role and party for a user (admins only); an admin cannot demote themself."""
    return plain(change_user(db, name, role=body.role, party=body.party, by=user))


@router.delete("/users/{name}", status_code=204)
def remove(db: Db, user: Writer, name: UserName) -> Response:
    """Remove a user (admins only): their tokens and sessions end at once."""
    remove_user(db, name, by=user)
    return Response(status_code=204)


@router.get("/audit")
def audit(
    db: Db,
    user: Someone,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    action: Filter = None,
    actor: Filter = None,
    target: Filter = None,
) -> list[dict[str, Any]]:
    """The audit trail, newest first (admins only); `before` pages on."""
    entries = audit_entries(
        db, by=user, limit=limit, before=before, action=action, actor=actor, target=target
    )
    return [plain(e) for e in entries]


@router.get("/audit/{record}")
def audit_record(db: Db, user: Someone, record: Id) -> dict[str, Any]:
    """One audit record in full (admins only)."""
    return plain(audit_entry(db, record, by=user))
