"""Administering users: list them, change a user's role and party, remove a user. Admins only
(`by=None` is the trusted local command line); each change is checked and audited in one
transaction that holds the write lock."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from accord.domain.access import Forbidden, Principal, Role
from accord.domain.parties import party as known_party
from accord.errors import InputError, NotFound
from accord.services.acting import writing
from accord.services.users import UserView
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import TokenRow, UserRow, WebSessionRow


@dataclass(frozen=True, slots=True)
class UserDetail(UserView):
    may_sign_in: bool  # has a password for the pages


def _view(row: UserRow) -> UserDetail:
    return UserDetail(row.name, row.role, row.party_code, row.password_hash is not None)


def role_and_party(role: str, party: str | None) -> tuple[Role, str | None]:
    """A role with the party it needs (editors and secretariats) or refuses (the others)."""
    parsed = Role.parse(role)
    code = known_party(party).code if party and party.strip() else None
    named = f"{'an' if parsed.value[0] in 'aeiou' else 'a'} {parsed.value}"
    if parsed in (Role.EDITOR, Role.SECRETARIAT) and code is None:
        raise InputError(f"{named} acts for one party", hint="name the party, e.g. KR", field="party")
    if parsed in (Role.VIEWER, Role.ANALYST, Role.ADMIN) and code is not None:
        raise InputError(f"{named} is not bound to a party", hint="leave the party empty", field="party")
    return parsed, code


def list_users(db: Database, *, by: Principal | None) -> list[UserDetail]:
    if by is not None:
        by.require_admin()
    with db.reading() as session:
        return [_view(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def _user(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
    if row is None:
        raise NotFound(f"no user {name!r}", hint="the list of users names every one")
    return row


def _still_admin(session: Session, by: Principal | None) -> None:
    """The acting admin, read again inside the write transaction: one removed or demoted by a
    write that committed first (another admin's, at the same moment) may no longer act."""
    if by is None:
        return
    by.require_admin()
    row = session.scalar(select(UserRow).where(UserRow.name == by.name))
    if row is None or row.role != Role.ADMIN.value:
        raise Forbidden(f"{by.name} is no longer an admin", hint="ask an admin")


def _admins_left(session: Session, without: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(UserRow)
            .where(UserRow.role == Role.ADMIN.value, UserRow.id != without)
        )
        or 0
    )


def change_user(db: Database, name: str, *, role: str, party: str | None, by: Principal | None) -> UserDetail:
    """A new role (and party) for a user; it applies to their next request, sessions and tokens
    included. An admin may not demote themself: the pages would lose the one who can undo it."""
    if by is not None:
        by.require_admin()
    parsed, code = role_and_party(role, party)
    with writing(db, by) as session:
        _still_admin(session, by)
        row = _user(session, name)
        if by is not None and row.name == by.name and parsed is not Role.ADMIN:
            raise InputError(
                "an admin may not take away their own admin role", hint="ask another admin to do it"
            )
        before = {"role": row.role, "party": row.party_code}
        row.role, row.party_code = parsed.value, code
        audit.append(
            session, "user_change", f"user:{row.name}", before=before, after={"role": row.role, "party": code}
        )
        return _view(row)


def remove_user(db: Database, name: str, *, by: Principal | None) -> None:
    """Remove a user: their tokens and sessions end at once. What they recorded stays, under their
    name, and the audit trail keeps every write they made."""
    if by is not None:
        by.require_admin()
    with writing(db, by) as session:
        _still_admin(session, by)
        row = _user(session, name)
        if by is not None and row.name == by.name:
            raise InputError("an admin may not remove themself", hint="ask another admin to do it")
        if row.role == Role.ADMIN.value and by is not None and _admins_left(session, row.id) == 0:
            raise InputError("the last admin cannot be removed", hint="make another user an admin first")
        session.execute(delete(TokenRow).where(TokenRow.user_id == row.id))
        session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        before = {"role": row.role, "party": row.party_code}
        session.delete(row)
        audit.append(session, "user_remove", f"user:{row.name}", before=before)
