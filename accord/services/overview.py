"""Where the partnership stands, at a glance: the data behind the dashboard's overview.

One read transaction gathers the agreements' lifecycles, the commitments counted by area × party ×
progress level (SQL aggregates), the upcoming meetings and which cycle is each agreement's latest;
compliance, funding and deadlines come from the services that compute them for their own pages
(`compliance_report`, `funding`, `due`), so that the overview can never disagree with them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.domain.agreements import AgreementKind
from accord.domain.commitments import ReviewState
from accord.domain.compliance import Compliance
from accord.domain.funding import FlowType
from accord.domain.lifecycle import Act, BrokenHistory, Event, Rules, State, replay_readable
from accord.services.assessments import CycleView, cycles_compliance
from accord.services.deadlines import Deadline, due
from accord.services.funding import funding
from accord.services.queries import find_agreement
from accord.services.suggestions import pending_count
from accord.storage.database import Database
from accord.storage.tables import (
    AgreementRow,
    AssessmentCycleRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentRow,
    LifecycleEventRow,
    MeetingRow,
)

NO_AREA = "(none)"  # the area key of commitments tagged with none, as compliance_report names it
DEADLINE_WINDOW = dt.timedelta(days=90)
LIMIT = 10  # deadlines, overdue commitments and meetings listed (the counts are complete)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class AgreementState:
    """An agreement's lifecycle state as of the overview's day, and its key dates."""

    id: int
    slug: str
    title: str
    kind: str
    dated: dt.date | None  # the date the document bears
    parties: tuple[str, ...]
    commitments: int  # not rejected
    status: str  # accord.domain.lifecycle.Status, as of `today`
    signatures: tuple[tuple[str, dt.date], ...]
    signed_on: dt.date | None  # the latest signature so far (the final one once in effect)
    in_effect_on: dt.date | None
    amended_on: dt.date | None  # the latest amendment in effect by `today`
    version_in_force: int
    notice_given_on: dt.date | None  # a pending notice
    notice_by: str | None
    ends_on: dt.date | None  # the day a pending notice discontinues it
    # Set when the recorded history does not replay (the state is as of the act before it).
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "slug": self.slug,
            "title": self.title,
            "kind": self.kind,
            "dated": _day(self.dated),
            "parties": list(self.parties),
            "commitments": self.commitments,
            "status": self.status,
            "signatures": [{"party": party, "on": on.isoformat()} for party, on in self.signatures],
            "signed_on": _day(self.signed_on),
            "in_effect_on": _day(self.in_effect_on),
            "amended_on": _day(self.amended_on),
            "version_in_force": self.version_in_force,
            "notice_given_on": _day(self.notice_given_on),
            "notice_by": self.notice_by,
            "ends_on": _day(self.ends_on),
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class ProgressCell:
    """How many commitments of an agreement, in one area, a party has at one level.

    A commitment tagged with two areas counts in each of them, so cells do not add up across
    areas; `ProgressTotal` counts each commitment once."""

    agreement: str
    area: str
    party: str
    level: str
    count: int

    def as_json(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "area": self.area,
            "party": self.party,
            "level": self.level,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class ProgressTotal:
    agreement: str
    party: str
    level: str
    count: int

    def as_json(self) -> dict[str, Any]:
        return {"agreement": self.agreement, "party": self.party, "level": self.level, "count": self.count}


def _group(result: Compliance) -> dict[str, Any]:
    return {"group": result.group, "scores": result.scores, "mean": result.mean, "percent": result.percent}


@dataclass(frozen=True, slots=True)
class AgreementCompliance:
    """Compliance in the latest assessment cycle of one agreement, as `compliance_report` gives it."""

    agreement: str
    cycle: CycleView
    by_party: tuple[Compliance, ...]
    by_area: tuple[Compliance, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "cycle": self.cycle.as_json(),
            "by_party": [_group(result) for result in self.by_party],
            "by_area": [_group(result) for result in self.by_area],
        }


@dataclass(frozen=True, slots=True)
class FundingTotal:
    """One party's money in one currency under one agreement, per flow type; absent types are None."""

    agreement: str
    party: str
    currency: str
    amounts: tuple[tuple[str, Decimal], ...]  # (flow type, total), in FlowType order

    def amount(self, flow_type: str) -> Decimal | None:
        return dict(self.amounts).get(flow_type)

    def as_json(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "party": self.party,
            "currency": self.currency,
            **{t.value: _number(self.amount(t.value)) for t in FlowType},
        }


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    id: int
    agreement: str
    held_on: dt.date
    place: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agreement": self.agreement,
            "held_on": self.held_on.isoformat(),
            "place": self.place,
        }


@dataclass(frozen=True, slots=True)
class Overview:
    today: dt.date
    agreement: str | None  # the slug the overview is restricted to, or None for every agreement
    agreements: tuple[AgreementState, ...]
    progress: tuple[ProgressCell, ...]
    progress_totals: tuple[ProgressTotal, ...]
    compliance: tuple[AgreementCompliance, ...]  # agreements with no assessment cycle are absent
    # Over the latest cycle of every agreement, each score counted once: an agreement with more
    # scored commitments weighs more, as in a G7 summit's average. (Not in the JSON: it follows
    # from each agreement's groups, which give their number of scores and mean.)
    compliance_by_party: tuple[Compliance, ...]
    compliance_by_area: tuple[Compliance, ...]
    funding: tuple[FundingTotal, ...]
    deadlines: tuple[Deadline, ...]  # the next LIMIT due from today, within DEADLINE_WINDOW
    overdue: tuple[Deadline, ...]  # the LIMIT most recently missed
    overdue_count: int
    meetings: tuple[UpcomingMeeting, ...]  # the next LIMIT from today
    links_waiting: int = 0  # suggested links between documents that wait for review

    def progress_counts(self, agreement: str | None = None) -> dict[tuple[str, str, str], int]:
        """(party, area, level) → commitments, over every agreement of the overview or one of them:
        what `accord.reports.charts.progress_chart` draws."""
        out: dict[tuple[str, str, str], int] = defaultdict(int)
        for cell in self.progress:
            if agreement is None or cell.agreement == agreement:
                out[(cell.party, cell.area, cell.level)] += cell.count
        return dict(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "agreement": self.agreement,
            "agreements": [a.as_json() for a in self.agreements],
            "progress": [cell.as_json() for cell in self.progress],
            "progress_totals": [total.as_json() for total in self.progress_totals],
            "compliance": [c.as_json() for c in self.compliance],
            "funding": [line.as_json() for line in self.funding],
            "deadlines": [d.as_json() for d in self.deadlines],
            "overdue": [d.as_json() for d in self.overdue],
            "overdue_count": self.overdue_count,
            "meetings": [m.as_json() for m in self.meetings],
            "links_waiting": self.links_waiting,
        }


def overview(db: Database, *, agreement: str | None = None, today: dt.date | None = None) -> Overview:
    """Every agreement's state, progress, compliance, funding, deadlines and meetings (or one's)."""
    day = today or dt.date.today()
    with db.reading() as session:
        only = find_agreement(session, agreement) if agreement is not None else None
        rows = (
            [only]
            if only is not None
            else list(session.scalars(select(AgreementRow).order_by(AgreementRow.date, AgreementRow.id)))
        )
        ids = [row.id for row in rows]
        slugs = {row.id: row.slug for row in rows}
        states = _lifecycles(session, rows, day)
        progress, totals = _progress(session, ids, slugs)
        latest_cycles = dict(
            session.execute(
                select(AssessmentCycleRow.agreement_id, func.max(AssessmentCycleRow.id))
                .where(AssessmentCycleRow.agreement_id.in_(ids))
                .group_by(AssessmentCycleRow.agreement_id)
            ).all()
        )
        meetings = _meetings(session, ids, slugs, day)
        waiting = pending_count(session, ids if only is not None else None)
        # Computed by the functions behind the compliance report, so the figures are its own.
        graded = cycles_compliance(session, list(latest_cycles.values()))
    scope = only.slug if only is not None else None
    compliance = tuple(
        AgreementCompliance(
            slugs[agreement_id],
            graded.cycles[cycle][0],
            tuple(graded.cycles[cycle][1]),
            tuple(graded.cycles[cycle][2]),
        )
        for agreement_id, cycle in sorted(latest_cycles.items())
    )
    money = tuple(line for agreement_id in ids for line in _funding(db, slugs[agreement_id]))
    coming = due(db, within=DEADLINE_WINDOW, today=day, agreement=scope) if rows else []
    missed = [d for d in coming if d.overdue]
    return Overview(
        today=day,
        agreement=scope,
        agreements=states,
        progress=progress,
        progress_totals=totals,
        compliance=compliance,
        compliance_by_party=tuple(graded.by_party),
        compliance_by_area=tuple(graded.by_area),
        funding=money,
        deadlines=tuple(d for d in coming if not d.overdue)[:LIMIT],
        overdue=tuple(reversed(missed))[:LIMIT],
        overdue_count=len(missed),
        meetings=meetings,
        links_waiting=waiting,
    )


def _lifecycles(session: Session, rows: list[AgreementRow], day: dt.date) -> tuple[AgreementState, ...]:
    ids = [row.id for row in rows]
    events: dict[int, list[Event]] = defaultdict(list)
    for event in session.scalars(
        select(LifecycleEventRow)
        .where(LifecycleEventRow.agreement_id.in_(ids))
        .order_by(LifecycleEventRow.id)
    ):
        events[event.agreement_id].append(
            Event(Act(event.act), event.made_on, event.party_code, event.version, event.signatory)
        )
    counts = dict(
        session.execute(
            select(CommitmentRow.agreement_id, func.count())
            .where(
                CommitmentRow.agreement_id.in_(ids), CommitmentRow.review_state != ReviewState.REJECTED.value
            )
            .group_by(CommitmentRow.agreement_id)
        ).all()
    )
    out = []
    for row in rows:
        rules = Rules(
            parties=tuple(row.party_codes),
            notice_days=(row.terms or {}).get("termination_notice_days"),
            signed=row.kind not in UNSIGNED_KINDS,
            issued_on=row.date,
        )
        state, broken = replay_readable(rules, events[row.id])
        out.append(_agreement_state(row, state, counts.get(row.id, 0), day, broken))
    return tuple(out)


UNSIGNED_KINDS = frozenset(kind.value for kind in AgreementKind if not kind.is_signed)


def _agreement_state(
    row: AgreementRow, state: State, commitments: int, day: dt.date, broken: BrokenHistory | None = None
) -> AgreementState:
    amended = [v.in_effect_on for v in state.versions if v.in_effect_on is not None and v.in_effect_on <= day]
    return AgreementState(
        id=row.id,
        slug=row.slug,
        title=row.title,
        kind=row.kind,
        dated=row.date,
        parties=tuple(row.party_codes),
        commitments=commitments,
        status=state.on(day).value,
        signatures=state.signatures,
        signed_on=max((on for _, on in state.signatures), default=None),
        in_effect_on=state.in_effect_on,
        amended_on=max(amended, default=None),
        version_in_force=state.version_in_force(day),
        notice_given_on=state.notice[1] if state.notice else None,
        notice_by=state.notice[0] if state.notice else None,
        ends_on=state.discontinued_on,
        error=broken.explain() if broken else None,
    )


def _progress(
    session: Session, ids: list[int], slugs: dict[int, str]
) -> tuple[tuple[ProgressCell, ...], tuple[ProgressTotal, ...]]:
    """Counts by the current level kept on each actor row (the latest progress entry of that party,
    'no_evidence' when it has none), rejected commitments left out as the lists leave them out."""
    actor = CommitmentActorRow
    kept = (CommitmentRow.agreement_id.in_(ids), CommitmentRow.review_state != ReviewState.REJECTED.value)
    area = func.coalesce(CommitmentAreaRow.area, NO_AREA)
    cells = session.execute(
        select(CommitmentRow.agreement_id, area, actor.party_code, actor.progress, func.count())
        .join(actor, actor.commitment_id == CommitmentRow.id)
        .outerjoin(CommitmentAreaRow, CommitmentAreaRow.commitment_id == CommitmentRow.id)
        .where(*kept)
        .group_by(CommitmentRow.agreement_id, area, actor.party_code, actor.progress)
    ).all()
    totals = session.execute(
        select(CommitmentRow.agreement_id, actor.party_code, actor.progress, func.count())
        .join(actor, actor.commitment_id == CommitmentRow.id)
        .where(*kept)
        .group_by(CommitmentRow.agreement_id, actor.party_code, actor.progress)
    ).all()
    order = {agreement_id: position for position, agreement_id in enumerate(ids)}
    return (
        tuple(
            ProgressCell(slugs[a], area_key, party, level, count)
            for a, area_key, party, level, count in sorted(cells, key=lambda c: (order[c[0]], *c[1:4]))
        ),
        tuple(
            ProgressTotal(slugs[a], party, level, count)
            for a, party, level, count in sorted(totals, key=lambda t: (order[t[0]], *t[1:3]))
        ),
    )


def _meetings(
    session: Session, ids: list[int], slugs: dict[int, str], day: dt.date
) -> tuple[UpcomingMeeting, ...]:
    rows = session.execute(
        select(MeetingRow.id, MeetingRow.agreement_id, MeetingRow.held_on, MeetingRow.place)
        .where(MeetingRow.agreement_id.in_(ids), MeetingRow.held_on >= day)
        .order_by(MeetingRow.held_on, MeetingRow.id)
        .limit(LIMIT)
    ).all()
    return tuple(UpcomingMeeting(m.id, slugs[m.agreement_id], m.held_on, m.place) for m in rows)


def _funding(db: Database, slug: str) -> list[FundingTotal]:
    order = [t.value for t in FlowType]
    return [
        FundingTotal(
            slug,
            line.group,
            line.currency,
            tuple((t, line.amounts[t]) for t in order if t in line.amounts),
        )
        for line in funding(db, slug, by="party")
    ]
