"""Signing in to the pages: passwords (argon2), the user behind a session, and the session secret."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accord.domain.access import Principal, Role
from accord.errors import InputError, NotFound
from accord.services.users import Unauthorized
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.schema import ensure_ready
from accord.storage.tables import SecretRow, UserRow

_HASHER = PasswordHasher()
MIN_PASSWORD = 10
MAX_PASSWORD = 1000
_SESSION_SECRET = "session"
# Verified when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a session belongs to; `fingerprint` changes with the password, ending older sessions."""

    user_id: int
    principal: Principal
    fingerprint: str


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def set_password(db: Database, name: str, password: str) -> None:
    """Give a user a password for the pages (or a new one: sessions signed in with the old one end)."""
    ensure_ready(db.engine)
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"a password needs at least {MIN_PASSWORD} characters, got {len(password)}",
            hint="a few words make a long password that is easy to type",
        )
    if len(password) > MAX_PASSWORD:
        raise InputError(f"a password is at most {MAX_PASSWORD} characters", hint="choose a shorter one")
    hashed = _HASHER.hash(password)
    with db.transaction() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}", hint="add one with `accord user add NAME --role ...`")
        user.password_hash = hashed
        audit.append(session, "password_set", f"user:{name}")  # neither password nor hash is logged


def sign_in(db: Database, name: str, password: str) -> SignedIn:
    """The user with this name and password; one message for an unknown name and a wrong password."""
    ensure_ready(db.engine)
    with db.reading() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name.strip())) if name.strip() else None
        stored = user.password_hash if user is not None else None
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        stored = None
    if user is None or stored is None:
        raise Unauthorized(
            "the name or the password is not right", hint="check both; an admin can set a new password"
        )
    return SignedIn(user.id, Principal(user.name, Role(user.role), user.party_code), _fingerprint(stored))


def signed_in(db: Database, user_id: int, fingerprint: str) -> Principal | None:
    """The user of a session, read again on every request: a removed user, a changed role or a new
    password takes effect at once."""
    ensure_ready(db.engine)
    with db.reading() as session:
        user = session.get(UserRow, user_id)
        if user is None or user.password_hash is None:
            return None
        if not secrets.compare_digest(_fingerprint(user.password_hash), fingerprint):
            return None
        return Principal(user.name, Role(user.role), user.party_code)


def session_secret(db: Database) -> str:
    """The key that signs session cookies: made on first use and kept in the database, so that
    every worker process and every restart agrees on it."""
    ensure_ready(db.engine)
    with db.reading() as session:
        found = session.get(SecretRow, _SESSION_SECRET)
        if found is not None:
            return found.value
    try:
        with db.transaction() as session:
            session.add(SecretRow(name=_SESSION_SECRET, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another worker made it first: use theirs
    with db.reading() as session:
        made = session.get(SecretRow, _SESSION_SECRET)
        assert made is not None
        return made.value
