"""Idempotency keys, stored in the write's own transaction.

An API write sent with an `Idempotency-Key` header carries a `Claim` (per request, in a context
variable). The first write transaction of that request inserts the key, in the same transaction
as the write: either both are committed or neither. A retry therefore finds the key exactly when
the first attempt's write was committed, and gets the first answer back instead of writing
twice. Two attempts racing with one key: the primary key (principal, key) lets one commit.

A key lives for LIFETIME: a retry comes within seconds or minutes, not days, and a table that
only grows would keep every keyed answer for ever. Each keyed write purges the keys past their
lifetime in its own transaction (an index on `created_at` makes that a range delete), so the
table holds about a day of keyed writes; a key past its lifetime is a new request.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from accord.errors import Conflict
from accord.storage.tables import IdempotencyKeyRow


@dataclass
class Claim:
    principal: str
    key: str
    request_hash: str
    recorded: bool = False  # the key row is in a committed write transaction


@dataclass
class Holder:
    """Set by the HTTP layer for each request that sent a key; filled once the principal is known."""

    claim: Claim | None = None


LIFETIME = dt.timedelta(hours=24)

CURRENT: contextvars.ContextVar[Holder | None] = contextvars.ContextVar("accord_idempotency", default=None)


def pending() -> Claim | None:
    holder = CURRENT.get()
    claim = holder.claim if holder is not None else None
    return claim if claim is not None and not claim.recorded else None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def expired(created_at: dt.datetime, at: dt.datetime) -> bool:
    aware = created_at if created_at.tzinfo else created_at.replace(tzinfo=dt.UTC)  # SQLite: naive UTC
    return aware + LIFETIME <= at


def purge(session: Session, at: dt.datetime) -> int:
    """Delete the keys past their lifetime; returns how many."""
    gone = session.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at <= at - LIFETIME))
    return int(getattr(gone, "rowcount", 0) or 0)


def record(session: Session, claim: Claim) -> None:
    """Insert the key inside the write's transaction (which holds the write lock), after purging
    the keys past their lifetime (this one among them, if it was used more than LIFETIME ago)."""
    at = now()
    purge(session, at)
    if session.get(IdempotencyKeyRow, (claim.principal, claim.key)) is not None:
        raise Conflict(
            f"a request with Idempotency-Key {claim.key!r} was carried out meanwhile",
            hint="send the same request again with that key to get its answer",
        )
    session.add(
        IdempotencyKeyRow(
            principal=claim.principal, key=claim.key, request_hash=claim.request_hash, created_at=at
        )
    )
    session.flush()


def keep_answer(session: Session, claim: Claim, status: int, content_type: str | None, body: bytes) -> None:
    session.execute(
        update(IdempotencyKeyRow)
        .where(IdempotencyKeyRow.principal == claim.principal, IdempotencyKeyRow.key == claim.key)
        .values(status=status, content_type=content_type, body=body)
    )
