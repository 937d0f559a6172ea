"""Everything known about one commitment, read together for its page and its JSON twin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from accord.domain.shapes import plain
from accord.services.actions import ActionView, action_views
from accord.services.assessment_views import cycle_scores, list_cycles
from accord.services.assessments import CycleView, ScoreView
from accord.services.commitments import CommitmentView, get_view
from accord.services.funding import FlowView, flows
from accord.services.progress import ProgressEntry, current_levels, history
from accord.services.queries import find_agreement
from accord.storage.database import Database
from accord.storage.tables import ActionItemRow


@dataclass(frozen=True, slots=True)
class CommitmentRecord:
    commitment: CommitmentView
    agreement_title: str
    levels: dict[str, str]  # each actor's current level
    history: list[ProgressEntry]
    scores: list[tuple[CycleView, ScoreView]]
    actions: list[ActionView]
    flows: list[FlowView]

    def as_json(self) -> dict[str, Any]:
        return {
            "commitment": {
                **plain(self.commitment),
                "explanations": self.commitment.explanations,
                "pending_changes": [plain(change) for change in self.commitment.pending_changes],
            },
            "agreement_title": self.agreement_title,
            "levels": self.levels,
            "progress": [plain(entry) for entry in self.history],
            "scores": [{"cycle": plain(cycle), **plain(score)} for cycle, score in self.scores],
            "actions": [plain(action) for action in self.actions],
            "funding": [plain(flow) for flow in self.flows],
        }


def commitment_record(db: Database, commitment_id: int) -> CommitmentRecord:
    view = get_view(db, commitment_id)
    with db.reading() as session:
        title = find_agreement(session, view.agreement).title
        rows = session.scalars(
            select(ActionItemRow)
            .where(ActionItemRow.commitment_id == view.id)
            .order_by(ActionItemRow.due, ActionItemRow.id)
        ).all()
        actions = action_views(session, list(rows)) if rows else []
    scores = []
    for cycle in list_cycles(db, view.agreement):
        found = cycle_scores(db, cycle.id)
        scores += [(found.cycle, score) for score in found.scores if score.commitment == view.id]
    return CommitmentRecord(
        commitment=view,
        agreement_title=title,
        levels=current_levels(db, view.id),
        history=history(db, view.id),
        scores=scores,
        actions=actions,
        flows=[flow for flow in flows(db, view.agreement) if flow.commitment == view.id],
    )
