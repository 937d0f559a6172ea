"""The audit log: appended in the writer's own transaction, each record hashing the one before.

The chain is linear: each record's `previous_hash` is the hash of the record before it, and a
unique constraint on (`previous_hash`, `branch`) allows one successor per record. Records written
concurrently before that rule existed may form side branches: two records pointing at the same
predecessor. Such a record keeps its own hash (nothing in it was changed) and is marked with
`branch` = its id by the migration or by `accord doctor`, so that the main chain verifies again
and the side branch stays visible, explained, and itself checked.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.storage.bulk_insert import insert_rows
from accord.storage.tables import AuditRow, table

GENESIS = "0" * 64
MAIN = 0  # the `branch` of every record on the main chain


def local_actor() -> str:
    """The name recorded for a write made from the local command line."""
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


def head(session: Session) -> int:
    """The id of the latest write (0 before any): every change of the record moves it."""
    return int(session.scalar(select(func.coalesce(func.max(AuditRow.id), 0))) or 0)


def append(session: Session, action: str, target: str, *, before: Any = None, after: Any = None) -> None:
    """Extend the chain. The session is a `Database.transaction()`, which holds the write lock
    from its start, so the head read here is still the head when this record is committed."""
    previous, at, actor = _next(session)
    before, after = _plain(before), _plain(after)
    session.add(
        AuditRow(
            at=at, actor=actor, action=action, target=target, before=before, after=after, previous_hash=previous,
            hash=_digest(previous, at, actor, action, target, before, after), branch=MAIN,
        )
    )  # fmt: skip
    session.flush()  # the next append in this transaction reads this record as the head


def append_many(session: Session, entries: Sequence[tuple[str, str, Any, Any]]) -> None:
    """`append` for several (action, target, before, after) entries at once, in their order: the
    head is read once and the records go in one statement (a batch of ingested documents)."""
    if not entries:
        return
    previous, at, actor = _next(session)
    rows = []
    for action, target, before, after in entries:
        before, after = _plain(before), _plain(after)
        digest = _digest(previous, at, actor, action, target, before, after)
        rows.append(
            {
                "at": at, "actor": actor, "action": action, "target": target, "before": before,
                "after": after, "previous_hash": previous, "hash": digest, "branch": MAIN,
            }
        )  # fmt: skip
        previous = digest
    insert_rows(session, table(AuditRow), rows)


def _next(session: Session) -> tuple[str, dt.datetime, str]:
    """What the next record chains onto and says: the head's hash (GENESIS for the first record),
    the time to the second, and the session's actor (else the local user)."""
    last = session.scalars(
        select(AuditRow.hash).where(AuditRow.branch == MAIN).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return last or GENESIS, at, session.info.get("actor") or local_actor()


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def intact(row: AuditRow) -> bool:
    """Whether the record's content still matches its own hash."""
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return (
        _digest(row.previous_hash, at, row.actor, row.action, row.target, row.before, row.after) == row.hash
    )


@dataclass(frozen=True, slots=True)
class Verification:
    records: int
    broken_at: int | None  # id of the first record whose link does not hold
    reason: str | None
    side_branches: int = 0  # records on explained side branches (concurrent writes before the fix)
    unexplained_forks: tuple[int, ...] = ()  # records that fork the chain and are not yet marked


def verify(session: Session) -> Verification:
    """Every record matches its hash and points at a record before it; on the main chain, no
    record is pointed at twice. (Without forks this is exactly "each points at the one before".)"""
    seen: set[str] = {GENESIS}
    extended: set[str] = set()  # hashes a main-chain record already points at
    count = side = 0
    forks: list[int] = []
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)):
        count += 1
        if not intact(row):
            return Verification(count, row.id, "its content does not match its hash (it was edited)", side)
        if row.previous_hash not in seen:
            return Verification(
                count, row.id, "it does not point at the record before it (one was removed or changed)", side
            )
        seen.add(row.hash)
        if row.branch != MAIN:
            side += 1
        elif row.previous_hash in extended:
            forks.append(row.id)  # a fork: two writers extended the same record
        else:
            extended.add(row.previous_hash)
    if forks:
        return Verification(
            count, forks[0],
            "two records point at the same record before them: writes made at the same moment forked "
            "the chain (nothing in them was edited); `accord doctor` explains and marks the side branch",
            side, tuple(forks),
        )  # fmt: skip
    return Verification(count, None, None, side)


@dataclass(frozen=True, slots=True)
class Link:
    id: int
    hash: str
    previous_hash: str


def side_branch_ids(links: Iterable[Link]) -> list[int]:
    """The records off the main chain: the main chain runs back from the latest record through
    each record's predecessor; every other record was written beside it."""
    ordered = sorted(links, key=lambda link: link.id)
    by_hash = {link.hash: link for link in ordered}
    main: set[int] = set()
    current = ordered[-1] if ordered else None
    while current is not None:
        main.add(current.id)
        current = by_hash.get(current.previous_hash)
    return [link.id for link in ordered if link.id not in main]
