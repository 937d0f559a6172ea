"""The audit log: appended in the writer's own transaction, each record hashing the one before."""

from __future__ import annotations

import contextvars
import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from accord.storage.tables import AuditRow

GENESIS = "0" * 64
_ACTOR: contextvars.ContextVar[str | None] = contextvars.ContextVar("accord_actor", default=None)


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Attribute the writes made inside the block to `name` (an API user, for instance)."""
    token = _ACTOR.set(name)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def _actor() -> str:
    name = _ACTOR.get()
    if name:
        return name
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli"


def _digest(
    previous: str, at: dt.datetime, actor: str, action: str, target: str, before: Any, after: Any
) -> str:
    payload = json.dumps(
        [previous, at.isoformat(), actor, action, target, before, after],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(session: Session, action: str, target: str, *, before: Any = None, after: Any = None) -> None:
    if session.get_bind().dialect.name == "postgresql":
        # One writer at a time extends the chain, so two transactions never fork it.
        session.execute(text("SELECT pg_advisory_xact_lock(7247)"))
    last = session.scalars(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)).first()
    previous = last or GENESIS
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    actor = _actor()
    before, after = _plain(before), _plain(after)
    session.add(
        AuditRow(
            at=at, actor=actor, action=action, target=target, before=before, after=after, previous_hash=previous,
            hash=_digest(previous, at, actor, action, target, before, after),
        )
    )  # fmt: skip


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str)) if value is not None else None


@dataclass(frozen=True, slots=True)
class Verification:
    records: int
    broken_at: int | None  # id of the first record whose link does not hold
    reason: str | None


def verify(session: Session) -> Verification:
    previous = GENESIS
    count = 0
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)):
        count += 1
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
        if row.previous_hash != previous:
            return Verification(
                count, row.id, "it does not point at the record before it (one was removed or changed)"
            )
        if _digest(previous, at, row.actor, row.action, row.target, row.before, row.after) != row.hash:
            return Verification(count, row.id, "its content does not match its hash (it was edited)")
        previous = row.hash
    return Verification(count, None, None)
