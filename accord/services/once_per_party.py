"""A party's dated act that happens once on a record (its review of an assessment cycle, its
approval of a meeting's minutes): refused when the party has already acted, else stored and
written to the audit trail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from accord.errors import Conflict
from accord.storage import audit
from accord.storage.tables import Base


def record_once(
    session: Session,
    row: Base,
    key: tuple[int, str],
    refusal: Conflict,
    action: str,
    target: str,
    on: dt.date,
) -> None:
    """Store `row`, the act of the party `key[1]` on the record `key[0]`, unless the party has acted
    on it already (`refusal` is raised); the audit records the party and the day as `action` on `target`."""
    if session.get(type(row), key) is not None:
        raise refusal
    session.add(row)
    audit.append(session, action, target, after={"party": key[1], "on": on})
    session.flush()
