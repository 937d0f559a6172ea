"""Signing in to the pages: passwords (argon2, checked against common and trivial ones), sessions
kept on the server, throttling of guesses, and sign-in events in the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from accord.domain.access import Principal, Role
from accord.errors import AccordError, InputError, NotFound
from accord.services.users import Unauthorized
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import SignInAttemptRow, UserRow, WebSessionRow

_HASHER = PasswordHasher()
MIN_PASSWORD = 10
MAX_PASSWORD = 1000
# zxcvbn's score (0-4) a password must reach: 3 is "safely unguessable" against an offline attack
# slowed by a hash, and refuses common passwords, repeats, keyboard walks, dates and the user's name.
MIN_STRENGTH = 3
# Verified when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))

# Throttling: failed guesses counted over a sliding window, per account and per address. An
# account's count restarts at its last successful sign-in; an address's does not.
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_ACCOUNT_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
# A session's last request is written at most this often (a write per page view would be wasteful).
TOUCH_EVERY = dt.timedelta(minutes=1)
MAX_SESSION = dt.timedelta(days=14)  # however active, a session ends this long after its sign-in


class Throttled(AccordError):
    """Too many failed sign-ins for this name or from this address: try again later."""

    code = "too_many_attempts"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: `token` goes in the cookie and nowhere else (only its hash is stored)."""

    token: str
    user_id: int
    principal: Principal


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(name: str, password: str) -> None:
    """Refuse short, overlong, common and trivial passwords, with the reason and what to do."""
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"a password needs at least {MIN_PASSWORD} characters, got {len(password)}",
            hint="a few words make a long password that is easy to type",
        )
    if len(password) > MAX_PASSWORD:
        raise InputError(f"a password is at most {MAX_PASSWORD} characters", hint="choose a shorter one")
    from zxcvbn import zxcvbn  # its dictionaries load on first use: only commands that set passwords pay

    # zxcvbn's cost grows with the length; past 100 characters a password is long enough anyway.
    verdict = zxcvbn(password[:100], user_inputs=[name, "accord"])
    if verdict["score"] < MIN_STRENGTH:
        warning = verdict["feedback"].get("warning") or "it is easy to guess"
        raise InputError(
            f"this password is too easy to guess: {warning.rstrip('.')}",
            hint="a few unrelated words make a long password that is easy to type and hard to guess",
        )


def set_password(db: Database, name: str, password: str) -> None:
    """Give a user a password for the pages (or a new one: every open session of the user ends)."""
    check_password(name, password)
    hashed = _HASHER.hash(password)
    with db.transaction() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}", hint="add the user first", subject="user")
        user.password_hash = hashed
        session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user.id))
        audit.append(session, "password_set", f"user:{name}")  # neither password nor hash is logged


def _failures(session: Session, name: str, address: str, now: dt.datetime) -> tuple[int, int]:
    since = now - THROTTLE_WINDOW
    last_success = session.scalar(
        select(func.max(SignInAttemptRow.at)).where(
            SignInAttemptRow.name == name, SignInAttemptRow.succeeded.is_(True)
        )
    )
    account_since = max(since, _aware(last_success)) if last_success else since
    by_account = session.scalar(
        select(func.count()).where(
            SignInAttemptRow.name == name,
            SignInAttemptRow.succeeded.is_(False),
            SignInAttemptRow.at > account_since,
        )
    )
    by_address = session.scalar(
        select(func.count()).where(
            SignInAttemptRow.address == address,
            SignInAttemptRow.succeeded.is_(False),
            SignInAttemptRow.at > since,
        )
    )
    return int(by_account or 0), int(by_address or 0)


def _reserve_attempt(db: Database, name: str, address: str, now: dt.datetime) -> int:
    """Count the failures and record this attempt, as a failure until its password is verified,
    in one transaction holding the write lock: guesses sent together are counted one after
    another, so no more than the limit are ever checked. (The password is verified outside the
    lock: argon2 takes tens of milliseconds, which every other writer would otherwise wait for.)"""
    with db.transaction(actor=f"anonymous@{address}") as session:
        by_account, by_address = _failures(session, name, address, now)
        if by_account >= MAX_ACCOUNT_FAILURES or by_address >= MAX_ADDRESS_FAILURES:
            raise Throttled(
                "too many failed sign-ins; wait a few minutes before trying again",
                hint=f"failed attempts are counted over {THROTTLE_WINDOW.seconds // 60} minutes; "
                "an admin can set a new password with `accord user password NAME`",
            )
        attempt = SignInAttemptRow(at=now, name=name, address=address, succeeded=False)
        session.add(attempt)
        session.flush()
        return attempt.id


def sign_in(db: Database, name: str, password: str, *, address: str) -> SignedIn:
    """Start a session for the user with this name and password.

    One message for an unknown name and a wrong password. After MAX_ACCOUNT_FAILURES failures for
    a name, or MAX_ADDRESS_FAILURES from an address, within THROTTLE_WINDOW, no password is checked
    until the window has moved on. Every checked attempt is recorded and written to the audit trail.
    """
    name = name.strip()[:200]
    address = address[:64]
    now = _now()
    attempt_id = _reserve_attempt(db, name, address, now)
    with db.reading() as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name)) if name else None
        stored = user.password_hash if user is not None else None
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        stored = None
    succeeded = user is not None and stored is not None
    token = secrets.token_urlsafe(32)
    with db.transaction(actor=name if succeeded else f"anonymous@{address}") as session:
        if succeeded:
            assert user is not None
            session.execute(
                update(SignInAttemptRow).where(SignInAttemptRow.id == attempt_id).values(succeeded=True)
            )
            session.add(
                WebSessionRow(id=session_id(token), user_id=user.id, created_at=now, last_seen_at=now)
            )
        audit.append(
            session,
            "sign_in" if succeeded else "sign_in_failed",
            f"user:{name}",
            after={"address": address},
        )
    if not succeeded:
        raise Unauthorized(
            "the name or the password is not right", hint="check both; an admin can set a new password"
        )
    assert user is not None
    return SignedIn(token, user.id, Principal(user.name, Role(user.role), user.party_code))


def session_user(db: Database, token: str, *, idle: dt.timedelta) -> tuple[int, Principal] | None:
    """The user of a live session, read again on every request: signing out, a removed user, a
    changed role or a new password takes effect at once. A session idle longer than `idle` ends."""
    key = session_id(token)
    now = _now()
    with db.reading() as session:
        found = session.execute(
            select(WebSessionRow, UserRow)
            .join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.id == key)
        ).first()
    if found is None:
        return None
    row, user = found
    if _aware(row.last_seen_at) + idle < now or _aware(row.created_at) + MAX_SESSION < now:
        end_session(db, token)
        return None
    if _aware(row.last_seen_at) + TOUCH_EVERY < now:
        with db.transaction() as session:
            session.execute(update(WebSessionRow).where(WebSessionRow.id == key).values(last_seen_at=now))
    return user.id, Principal(user.name, Role(user.role), user.party_code)


def end_session(db: Database, token: str) -> None:
    """Sign out: the session's row goes, so its cookie is refused from now on, wherever it is sent."""
    with db.transaction() as session:
        session.execute(delete(WebSessionRow).where(WebSessionRow.id == session_id(token)))
