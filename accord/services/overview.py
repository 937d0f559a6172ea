"""Where the partnership stands, at a glance: the data behind the dashboard's overview.

Built for a portfolio of thousands of agreements: one read transaction reads a page of agreements
(their lifecycles, progress by party and level, compliance in the latest cycle, funding), and the
figures over the whole record as aggregates, never row by row in Python: commitments by area ×
party × level and money by party × currency × flow type from the totals the database's triggers
keep (accord.storage.tallies), compliance summed in SQL, and deadlines a page at a time from the
due-date index. The per-agreement compliance comes from the functions behind the compliance
report, and the sums follow `funding` and `due`, so the overview agrees with their pages (tests).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from accord.domain.agreements import AgreementKind
from accord.domain.commitments import ReviewState
from accord.domain.compliance import Compliance
from accord.domain.funding import FlowType
from accord.domain.lifecycle import Act, BrokenHistory, Event, Rules, State, replay_readable
from accord.domain.shapes import HIDDEN, Shape, Total
from accord.errors import InputError
from accord.services.actions import action_views
from accord.services.assessments import CycleView, cycles_compliance
from accord.services.commitments import views_by_id
from accord.services.deadlines import Deadline, action_deadline, commitment_deadline
from accord.services.funding import REVIEWED
from accord.services.queries import find_agreement
from accord.services.suggestions import pending_count
from accord.storage.database import Database
from accord.storage.tables import (
    ActionItemRow,
    AgreementRow,
    AmountRow,
    AssessmentCycleRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CommitmentRow,
    FundingFlowRow,
    LifecycleEventRow,
    MeetingRow,
    ScoreRow,
)
from accord.storage.tallies import FOLD_AT, fold, funding_tallies, progress_tallies

NO_AREA = "(none)"  # the area key of commitments tagged with none, as compliance_report names it
DEADLINE_WINDOW = dt.timedelta(days=90)
LIMIT = 10  # deadlines, overdue commitments and meetings listed (the counts are complete)
PAGE = 25  # agreements per page of the overview
MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class Signature:
    party: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class AgreementState:
    """An agreement's lifecycle state as of the overview's day, and its key dates."""

    id: int
    slug: str
    title: str
    kind: str
    dated: Annotated[dt.date | None, Field(description="the date the document bears")]
    parties: tuple[str, ...]
    commitments: Annotated[int, Field(description="not rejected")]
    status: Annotated[str, Field(description="accord.domain.lifecycle.Status, as of `today`")]
    signatures: tuple[Signature, ...]
    signed_on: Annotated[
        dt.date | None, Field(description="the latest signature so far (the final one once in effect)")
    ]
    in_effect_on: dt.date | None
    amended_on: Annotated[dt.date | None, Field(description="the latest amendment in effect by `today`")]
    version_in_force: int
    notice_given_on: Annotated[dt.date | None, Field(description="a pending notice of termination")]
    notice_by: str | None
    ends_on: Annotated[dt.date | None, Field(description="the day a pending notice discontinues it")]
    # Set when the recorded history does not replay (the state is as of the act before it).
    error: Annotated[str | None, Field(description="why the recorded history does not replay")] = None


@dataclass(frozen=True, slots=True)
class ProgressCell:
    """How many commitments of an agreement, in one area, a party has at one level.

    A commitment tagged with two areas counts in each of them, so cells do not add up across
    areas; `ProgressTotal` counts each commitment once."""

    agreement: str
    area: str  # "(none)": tagged with no area
    party: str
    level: str
    count: int


@dataclass(frozen=True, slots=True)
class ProgressTotal:
    """Commitments of an agreement at one level for one party, counted once whatever their areas."""

    agreement: str
    party: str
    level: str
    count: int


@dataclass(frozen=True, slots=True)
class AgreementCompliance:
    """Compliance in the latest assessment cycle of one agreement, as `compliance_report` gives it."""

    agreement: str
    cycle: CycleView
    by_party: tuple[Compliance, ...]
    by_area: tuple[Compliance, ...]


@dataclass(frozen=True, slots=True)
class FundingTotal(Shape):
    """One party's money in one currency under one agreement, per flow type (FlowType); None where
    there is no flow of that type."""

    agreement: str
    party: str
    currency: str
    pledge: Total = None
    commitment: Total = None
    disbursement: Total = None
    expenditure: Total = None

    def amount(self, flow_type: str) -> Decimal | None:
        total: Decimal | None = getattr(self, FlowType(flow_type).value)
        return total

    @property
    def amounts(self) -> tuple[tuple[str, Decimal], ...]:
        """(flow type, total) of the types with a flow, in FlowType order."""
        return tuple((t.value, value) for t in FlowType if (value := self.amount(t)) is not None)


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    id: int
    agreement: str
    held_on: dt.date
    place: str | None


@dataclass(frozen=True, slots=True)
class ChartFigures:
    """What the overview's charts draw, over every agreement: (party, area, level) → commitments,
    (party, currency, flow type) → total, and compliance by party and by area over the latest
    cycle of each agreement."""

    progress: dict[tuple[str, str, str], int]
    funding: dict[tuple[str, str, str], Decimal]
    compliance_by_party: tuple[Compliance, ...]
    compliance_by_area: tuple[Compliance, ...]


@dataclass(frozen=True, slots=True)
class Overview(Shape):
    today: dt.date
    agreement: Annotated[str | None, Field(description="the slug the overview is restricted to, or null")]
    # One page of agreements (by date, then id); the lists per agreement below (progress,
    # compliance, funding) are those of this page's agreements.
    agreements: tuple[AgreementState, ...]
    progress: tuple[ProgressCell, ...]
    progress_totals: tuple[ProgressTotal, ...]
    compliance: Annotated[
        tuple[AgreementCompliance, ...], Field(description="agreements with an assessment cycle")
    ]
    # Over the latest cycle of every agreement, each score counted once: an agreement with more
    # scored commitments weighs more, as in a G7 summit's average. (Not in the JSON: it follows
    # from each agreement's groups, which give their number of scores and mean.)
    compliance_by_party: Annotated[tuple[Compliance, ...], HIDDEN]
    compliance_by_area: Annotated[tuple[Compliance, ...], HIDDEN]
    funding: tuple[FundingTotal, ...]
    deadlines: Annotated[
        tuple[Deadline, ...],
        Field(description=f"the next {LIMIT} due from today, within {DEADLINE_WINDOW.days} days"),
    ]
    overdue: Annotated[tuple[Deadline, ...], Field(description=f"the {LIMIT} most recently missed")]
    overdue_count: int
    meetings: Annotated[tuple[UpcomingMeeting, ...], Field(description=f"the next {LIMIT} from today")]
    links_waiting: Annotated[
        int, Field(description="suggested links between documents that wait for review")
    ] = 0
    agreements_total: Annotated[int, Field(description="agreements of the overview, on every page")] = 0
    limit: Annotated[int, Field(description="agreements per page")] = PAGE
    next: Annotated[
        int | None, Field(description="`cursor` of the next page of agreements; null on the last")
    ] = None
    # Over every agreement of the overview, not only this page's (what the charts draw):
    # (party, area, level) → commitments, and (party, currency, flow type) → total.
    progress_overall: Annotated[tuple[tuple[tuple[str, str, str], int], ...], HIDDEN] = ()
    funding_overall: Annotated[tuple[tuple[tuple[str, str, str], Decimal], ...], HIDDEN] = ()

    def progress_counts(self, agreement: str | None = None) -> dict[tuple[str, str, str], int]:
        """(party, area, level) → commitments, over every agreement of the overview or one of them
        (of this page): what `accord.reports.charts.progress_chart` draws."""
        if agreement is None:
            return dict(self.progress_overall)
        out: dict[tuple[str, str, str], int] = defaultdict(int)
        for cell in self.progress:
            if cell.agreement == agreement:
                out[(cell.party, cell.area, cell.level)] += cell.count
        return dict(out)

    def funding_counts(self) -> dict[tuple[str, str, str], Decimal]:
        """(party, currency, flow type) → total over every agreement of the overview: what
        `accord.reports.charts.funding_chart` draws (never summed across currencies)."""
        return dict(self.funding_overall)

    def figures(self) -> ChartFigures:
        """What the charts draw: `chart_figures` of this overview's agreements."""
        return ChartFigures(
            self.progress_counts(), self.funding_counts(), self.compliance_by_party, self.compliance_by_area
        )


def chart_figures(db: Database) -> ChartFigures:
    """The overview's chart figures over the whole record alone, without the page around them: the
    totals the triggers keep and compliance summed in SQL, a few milliseconds at any size (what
    the chart warmer reads after every write)."""
    with db.reading() as session:
        progress, summed = progress_tallies(session.connection())
        money, summed_money = funding_tallies(session.connection())
        by_party, by_area = _compliance_overall(session, None)
    _fold_if_long(db, summed + summed_money)
    return ChartFigures(dict(sorted(progress.items())), dict(sorted(money.items())), by_party, by_area)


def _fold_if_long(db: Database, summed: int) -> None:
    if summed > FOLD_AT:
        with db.transaction() as writing:
            fold(writing.connection())


def overview(
    db: Database,
    *,
    agreement: str | None = None,
    today: dt.date | None = None,
    cursor: int = 0,
    limit: int = PAGE,
    area_cells: bool = True,
) -> Overview:
    """Every agreement's state, progress, compliance, funding, deadlines and meetings (or one's).

    The agreements, and what is listed per agreement, come a page of `limit` at a time from
    `cursor` (the `next` of the page before); the figures over all of them (the charts', the
    deadlines, the counts) are aggregates read in SQL, whatever the page. Without `area_cells`
    (the dashboard page shows none), `progress` lists nothing for a page of several agreements."""
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}, got {limit}", hint="page with `next`")
    if cursor < 0:
        raise InputError(f"cursor must be 0 or more, got {cursor}", hint="pass the `next` of a page")
    day = today or dt.date.today()
    with db.reading() as session:
        only = find_agreement(session, agreement) if agreement is not None else None
        if only is not None:
            rows, total = [only], 1
        else:
            total = int(session.scalar(select(func.count()).select_from(AgreementRow)) or 0)
            rows = list(
                session.scalars(
                    select(AgreementRow)
                    .options(selectinload(AgreementRow.parties))
                    .order_by(AgreementRow.date, AgreementRow.id)
                    .offset(cursor)
                    .limit(limit)
                )
            )
        ids = [row.id for row in rows]
        slugs = {row.id: row.slug for row in rows}
        scope = [only.id] if only is not None else None  # None: every agreement
        states = _lifecycles(session, rows, day)
        progress, totals = _progress(session, ids, slugs, cells=area_cells or only is not None)
        if only is not None:
            overall: dict[tuple[str, str, str], int] = defaultdict(int)
            for cell in progress:
                overall[(cell.party, cell.area, cell.level)] += cell.count
            tallied, summed = dict(overall), 0
            money_overall, summed_money = _funding_overall(session, scope), 0
        else:
            # Over the whole record: the totals the triggers keep, not a scan of every commitment.
            tallied, summed = progress_tallies(session.connection())
            money_overall, summed_money = funding_tallies(session.connection())
        latest_cycles = dict(
            session.execute(
                select(AssessmentCycleRow.agreement_id, func.max(AssessmentCycleRow.id))
                .where(AssessmentCycleRow.agreement_id.in_(ids))
                .group_by(AssessmentCycleRow.agreement_id)
            ).all()
        )
        meetings = _meetings(session, scope, day)
        waiting = pending_count(session, scope)
        # Computed by the functions behind the compliance report, so the figures are its own.
        graded = cycles_compliance(session, list(latest_cycles.values()))
        by_party, by_area = _compliance_overall(session, scope)
        money = _funding(session, ids, slugs)
        coming, missed, missed_count = _deadlines(session, scope, day)
    _fold_if_long(db, summed + summed_money)
    compliance = tuple(
        AgreementCompliance(
            slugs[agreement_id],
            graded[cycle][0],
            tuple(graded[cycle][1]),
            tuple(graded[cycle][2]),
        )
        for agreement_id, cycle in sorted(latest_cycles.items())
    )
    following = cursor + limit if only is None and cursor + limit < total else None
    return Overview(
        today=day,
        agreement=only.slug if only is not None else None,
        agreements=states,
        progress=progress,
        progress_totals=totals,
        compliance=compliance,
        compliance_by_party=by_party,
        compliance_by_area=by_area,
        funding=money,
        deadlines=coming,
        overdue=missed,
        overdue_count=missed_count,
        meetings=meetings,
        links_waiting=waiting,
        agreements_total=total,
        limit=limit,
        next=following,
        progress_overall=tuple(sorted(tallied.items())),
        funding_overall=tuple(sorted(money_overall.items())),
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
        signatures=tuple(Signature(party, on) for party, on in state.signatures),
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
    session: Session, ids: list[int], slugs: dict[int, str], *, cells: bool = True
) -> tuple[tuple[ProgressCell, ...], tuple[ProgressTotal, ...]]:
    """Counts by the current level kept on each actor row (the latest progress entry of that party,
    'no_evidence' when it has none), rejected commitments left out as the lists leave them out;
    by area too with `cells` (the costlier query: each actor once per area)."""
    actor = CommitmentActorRow
    kept = (CommitmentRow.agreement_id.in_(ids), CommitmentRow.review_state != ReviewState.REJECTED.value)
    area = func.coalesce(CommitmentAreaRow.area, NO_AREA)
    by_area = (
        session.execute(
            select(CommitmentRow.agreement_id, area, actor.party_code, actor.progress, func.count())
            .join(actor, actor.commitment_id == CommitmentRow.id)
            .outerjoin(CommitmentAreaRow, CommitmentAreaRow.commitment_id == CommitmentRow.id)
            .where(*kept)
            .group_by(CommitmentRow.agreement_id, area, actor.party_code, actor.progress)
        ).all()
        if cells
        else []
    )
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
            for a, area_key, party, level, count in sorted(by_area, key=lambda c: (order[c[0]], *c[1:4]))
        ),
        tuple(
            ProgressTotal(slugs[a], party, level, count)
            for a, party, level, count in sorted(totals, key=lambda t: (order[t[0]], *t[1:3]))
        ),
    )


def _meetings(session: Session, scope: list[int] | None, day: dt.date) -> tuple[UpcomingMeeting, ...]:
    query = (
        select(MeetingRow.id, AgreementRow.slug, MeetingRow.held_on, MeetingRow.place)
        .join(AgreementRow, AgreementRow.id == MeetingRow.agreement_id)
        .where(MeetingRow.held_on >= day)
    )
    if scope is not None:
        query = query.where(MeetingRow.agreement_id.in_(scope))
    rows = session.execute(query.order_by(MeetingRow.held_on, MeetingRow.id).limit(LIMIT)).all()
    return tuple(UpcomingMeeting(m.id, m.slug, m.held_on, m.place) for m in rows)


def _compliance_overall(
    session: Session, scope: list[int] | None
) -> tuple[tuple[Compliance, ...], tuple[Compliance, ...]]:
    """Compliance by party and by area over the latest cycle of every agreement in scope, every
    score counted once (a commitment in two areas counts in each, one in none under NO_AREA):
    `group_compliance` of the pooled scores, summed in SQL."""
    latest = select(func.max(AssessmentCycleRow.id)).group_by(AssessmentCycleRow.agreement_id)
    if scope is not None:
        latest = latest.where(AssessmentCycleRow.agreement_id.in_(scope))
    kept = ScoreRow.cycle_id.in_(latest.scalar_subquery())
    parties = session.execute(
        select(ScoreRow.party_code, func.count(), func.sum(ScoreRow.score))
        .where(kept)
        .group_by(ScoreRow.party_code)
    ).all()
    area = func.coalesce(CommitmentAreaRow.area, NO_AREA)
    areas = session.execute(
        select(area, func.count(), func.sum(ScoreRow.score))
        .select_from(ScoreRow)
        .outerjoin(CommitmentAreaRow, CommitmentAreaRow.commitment_id == ScoreRow.commitment_id)
        .where(kept)
        .group_by(area)
    ).all()

    def groups(rows: Sequence[Any]) -> tuple[Compliance, ...]:
        summed = sorted((str(group), int(n), int(total)) for group, n, total in rows)
        return tuple(Compliance(group, n, total / n) for group, n, total in summed)

    return groups(parties), groups(areas)


def _funding_records(session: Session, scope: list[int] | None) -> list[tuple[int, str, str, str, Decimal]]:
    """(agreement id, party, currency, flow type, value) of every flow `funding` counts: the reviewed
    amounts of the text as pledges, and the flows entered by hand."""
    pledges = (
        select(CommitmentRow.agreement_id, AmountRow.party_code, AmountRow.currency, AmountRow.value)
        .join(CommitmentRow, CommitmentRow.id == AmountRow.commitment_id)
        .where(CommitmentRow.review_state.in_(REVIEWED), AmountRow.party_code.is_not(None))
    )
    entered = select(
        FundingFlowRow.agreement_id,
        FundingFlowRow.party_code,
        FundingFlowRow.currency,
        FundingFlowRow.type,
        FundingFlowRow.value,
    )
    if scope is not None:
        pledges = pledges.where(CommitmentRow.agreement_id.in_(scope))
        entered = entered.where(FundingFlowRow.agreement_id.in_(scope))
    return [
        (agreement_id, party_code or "", currency, FlowType.PLEDGE.value, Decimal(value))
        for agreement_id, party_code, currency, value in session.execute(pledges)
    ] + [
        (agreement_id, party_code, currency, flow_type, Decimal(value))
        for agreement_id, party_code, currency, flow_type, value in session.execute(entered)
    ]


def _funding(session: Session, ids: list[int], slugs: dict[int, str]) -> tuple[FundingTotal, ...]:
    """Each page agreement's totals per (party, currency), as `funding(…, by="party")` gives them."""
    cells: dict[tuple[int, str, str], dict[str, Decimal]] = defaultdict(dict)
    for agreement_id, party_code, currency, flow_type, value in _funding_records(session, ids):
        cell = cells[(agreement_id, party_code, currency)]
        cell[flow_type] = cell.get(flow_type, Decimal(0)) + value
    order = [t.value for t in FlowType]
    position = {agreement_id: index for index, agreement_id in enumerate(ids)}
    return tuple(
        FundingTotal(slugs[agreement_id], party_code, currency, *(cell.get(t) for t in order))
        for (agreement_id, party_code, currency), cell in sorted(
            cells.items(), key=lambda item: (position[item[0][0]], item[0][1], item[0][2])
        )
    )


def _funding_overall(session: Session, scope: list[int] | None) -> dict[tuple[str, str, str], Decimal]:
    """(party, currency, flow type) → total over the agreements in scope, summed in SQL (over the
    whole record, `funding_tallies` has them already)."""
    pledges = (
        select(AmountRow.party_code, AmountRow.currency, func.sum(AmountRow.value))
        .join(CommitmentRow, CommitmentRow.id == AmountRow.commitment_id)
        .where(CommitmentRow.review_state.in_(REVIEWED), AmountRow.party_code.is_not(None))
        .group_by(AmountRow.party_code, AmountRow.currency)
    )
    entered = select(
        FundingFlowRow.party_code,
        FundingFlowRow.currency,
        FundingFlowRow.type,
        func.sum(FundingFlowRow.value),
    ).group_by(FundingFlowRow.party_code, FundingFlowRow.currency, FundingFlowRow.type)
    if scope is not None:
        pledges = pledges.where(CommitmentRow.agreement_id.in_(scope))
        entered = entered.where(FundingFlowRow.agreement_id.in_(scope))
    out: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for party_code, currency, total in session.execute(pledges):
        out[(party_code or "", currency, FlowType.PLEDGE.value)] += _money(total)
    for party_code, currency, flow_type, total in session.execute(entered):
        out[(party_code, currency, flow_type)] += _money(total)
    return dict(out)


def _money(total: object) -> Decimal:
    # SQLite sums NUMERIC as floating point: back to cents, as the column keeps them.
    return Decimal(str(total)).quantize(Decimal("0.01"))


def _deadlines(
    session: Session, scope: list[int] | None, day: dt.date
) -> tuple[tuple[Deadline, ...], tuple[Deadline, ...], int]:
    """The next LIMIT due within DEADLINE_WINDOW, the LIMIT most recently missed, and how many are
    missed in all: `due`'s list, read a page at a time from the database's due-date index."""
    horizon = day + DEADLINE_WINDOW
    kept = [CommitmentRow.due.is_not(None), CommitmentRow.review_state != ReviewState.REJECTED.value]
    if scope is not None:
        kept.append(CommitmentRow.agreement_id.in_(scope))
    soon = select(CommitmentRow.id).where(*kept, CommitmentRow.due >= day, CommitmentRow.due <= horizon)
    late = select(CommitmentRow.id).where(*kept, CommitmentRow.due < day)
    upcoming = list(session.scalars(soon.order_by(CommitmentRow.due, CommitmentRow.id).limit(LIMIT)))
    recent = list(
        session.scalars(late.order_by(CommitmentRow.due.desc(), CommitmentRow.id.desc()).limit(LIMIT))
    )
    # Counted as all minus the rejected ones: both read an index alone, where "not rejected"
    # would read every overdue commitment's row.
    overdue = [CommitmentRow.due < day] + (
        [CommitmentRow.agreement_id.in_(scope)] if scope is not None else []
    )
    late_count = int(session.scalar(select(func.count()).select_from(CommitmentRow).where(*overdue)) or 0)
    late_count -= int(
        session.scalar(
            select(func.count())
            .select_from(CommitmentRow)
            .where(*overdue, CommitmentRow.review_state == ReviewState.REJECTED.value)
        )
        or 0
    )
    views = views_by_id(session, upcoming + recent)
    found = [commitment_deadline(v, v.due, day) for v in views.values() if v.due is not None]
    actions = _open_actions(session, scope, horizon, day)
    found += actions
    ordered = sorted(found, key=lambda d: (d.due, d.kind != "commitment", d.commitment or 0, d.action or 0))
    missed = [d for d in ordered if d.overdue]
    return (
        tuple(d for d in ordered if not d.overdue)[:LIMIT],
        tuple(reversed(missed))[:LIMIT],
        late_count + sum(1 for d in actions if d.overdue),
    )


def _open_actions(
    session: Session, scope: list[int] | None, horizon: dt.date, day: dt.date
) -> list[Deadline]:
    """Action items not yet done and due by `horizon` (meetings set a handful each)."""
    query = select(ActionItemRow).where(ActionItemRow.done_on.is_(None), ActionItemRow.due <= horizon)
    if scope is not None:
        query = query.join(MeetingRow, MeetingRow.id == ActionItemRow.meeting_id).where(
            MeetingRow.agreement_id.in_(scope)
        )
    rows = list(session.scalars(query.order_by(ActionItemRow.due, ActionItemRow.id)))
    return [action_deadline(action, day) for action in action_views(session, rows)]
