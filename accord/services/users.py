"""Users, roles and API tokens. A token is shown once; only its argon2 hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select

from accord.domain.access import Principal, Role
from accord.domain.parties import party as known_party
from accord.errors import AccordError, InputError, NotFound
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import TokenRow, UserRow

_HASHER = PasswordHasher()
_PREFIX = 8
# An argon2 check costs tens to hundreds of milliseconds by design; a token checked once is
# trusted for a minute without it, so a client's requests do not each pay for it. Each of those
# requests still reads the token's row by id (a primary-key lookup), so a revoked token or a
# changed role takes effect at once, in every worker. The key holds the token's SHA-256 only,
# never the token, and names the database it was checked against.
_TRUSTED_FOR = 60.0
_TRUSTED_MAX = 1024
_trusted: dict[tuple[str, str], tuple[float, int]] = {}  # → (until, token row id)
_trusted_lock = threading.Lock()


class Unauthorized(AccordError):
    code = "unauthorized"


@dataclass(frozen=True, slots=True)
class UserView:
    name: str
    role: str
    party: str | None


def add_user(db: Database, name: str, *, role: str, party: str | None = None) -> UserView:
    parsed = Role.parse(role)
    code = known_party(party).code if party else None
    if parsed in (Role.EDITOR, Role.SECRETARIAT) and code is None:
        raise InputError(
            f"an {parsed.value} acts for one party", hint="name the party, e.g. KR", field="party"
        )
    if parsed in (Role.VIEWER, Role.ANALYST, Role.ADMIN) and code is not None:
        raise InputError(
            f"a {parsed.value} is not bound to a party", hint="leave the party empty", field="party"
        )
    if not name.strip():
        raise InputError("a user needs a name", hint="e.g. kr-editor")
    with db.transaction() as session:
        if session.scalar(select(UserRow).where(UserRow.name == name.strip())) is not None:
            raise InputError(f"user {name!r} already exists", hint="pick another name")
        session.add(UserRow(name=name.strip(), role=parsed.value, party_code=code))
        audit.append(session, "user_add", f"user:{name.strip()}", after={"role": parsed.value, "party": code})
    return UserView(name.strip(), parsed.value, code)


def new_token(db: Database, name: str) -> str:
    """A new token for a user; the caller must show it now: it cannot be recovered."""
    token = "acc_" + secrets.token_urlsafe(32)
    with db.transaction() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}", hint="add the user first", subject="user")
        session.add(TokenRow(user_id=user.id, prefix=token[: _PREFIX + 4], token_hash=_HASHER.hash(token)))
        audit.append(session, "token_new", f"user:{name}")  # the token itself is never logged
    return token


def authenticate(db: Database, token: str | None) -> Principal:
    """The user a bearer token belongs to, or Unauthorized."""
    if not token:
        raise Unauthorized(
            "no API token given", hint="send Authorization: Bearer <token> (`accord token new NAME`)"
        )
    key = (db.engine.url.render_as_string(hide_password=True), hashlib.sha256(token.encode()).hexdigest())
    now = time.monotonic()
    with _trusted_lock:
        known = _trusted.get(key)
    if known is not None and known[0] > now:
        principal = _still_valid(db, known[1])
        if principal is not None:
            return principal
        with _trusted_lock:
            _trusted.pop(key, None)
        raise _not_valid()
    token_id, principal = _verify(db, token)
    with _trusted_lock:
        if len(_trusted) >= _TRUSTED_MAX:
            _trusted.clear()
        _trusted[key] = (now + _TRUSTED_FOR, token_id)
    return principal


def _still_valid(db: Database, token_id: int) -> Principal | None:
    with db.reading() as session:
        user = session.scalar(
            select(UserRow)
            .join(TokenRow, TokenRow.user_id == UserRow.id)
            .where(TokenRow.id == token_id, TokenRow.revoked_at.is_(None))
        )
        return None if user is None else Principal(user.name, Role(user.role), user.party_code)


def _not_valid() -> Unauthorized:
    return Unauthorized("the API token is not valid", hint="make a new one with `accord token new NAME`")


def revoke_tokens(db: Database, name: str) -> int:
    """Revoke every live token of a user; requests that send one get 401 from now on."""
    with db.transaction() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}", hint="add the user first", subject="user")
        rows = list(
            session.scalars(
                select(TokenRow).where(TokenRow.user_id == user.id, TokenRow.revoked_at.is_(None))
            )
        )
        stamp = dt.datetime.now(dt.UTC)
        for row in rows:
            row.revoked_at = stamp
        audit.append(session, "token_revoke", f"user:{name}", after={"revoked": len(rows)})
    return len(rows)


def _verify(db: Database, token: str) -> tuple[int, Principal]:
    with db.reading() as session:
        rows = session.execute(
            select(TokenRow, UserRow)
            .join(UserRow, UserRow.id == TokenRow.user_id)
            .where(TokenRow.prefix == token[: _PREFIX + 4], TokenRow.revoked_at.is_(None))
        ).all()
        for row, user in rows:
            try:
                _HASHER.verify(row.token_hash, token)
            except (VerifyMismatchError, InvalidHashError):
                continue
            return row.id, Principal(user.name, Role(user.role), user.party_code)
    raise _not_valid()
