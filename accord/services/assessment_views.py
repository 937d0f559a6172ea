"""Reading assessments back: the cycles of an agreement, a cycle's scores, a commitment's guideline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.errors import NotFound
from accord.services.assessments import (
    CycleView,
    GuidelineView,
    ScoreView,
    cycle_view,
    cycle_views,
    load_cycle,
)
from accord.services.commitments import get_commitment
from accord.services.queries import by_agreement, find_agreement
from accord.storage.database import Database
from accord.storage.tables import AssessmentCycleRow, CommitmentRow, GuidelineRow, ScoreRow


def list_cycles(db: Database, agreement: str) -> list[CycleView]:
    with db.reading() as session:
        return _cycles(session, [find_agreement(session, agreement).id])


def cycles_by_agreement(db: Database, agreements: Sequence[int]) -> dict[str, list[CycleView]]:
    """The cycles of these agreement ids, by agreement slug (one without cycles is left out)."""
    with db.reading() as session:
        return by_agreement(_cycles(session, agreements), lambda view: view.agreement)


def _cycles(session: Session, agreements: Sequence[int]) -> list[CycleView]:
    rows = session.scalars(
        select(AssessmentCycleRow)
        .where(AssessmentCycleRow.agreement_id.in_(agreements))
        .order_by(AssessmentCycleRow.id)
    ).all()
    return cycle_views(session, rows)


@dataclass(frozen=True, slots=True)
class CycleScores:
    cycle: CycleView
    scores: list[ScoreView]


def cycle_scores(db: Database, cycle_id: int) -> CycleScores:
    with db.reading() as session:
        cycle = load_cycle(session, cycle_id)
        rows = session.scalars(
            select(ScoreRow)
            .where(ScoreRow.cycle_id == cycle.id)
            .order_by(ScoreRow.commitment_id, ScoreRow.id)
        ).all()
        scores = [ScoreView(r.commitment_id, r.party_code, r.score, r.justification) for r in rows]
        return CycleScores(cycle_view(session, cycle), scores)


def get_guideline(db: Database, commitment_id: int) -> GuidelineView:
    with db.reading() as session:
        commitment = get_commitment(session, commitment_id)
        row = session.get(GuidelineRow, commitment.id)
        if row is None:
            raise NotFound(
                f"commitment {commitment.id} has no guideline", hint="an analyst writes one before scoring"
            )
        return GuidelineView(commitment.id, row.text, row.version)


def guidelines_of(db: Database, agreement: str) -> dict[int, GuidelineView]:
    """The guidelines written for an agreement's commitments, by commitment id."""
    with db.reading() as session:
        found = find_agreement(session, agreement)
        rows = session.scalars(
            select(GuidelineRow)
            .join(CommitmentRow, CommitmentRow.id == GuidelineRow.commitment_id)
            .where(CommitmentRow.agreement_id == found.id)
        )
        return {row.commitment_id: GuidelineView(row.commitment_id, row.text, row.version) for row in rows}
