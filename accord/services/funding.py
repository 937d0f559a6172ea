"""Funding per agreement: pledged vs committed vs disbursed vs spent, by commitment, party or area.

Pledges come from the amounts extracted from the text once a person has reviewed them
(accepted or edited), and from flows entered by hand; every other type is entered by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.funding import Flow, FlowType, currency_code, totals
from accord.domain.parties import party as known_party
from accord.domain.shapes import Number
from accord.errors import InputError
from accord.services.acting import writing
from accord.services.commitments import acting_parties, get_commitment
from accord.services.funding_views import REVIEWED, FlowView, agreement_flows, entered_flow
from accord.services.queries import fetch, find_agreement, require_party
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, AmountRow, CommitmentAreaRow, CommitmentRow, FundingFlowRow

GROUPINGS = ("party", "commitment", "area")


def get_flow(db: Database, flow_id: int) -> FlowView:
    hint = "the agreement's funding lists its flows"
    with db.reading() as session:
        return entered_flow(fetch(session, FundingFlowRow, flow_id, "funding flow", hint, subject="flow"))


@dataclass(frozen=True, slots=True)
class FundingLine:
    """A group's totals in one currency, per flow type (FlowType); None where no flow of that type."""

    group: str
    currency: str
    pledge: Number | None = None
    commitment: Number | None = None
    disbursement: Number | None = None
    expenditure: Number | None = None

    @property
    def amounts(self) -> dict[str, Decimal]:
        """Flow type → total, of the types with a flow."""
        totals = {t.value: getattr(self, t.value) for t in FlowType}
        return {flow_type: total for flow_type, total in totals.items() if total is not None}


def add_flow(
    db: Database,
    agreement: str,
    *,
    type: str,
    party: str,
    value: str,
    currency: str,
    commitment: int | None = None,
    period: str | None = None,
    on: dt.date | None = None,
    note: str | None = None,
    by: Principal | None,
) -> int:
    """Money is recorded by the party that gives it (`by` writes for `party`), and on a commitment
    only where that party acts: KR's disbursement is never attached to a US-only commitment."""
    if by is not None:
        by.require_write(party.strip().upper())  # first: a stranger learns nothing from the checks below
    flow_type = FlowType.parse(type)
    code = known_party(party).code
    money = currency_code(currency)
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise InputError(
            f"not an amount: {value!r}", hint="write the figure in units, e.g. 2500000000", field="amount"
        ) from None
    if amount <= 0:
        raise InputError(
            f"an amount must be positive, got {value}",
            hint="record money that flows, not refunds",
            field="amount",
        )
    with writing(db, by) as session:
        row = find_agreement(session, agreement)
        require_party(row, code)
        if by is not None:
            by.require_write(code)
        if commitment is not None:
            target = get_commitment(session, commitment)
            if target.agreement_id != row.id:
                raise InputError(
                    f"commitment {commitment} belongs to another agreement",
                    hint="choose a commitment of this agreement",
                    field="commitment",
                )
            actors = acting_parties(session, target.id)
            if code not in actors:
                raise InputError(
                    f"{code} does not act on commitment {commitment} (its actors: {', '.join(actors) or 'none'})",
                    hint="record money on a commitment of the party that gives it, or on the agreement",
                    field="commitment",
                )
        flow = FundingFlowRow(
            agreement_id=row.id,
            commitment_id=commitment,
            party_code=code,
            type=flow_type.value,
            value=amount,
            currency=money,
            period=period,
            made_on=on,
            note=note,
        )
        session.add(flow)
        session.flush()
        audit.append(
            session, "funding_add", f"agreement:{row.id}",
            after={"type": flow_type.value, "party": code, "value": str(amount), "currency": money, "commitment": commitment},
        )  # fmt: skip
        return flow.id


def _flows(session: Session, row: AgreementRow) -> list[FlowView]:
    amounts = session.execute(
        select(AmountRow, CommitmentRow.review_state)
        .join(CommitmentRow, CommitmentRow.id == AmountRow.commitment_id)
        .where(CommitmentRow.agreement_id == row.id)
        .order_by(AmountRow.commitment_id, AmountRow.start)
    )
    entered = session.scalars(
        select(FundingFlowRow).where(FundingFlowRow.agreement_id == row.id).order_by(FundingFlowRow.id)
    )
    return agreement_flows(amounts, entered)


def flows(db: Database, agreement: str) -> list[FlowView]:
    """Every flow: reviewed extracted pledges first, then flows entered by hand."""
    with db.reading() as session:
        return _flows(session, find_agreement(session, agreement))


def flows_by_agreement(db: Database, agreement: str | None = None) -> list[tuple[str, FlowView]]:
    """(agreement slug, flow) for one agreement or, by default, for every agreement in id order."""
    with db.reading() as session:
        rows = (
            [find_agreement(session, agreement)]
            if agreement is not None
            else session.scalars(select(AgreementRow).order_by(AgreementRow.id)).all()
        )
        return [(row.slug, flow) for row in rows for flow in _flows(session, row)]


def funding(db: Database, agreement: str, *, by: str = "party") -> list[FundingLine]:
    """Totals per (group, currency) and flow type; nothing is summed across types or currencies."""
    if by not in GROUPINGS:
        raise InputError(f"cannot group funding by {by!r}", hint="by party, commitment or area")
    with db.reading() as session:
        row = find_agreement(session, agreement)
        records: list[
            tuple[str, Decimal, str, str, int | None]
        ] = []  # type, value, currency, party, commitment
        for amount, state in session.execute(
            select(AmountRow, CommitmentRow.review_state)
            .join(CommitmentRow, CommitmentRow.id == AmountRow.commitment_id)
            .where(CommitmentRow.agreement_id == row.id)
        ):
            if state in REVIEWED and amount.party_code:
                records.append(
                    (
                        FlowType.PLEDGE.value,
                        amount.value,
                        amount.currency,
                        amount.party_code,
                        amount.commitment_id,
                    )
                )
        for flow in session.scalars(select(FundingFlowRow).where(FundingFlowRow.agreement_id == row.id)):
            records.append((flow.type, flow.value, flow.currency, flow.party_code, flow.commitment_id))
        areas: dict[int, list[str]] = {}
        if by == "area":
            for tagged, area in session.execute(
                select(CommitmentAreaRow.commitment_id, CommitmentAreaRow.area)
                .join(CommitmentRow, CommitmentRow.id == CommitmentAreaRow.commitment_id)
                .where(CommitmentRow.agreement_id == row.id)
            ):
                areas.setdefault(tagged, []).append(area)
    flows = []
    for flow_type, value, currency, party_code, commitment_id in records:
        if by == "party":
            groups = [party_code]
        elif by == "commitment":
            groups = [str(commitment_id) if commitment_id else "(none)"]
        else:
            # A flow for a commitment in two areas counts in each area's line; lines are not summed.
            groups = areas.get(commitment_id, ["(none)"]) if commitment_id else ["(none)"]
        flows += [Flow(FlowType(flow_type), Decimal(value), currency, group) for group in groups]
    return [
        FundingLine(group, currency, **{t.value: v for t, v in cell.items()})
        for (group, currency), cell in sorted(totals(flows).items())
    ]
