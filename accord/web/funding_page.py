"""An agreement's money: the flows entered and read from the text, totals per party by type and
currency (never mixed), and the form that records a flow (accord.services.funding decides who may)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.funding import FlowType
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor
from accord.services.commitments import list_commitments
from accord.services.funding import add_flow, flows, funding
from accord.web import forms
from accord.web.forms import FieldError, Ref, ShownProblem, form_page, submit
from accord.web.i18n import N_
from accord.web.meetings_page import summary_of
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
_AMOUNT = re.compile(r"^[0-9][0-9,]{0,24}(\.[0-9]{1,2})?$")
_PERIOD = re.compile(r"^P([0-9]{1,4}[YMWD]){1,4}$")


@router.get("/agreements/{agreement}/funding", response_class=HTMLResponse)
def funding_view(
    request: Request, db: Db, visitor: PageVisitor, agreement: Ref, *, problem: ShownProblem
) -> HTMLResponse:
    summary = summary_of(db, agreement)
    principal = visitor.principal
    givers = [code for code in summary.parties if principal is not None and principal.may_write_for(code)]
    return form_page(
        request,
        "funding.html",
        {
            "section": "agreements",
            "agreement": summary,
            "flows": flows(db, summary.slug),
            "totals": funding(db, summary.slug, by="party"),
            "types": [t.value for t in FlowType],
            "givers": givers,
            "commitments": list_commitments(db, summary.slug),
            "done": N_("The flow is recorded.") if request.query_params.get("done") == "flow" else None,
        },
        problem,
        alternate=f"/api/v1/agreements/{summary.slug}/funding",
    )


def _amount(value: str) -> str:
    cleaned = value.strip().replace(" ", "")
    if not _AMOUNT.match(cleaned):
        raise FieldError(
            N_("“%(value)s” is not an amount."),
            hint=N_("Write the figure in units, e.g. 2500000000 or 1,500.50."),
            field="amount",
            value=value.strip()[:40],
        )
    return cleaned


def _period(value: str) -> str | None:
    cleaned = value.strip().upper()
    if cleaned and not _PERIOD.match(cleaned):
        raise FieldError(
            N_("“%(value)s” is not a period."), hint=N_("Write it as ISO 8601, e.g. P5Y or P18M."),
            field="period", value=cleaned[:40],
        )  # fmt: skip
    return cleaned or None


@router.post("/agreements/{agreement}/funding")
def record_flow(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    agreement: Ref,
    type: Field = "",
    party: Field = "",
    amount: Field = "",
    currency: Field = "",
    commitment: Field = "",
    period: Field = "",
    on: Field = "",
    note: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        kind = forms.choice(type, [t.value for t in FlowType], field="type")
        code = forms.text(party, limit=12, single_line=True, field="party")
        figure = _amount(amount)
        money = forms.text(currency, limit=3, single_line=True, field="currency")
        linked = forms.optional_number(commitment, field="commitment")
        span = _period(period)
        day = forms.optional_day(on, field="on")
        said = forms.optional_text(note, limit=10_000, field="note")
        add_flow(
            db, agreement, type=kind, party=code, value=figure, currency=money, commitment=linked,
            period=span, on=day, note=said, by=user,
        )  # fmt: skip
        return f"/agreements/{agreement}/funding?done=flow#flows"

    sent = {"type": type, "party": party, "amount": amount, "currency": currency, "commitment": commitment,
            "period": period, "on": on, "note": note}  # fmt: skip
    return submit(
        request, visitor, "flow", write, lambda found: funding_view(request, db, visitor, agreement, problem=found), sent
    )  # fmt: skip
