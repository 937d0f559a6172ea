"""Assessment cycles: guidelines, scores per commitment and party, reviews, and compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.compliance import Compliance, CycleKind, check_score, compliance
from accord.domain.parties import party as known_party
from accord.domain.shapes import Shape
from accord.errors import Conflict, InputError, NotFound
from accord.i18n import N_
from accord.services.acting import writing
from accord.services.commitments import get_commitment
from accord.services.once_per_party import record_once
from accord.services.queries import fetch, find_agreement, party_codes, require_party, slugs_by_id
from accord.services.versions import Stale, claim_version
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import (
    AgreementRow,
    AssessmentCycleRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    CycleReviewRow,
    GuidelineRow,
    ScoreRow,
)


@dataclass(frozen=True, slots=True)
class CycleView(Shape):
    id: int
    agreement: str
    kind: str
    period: tuple[dt.date, dt.date]  # its first and last day
    reviewed_by: list[str]
    status: Literal["preliminary", "final"]  # final once every party has reviewed
    scores: int

    @property
    def period_start(self) -> dt.date:
        return self.period[0]

    @property
    def period_end(self) -> dt.date:
        return self.period[1]

    @property
    def final(self) -> bool:
        return self.status == "final"


@dataclass(frozen=True, slots=True)
class ScoreView:
    commitment: int
    party: str
    score: int
    justification: str


def load_cycle(session: Session, cycle_id: int) -> AssessmentCycleRow:
    hint = "open an assessment cycle first"
    return fetch(session, AssessmentCycleRow, cycle_id, "assessment cycle", hint, subject="cycle")


def cycle_view(session: Session, row: AssessmentCycleRow) -> CycleView:
    return cycle_views(session, [row])[0]


def cycle_views(session: Session, rows: Sequence[AssessmentCycleRow]) -> list[CycleView]:
    """The views of these cycles in four queries, however many there are: their agreements' slugs,
    those agreements' parties, the cycles' reviews, and their scores counted."""
    if not rows:
        return []
    agreement_ids = {row.agreement_id for row in rows}
    cycle_ids = [row.id for row in rows]
    slugs = slugs_by_id(session, agreement_ids)
    parties = party_codes(session, agreement_ids)
    reviewed: dict[int, list[str]] = {}
    query = (
        select(CycleReviewRow.cycle_id, CycleReviewRow.party_code)
        .where(CycleReviewRow.cycle_id.in_(cycle_ids))
        .order_by(CycleReviewRow.cycle_id, CycleReviewRow.party_code)
    )
    for cycle_id, code in session.execute(query):
        reviewed.setdefault(cycle_id, []).append(code)
    scores: dict[int, int] = dict(
        session.execute(
            select(ScoreRow.cycle_id, func.count())
            .where(ScoreRow.cycle_id.in_(cycle_ids))
            .group_by(ScoreRow.cycle_id)
        ).all()
    )
    views = []
    for row in rows:
        done = reviewed.get(row.id, [])
        final = set(parties.get(row.agreement_id, [])) <= set(done)
        views.append(
            CycleView(
                row.id,
                slugs[row.agreement_id],
                row.kind,
                (row.period_start, row.period_end),
                done,
                "final" if final else "preliminary",
                scores.get(row.id, 0),
            )
        )
    return views


def open_cycle(
    db: Database, agreement: str, *, kind: str, start: dt.date, end: dt.date, by: Principal | None
) -> CycleView:
    """Open an assessment cycle: `by` is an analyst or an admin."""
    try:
        parsed = CycleKind(kind)
    except ValueError:
        raise InputError(f"unknown cycle kind {kind!r}", hint="interim or final", field="kind") from None
    if end < start:
        raise InputError(
            f"the period ends ({end}) before it starts ({start})",
            hint="the start of the period comes before its end",
            field="end",
        )
    with writing(db, by) as session:
        if by is not None:
            by.require_assessment()
        row = AssessmentCycleRow(
            agreement_id=find_agreement(session, agreement).id,
            kind=parsed.value,
            period_start=start,
            period_end=end,
        )
        session.add(row)
        session.flush()
        audit.append(
            session, "cycle_open", f"cycle:{row.id}", after={"kind": row.kind, "from": start, "to": end}
        )
        return cycle_view(session, row)


@dataclass(frozen=True, slots=True)
class GuidelineView:
    commitment: int
    text: str
    version: int


def write_guideline(
    db: Database, commitment_id: int, text: str, *, expected_version: int | None = None, by: Principal | None
) -> GuidelineView:
    """Write (or rewrite, before any score uses it) what compliance means for a commitment, and
    return it with its new version. `expected_version` is the version the writer read: 0 for a guideline
    that must not exist yet; a guideline changed since is refused with Stale and nothing changes.
    None writes whatever is there (the CLI's single user)."""
    if not text.strip():
        raise InputError(
            N_("a guideline needs text"), hint=N_("say what +1, 0 and -1 mean for this commitment")
        )
    with writing(db, by) as session:
        if by is not None:
            by.require_assessment()
        commitment = get_commitment(session, commitment_id)
        if (
            session.scalars(select(ScoreRow.id).where(ScoreRow.commitment_id == commitment.id)).first()
            is not None
        ):
            raise InputError(
                f"commitment {commitment.id} has been scored against its guideline",
                hint="guidelines are written in advance and do not change after scoring",
            )
        existing = session.get(GuidelineRow, commitment.id)
        audit.append(
            session, "guideline", f"commitment:{commitment.id}", before=existing.text if existing else None, after=text.strip()
        )  # fmt: skip
        if existing is not None:
            expected = existing.version if expected_version is None else expected_version
            claim_version(
                session, GuidelineRow, commitment.id, expected, "the guideline of commitment",
                column=GuidelineRow.commitment_id,
            )  # fmt: skip
            existing.text = text.strip()
            return GuidelineView(commitment.id, text.strip(), expected + 1)
        if expected_version not in (None, 0):
            raise Stale(
                f"commitment {commitment.id} has no guideline at version {expected_version}",
                hint="write its first guideline without If-Match",
            )
        session.add(GuidelineRow(commitment_id=commitment.id, text=text.strip(), version=1))
        try:
            session.flush()
        except IntegrityError:
            # Written by someone else since this writer read "none yet".
            raise Stale(
                f"the guideline of commitment {commitment.id} was written meanwhile",
                hint="read it again and repeat the change on the current version",
            ) from None
        return GuidelineView(commitment.id, text.strip(), 1)


def score(
    db: Database,
    cycle_id: int,
    commitment_id: int,
    *,
    party: str,
    value: int,
    justification: str,
    by: Principal | None,
) -> ScoreView:
    """Score a party on a commitment of the cycle's agreement (again: the new score replaces the old)."""
    code = known_party(party).code
    check_score(value)
    if not justification.strip():
        raise InputError(N_("a score needs a justification"), hint=N_("cite the evidence the score rests on"))
    with writing(db, by) as session:
        if by is not None:
            by.require_assessment()
        cycle = load_cycle(session, cycle_id)
        if cycle_view(session, cycle).final:
            raise InputError(f"cycle {cycle.id} is final", hint="open a new cycle to score again")
        commitment = get_commitment(session, commitment_id)
        if commitment.agreement_id != cycle.agreement_id:
            raise InputError(
                f"commitment {commitment.id} is not in this cycle's agreement", hint="check the ids"
            )
        if session.get(GuidelineRow, commitment.id) is None:
            raise InputError(
                f"commitment {commitment.id} has no guideline",
                hint="write the commitment's guideline first",
            )
        actors = set(
            session.scalars(
                select(CommitmentActorRow.party_code).where(CommitmentActorRow.commitment_id == commitment.id)
            )
        )
        if code not in actors:
            raise InputError(
                f"commitment {commitment.id} is not {code}'s", hint=f"its actors: {', '.join(sorted(actors))}"
            )
        audit.append(
            session,
            "score",
            f"cycle:{cycle.id}",
            after={"commitment": commitment.id, "party": code, "score": value},
        )
        existing = session.scalar(
            select(ScoreRow).where(
                ScoreRow.cycle_id == cycle.id,
                ScoreRow.commitment_id == commitment.id,
                ScoreRow.party_code == code,
            )
        )
        if existing is None:
            session.add(
                ScoreRow(
                    cycle_id=cycle.id,
                    commitment_id=commitment.id,
                    party_code=code,
                    score=value,
                    justification=justification,
                )
            )
        else:
            existing.score, existing.justification = value, justification
        return ScoreView(commitment.id, code, value, justification)


def review_cycle(db: Database, cycle_id: int, *, party: str, on: dt.date, by: Principal | None) -> CycleView:
    """A party's review of a cycle, once: by that party's secretariat (or an admin)."""
    if by is not None:
        by.require_act(party.strip().upper())  # first: a stranger learns nothing from the checks below
    code = known_party(party).code
    with writing(db, by) as session:
        if by is not None:
            by.require_act(code)
        cycle = load_cycle(session, cycle_id)
        agreement = session.get(AgreementRow, cycle.agreement_id)
        assert agreement is not None
        require_party(agreement, code)
        refusal = Conflict(f"{code} has already reviewed cycle {cycle.id}", hint="each party reviews once")
        row = CycleReviewRow(cycle_id=cycle.id, party_code=code, reviewed_on=on)
        record_once(session, row, (cycle.id, code), refusal, "cycle_review", f"cycle:{cycle.id}", on)
        return cycle_view(session, cycle)


def select_cycle(session: Session, agreement: AgreementRow, cycle: int | None) -> AssessmentCycleRow:
    """The cycle asked for, which must be one of the agreement's; by default its latest."""
    if cycle is None:
        latest = session.scalars(
            select(AssessmentCycleRow)
            .where(AssessmentCycleRow.agreement_id == agreement.id)
            .order_by(AssessmentCycleRow.id.desc())
        ).first()
        if latest is None:
            raise NotFound(
                f"{agreement.slug} has no assessment cycle",
                hint="open an assessment cycle first",
                subject="cycle",
            )
        return latest
    target = load_cycle(session, cycle)
    if target.agreement_id != agreement.id:
        own = session.scalars(
            select(AssessmentCycleRow.id)
            .where(AssessmentCycleRow.agreement_id == agreement.id)
            .order_by(AssessmentCycleRow.id)
        ).all()
        raise NotFound(
            f"cycle {cycle} is not an assessment cycle of {agreement.slug}",
            hint=f"its cycles: {', '.join(map(str, own))}" if own else "open an assessment cycle first",
            subject="cycle",
        )
    return target


def group_compliance(
    scores: Sequence[tuple[int, str, int]], areas: dict[int, list[str]], *, by: str, agreement: str
) -> list[Compliance]:
    """(commitment, party, score) triples → compliance per party, per area (a commitment in two areas
    counts in each; one in none under "(none)") or for the whole agreement."""
    if by == "party":
        pairs = [(party_code, value) for _, party_code, value in scores]
    elif by == "area":
        pairs = [
            (area, value)
            for commitment_id, _, value in scores
            for area in areas.get(commitment_id, ["(none)"])
        ]
    else:
        pairs = [(agreement, value) for _, _, value in scores]
    return compliance(pairs)


Graded = tuple[CycleView, list[Compliance], list[Compliance]]  # a cycle, its compliance by party, by area


def cycles_compliance(session: Session, cycle_ids: Sequence[int]) -> dict[int, Graded]:
    """Compliance by party and by area of several cycles (the overview shows every agreement's
    latest cycle), in the caller's transaction: the scores counted and summed in SQL, grouped as
    `group_compliance` groups them (a commitment in two areas counts in each, one in none under
    "(none)"), and the cycles' views in the fixed number of queries of `cycle_views`."""
    if not cycle_ids:
        return {}
    parties: dict[int, list[tuple[str, int, int]]] = {cycle_id: [] for cycle_id in cycle_ids}
    areas: dict[int, list[tuple[str, int, int]]] = {cycle_id: [] for cycle_id in cycle_ids}
    for cycle_id, party_code, n, total in session.execute(
        select(ScoreRow.cycle_id, ScoreRow.party_code, func.count(), func.sum(ScoreRow.score))
        .where(ScoreRow.cycle_id.in_(cycle_ids))
        .group_by(ScoreRow.cycle_id, ScoreRow.party_code)
    ):
        parties[cycle_id].append((party_code, int(n), int(total)))
    area = func.coalesce(CommitmentAreaRow.area, "(none)")
    for cycle_id, area_key, n, total in session.execute(
        select(ScoreRow.cycle_id, area, func.count(), func.sum(ScoreRow.score))
        .select_from(ScoreRow)
        .outerjoin(CommitmentAreaRow, CommitmentAreaRow.commitment_id == ScoreRow.commitment_id)
        .where(ScoreRow.cycle_id.in_(cycle_ids))
        .group_by(ScoreRow.cycle_id, area)
    ):
        areas[cycle_id].append((area_key, int(n), int(total)))
    rows = list(session.scalars(select(AssessmentCycleRow).where(AssessmentCycleRow.id.in_(cycle_ids))))
    return {
        view.id: (view, _summed(parties[view.id]), _summed(areas[view.id]))
        for view in cycle_views(session, rows)
    }


def _summed(groups: list[tuple[str, int, int]]) -> list[Compliance]:
    """(group, scores, their sum) → what `compliance` gives for those scores: the same mean, as
    an integer sum over an integer count, in group order."""
    return [Compliance(group, n, total / n) for group, n, total in sorted(groups)]


def compliance_report(
    db: Database, agreement: str, *, by: str = "party", cycle: int | None = None
) -> tuple[CycleView, list[Compliance]]:
    """Mean score and compliance % by party, area or for the agreement, for a cycle (default: the latest)."""
    if by not in ("party", "area", "agreement"):
        raise InputError(f"cannot group compliance by {by!r}", hint="by party, area or agreement")
    with db.reading() as session:
        target = select_cycle(session, find_agreement(session, agreement), cycle)
        scores = [
            (commitment_id, party_code, value)
            for commitment_id, party_code, value in session.execute(
                select(ScoreRow.commitment_id, ScoreRow.party_code, ScoreRow.score).where(
                    ScoreRow.cycle_id == target.id
                )
            )
        ]
        areas: dict[int, list[str]] = {}
        for commitment_id, area in session.execute(
            select(CommitmentAreaRow.commitment_id, CommitmentAreaRow.area).where(
                CommitmentAreaRow.commitment_id.in_({s[0] for s in scores})
            )
        ):
            areas.setdefault(commitment_id, []).append(area)
        view = cycle_view(session, target)
    return view, group_compliance(scores, areas, by=by, agreement=view.agreement)
