"""Everything a compliance report shows, read in one transaction: the agreement, a cycle, each
commitment with its guideline, its scores per party and the evidence recorded by the period's end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from accord.domain.commitments import ReviewState
from accord.domain.compliance import Compliance
from accord.services.agreement_views import AgreementSummary
from accord.services.assessments import CycleView, cycle_view, group_compliance, select_cycle
from accord.services.queries import agreement_summary, find_agreement
from accord.storage.database import Database
from accord.storage.listing import children
from accord.storage.tables import CommitmentRow, GuidelineRow, ProgressRow, ScoreRow


@dataclass(frozen=True, slots=True)
class Evidence:
    """A progress entry of the scored party on the commitment, made by the end of the cycle's period."""

    level: str
    made_on: dt.date
    url: str | None
    evidence_on: dt.date | None
    file: str | None
    note: str | None
    recorded_by: str | None


@dataclass(frozen=True, slots=True)
class Scored:
    party: str
    score: int
    justification: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReportCommitment:
    id: int
    quote: str
    strength: str
    actors: list[str]
    areas: list[str]
    guideline: str | None
    scores: dict[str, Scored]  # party code → its score; an actor without one was not scored


@dataclass(frozen=True, slots=True)
class ReportData:
    agreement: AgreementSummary
    cycle: CycleView
    commitments: list[ReportCommitment]
    by_party: list[Compliance]
    by_area: list[Compliance]
    overall: list[Compliance]  # one group (the agreement), or none when nothing is scored
    left_out: int = 0  # commitments with no guideline and no score, left out on request


def report_data(
    db: Database, agreement: str, *, cycle: int | None = None, only_assessed: bool = False
) -> ReportData:
    """The report's facts for a cycle of the agreement (default: its latest). Every commitment is
    listed by default, an unassessed one as such; `only_assessed` leaves out those with neither a
    guideline nor a score in the cycle (the averages are the same either way)."""
    with db.reading() as session:
        row = find_agreement(session, agreement)
        target = select_cycle(session, row, cycle)
        view = cycle_view(session, target)
        # Columns, not ORM rows, here and below: the largest agreement's report reads 1,500 rows,
        # and building ORM instances for them was a third of its time.
        scores = session.execute(
            select(ScoreRow.commitment_id, ScoreRow.party_code, ScoreRow.score, ScoreRow.justification)
            .where(ScoreRow.cycle_id == target.id)
            .order_by(ScoreRow.id)
        ).all()
        scored_ids = {s.commitment_id for s in scores}
        # Rejected commitments are left out, unless the cycle scored them before they were rejected.
        commitments = session.execute(
            select(CommitmentRow.id, CommitmentRow.quote, CommitmentRow.strength)
            .where(CommitmentRow.agreement_id == row.id)
            .where(
                or_(
                    CommitmentRow.review_state != ReviewState.REJECTED.value,
                    CommitmentRow.id.in_(scored_ids),
                )
            )
            .order_by(CommitmentRow.start, CommitmentRow.id)
        ).all()
        ids = [c.id for c in commitments]
        found = children(session, ids)
        guidelines = dict(
            session.execute(
                select(GuidelineRow.commitment_id, GuidelineRow.text).where(
                    GuidelineRow.commitment_id.in_(ids)
                )
            ).all()
        )
        evidence: dict[tuple[int, str], list[Evidence]] = {}
        for entry in session.execute(
            select(
                ProgressRow.commitment_id,
                ProgressRow.party_code,
                ProgressRow.level,
                ProgressRow.made_on,
                ProgressRow.evidence_url,
                ProgressRow.evidence_on,
                ProgressRow.evidence_name,
                ProgressRow.note,
                ProgressRow.recorded_by,
            )
            .where(ProgressRow.commitment_id.in_(ids), ProgressRow.made_on <= target.period_end)
            .order_by(ProgressRow.made_on, ProgressRow.id)
        ):
            evidence.setdefault((entry.commitment_id, entry.party_code), []).append(
                Evidence(
                    entry.level, entry.made_on, entry.evidence_url, entry.evidence_on,
                    entry.evidence_name, entry.note, entry.recorded_by,
                )
            )  # fmt: skip
        cells: dict[int, dict[str, Scored]] = {}
        for s in scores:
            cells.setdefault(s.commitment_id, {})[s.party_code] = Scored(
                s.party_code, s.score, s.justification, evidence.get((s.commitment_id, s.party_code), [])
            )
        summary = agreement_summary(session, row)
    triples = [(s.commitment_id, s.party_code, s.score) for s in scores]
    listed = [c for c in commitments if c.id in guidelines or c.id in cells] if only_assessed else commitments
    slug = summary.slug
    return ReportData(
        agreement=summary,
        cycle=view,
        commitments=[
            ReportCommitment(
                id=c.id,
                quote=c.quote,
                strength=c.strength or "",
                actors=found.actors.get(c.id, []),
                areas=found.areas.get(c.id, []),
                guideline=guidelines.get(c.id),
                scores=cells.get(c.id, {}),
            )
            for c in listed
        ],
        by_party=group_compliance(triples, found.areas, by="party", agreement=slug),
        by_area=group_compliance(triples, found.areas, by="area", agreement=slug),
        overall=group_compliance(triples, found.areas, by="agreement", agreement=slug),
        left_out=len(commitments) - len(listed),
    )
