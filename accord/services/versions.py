"""Optimistic locking: a change carries the version it was made on, and a stale one is refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from accord.errors import AccordError


class Stale(AccordError):
    """A change made on an out-of-date copy (a lost update, prevented)."""

    code = "stale_version"


def claim_version(
    session: Session, model: Any, key: int, expected: int, what: str, *, column: Any = None
) -> None:
    """Move the row from `expected` to the next version with one conditional UPDATE.

    Of two writers holding the same ETag exactly one matches the row; the other changes
    nothing and is told the version it would have to start from. A row that does not exist
    is left for the caller's fetch to report as not found.
    """
    column = model.id if column is None else column  # the primary key, e.g. guidelines' commitment_id
    claimed = session.execute(
        update(model)
        .where(column == key, model.version == expected)
        .values(version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        return
    current = session.get(model, key)
    if current is None:
        return
    raise Stale(
        f"{what} {key} changed since version {expected}; it is now at version {current.version}",
        hint="read it again and repeat the change on the current version",
    )
