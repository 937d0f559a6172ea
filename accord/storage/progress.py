"""Each actor's current progress level, kept beside the actor so that lists can filter by it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from accord.storage.tables import CommitmentActorRow, ProgressRow, table

NO_EVIDENCE = "no_evidence"


def refresh_current_progress(session: Session, commitment_ids: Iterable[int]) -> None:
    """Set `commitment_actors.progress` of these commitments to each party's latest update.

    Call it in the transaction that writes progress or rewrites actors, so the two never disagree.
    "Latest" is by made_on, then id: an update dated earlier but entered later does not win.
    """
    ids = sorted(set(commitment_ids))
    if not ids:
        return
    actors = table(CommitmentActorRow)
    updates = table(ProgressRow)
    latest = (
        select(updates.c.level)
        .where(
            updates.c.commitment_id == actors.c.commitment_id,
            updates.c.party_code == actors.c.party_code,
        )
        .order_by(updates.c.made_on.desc(), updates.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    for start in range(0, len(ids), 500):
        session.execute(
            update(actors)
            .where(actors.c.commitment_id.in_(ids[start : start + 500]))
            .values(progress=func.coalesce(latest, NO_EVIDENCE))
        )
