"""The analysts' pages: every agreement's assessment cycles, and one agreement's cycles with the
forms that open a cycle, write a commitment's guideline, score a party, and record a party's
review. accord.services.assessments decides who may (analysts and admins score; each party's
secretariat reviews)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal, Role
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor
from accord.i18n.labels import CYCLE_KINDS
from accord.services.agreement_pages import page_agreements
from accord.services.assessment_views import cycle_scores, cycles_by_agreement, guidelines_of, list_cycles
from accord.services.assessments import open_cycle, review_cycle, score, write_guideline
from accord.services.commitments import list_commitments
from accord.web import forms
from accord.web.forms import Key, Ref, ShownProblem, form_page, submit
from accord.web.i18n import N_
from accord.web.meetings_page import summary_of
from accord.web.paging import DEFAULT_LIMIT, PageLimit, PageNumber
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
SCORES = ["1", "0", "-1"]
DONE = {
    "opened": N_("The cycle is open."),
    "guideline": N_("The guideline is saved."),
    "scored": N_("The score is saved."),
    "reviewed": N_("Your party's review is recorded."),
}


def _assessor(principal: Principal | None) -> bool:
    """Whether to show the analysts' forms (the service decides again when one is sent)."""
    return principal is not None and principal.role in (Role.ANALYST, Role.ADMIN)


@router.get("/assessments", response_class=HTMLResponse)
def all_assessments(
    request: Request, db: Db, visitor: PageVisitor, page: PageNumber = 1, limit: PageLimit = DEFAULT_LIMIT
) -> HTMLResponse:
    found = page_agreements(db, page=page, limit=limit)
    cycles = cycles_by_agreement(db, [a.id for a in found.agreements])
    return render(
        request,
        "assessments.html",
        {
            "section": "assessments",
            "rows": [(a, cycles.get(a.slug, [])) for a in found.agreements],
            "assessor": _assessor(visitor.principal),
            "paging": found.paging,
            "path": "/assessments",
        },
    )


@router.get("/agreements/{agreement}/assessments", response_class=HTMLResponse)
def assessments_view(
    request: Request,
    db: Db,
    visitor: PageVisitor,
    agreement: Ref,
    cycle: Annotated[int | None, Query(ge=1, le=forms.MAX_ID)] = None,
    *,
    problem: ShownProblem,
) -> HTMLResponse:
    summary = summary_of(db, agreement)
    cycles = list_cycles(db, summary.slug)
    chosen = next((c for c in cycles if c.id == cycle), cycles[-1] if cycles else None)
    scores = {}
    if chosen is not None:
        scores = {(s.commitment, s.party): s for s in cycle_scores(db, chosen.id).scores}
    principal = visitor.principal
    reviewers = [
        code for code in summary.parties
        if principal is not None and principal.may_act_for(code) and chosen is not None
        and code not in chosen.reviewed_by
    ]  # fmt: skip
    return form_page(
        request,
        "agreement_assessments.html",
        {
            "section": "assessments",
            "agreement": summary,
            "cycles": cycles,
            "cycle": chosen,
            "commitments": list_commitments(db, summary.slug),
            "guidelines": guidelines_of(db, summary.slug),
            "scores": scores,
            "scored": {commitment for commitment, _ in scores},
            "score_values": SCORES,
            "kinds": list(CYCLE_KINDS),
            "assessor": _assessor(principal),
            "reviewers": reviewers,
            "today": dt.date.today(),
            "done": DONE.get(request.query_params.get("done", "")),
        },
        problem,
        alternate=f"/api/v1/agreements/{summary.slug}/cycles",
    )


def _page(agreement: str, cycle: int | None, done: str, anchor: str = "") -> str:
    query = f"?cycle={cycle}&done={done}" if cycle else f"?done={done}"
    return f"/agreements/{agreement}/assessments{query}{anchor}"


@router.post("/agreements/{agreement}/cycles")
def open_form(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    agreement: Ref,
    kind: Field = "",
    start: Field = "",
    end: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        chosen = forms.choice(kind, list(CYCLE_KINDS), field="kind")
        first = forms.day(start, field="start")
        last = forms.day(end, field="end")
        made = open_cycle(db, agreement, kind=chosen, start=first, end=last, by=user)
        return _page(agreement, made.id, "opened")

    return submit(
        request, visitor, "open", write,
        lambda found: assessments_view(request, db, visitor, agreement, problem=found),
        {"kind": kind, "start": start, "end": end},
    )  # fmt: skip


@router.post("/agreements/{agreement}/guidelines")
def guideline_form(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    agreement: Ref,
    commitment: Field = "",
    text: Field = "",
    version: Field = "",
    cycle: Field = "",
) -> Response:
    shown = forms.optional_number(cycle)

    def write(user: Principal) -> str:
        target = forms.number(commitment, field="commitment")
        read = int(version) if version.strip() == "0" else forms.version(version)
        said = forms.text(text, limit=10_000, field="text")
        write_guideline(db, target, said, expected_version=read, by=user)
        return _page(agreement, shown, "guideline", f"#c-{target}")

    return submit(
        request, visitor, f"guideline-{commitment.strip()}", write,
        lambda found: assessments_view(request, db, visitor, agreement, cycle=shown, problem=found),
        {"text": text},
    )  # fmt: skip


@router.post("/cycles/{cycle}/scores")
def score_form(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    cycle: Key,
    agreement: Field = "",
    commitment: Field = "",
    party: Field = "",
    value: Field = "",
    justification: Field = "",
) -> Response:
    slug = forms.text(agreement, limit=200, single_line=True)

    def write(user: Principal) -> str:
        target = forms.number(commitment, field="commitment")
        code = forms.text(party, limit=12, single_line=True, field="party")
        given = int(forms.choice(value, SCORES, field="value"))
        why = forms.text(justification, limit=10_000, field="justification")
        score(db, cycle, target, party=code, value=given, justification=why, by=user)
        return _page(slug, cycle, "scored", f"#c-{target}")

    return submit(
        request, visitor, f"score-{commitment.strip()}-{party.strip()}", write,
        lambda found: assessments_view(request, db, visitor, slug, cycle=cycle, problem=found),
        {"value": value, "justification": justification},
    )  # fmt: skip


@router.post("/cycles/{cycle}/reviews")
def review_form(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    cycle: Key,
    agreement: Field = "",
    party: Field = "",
    on: Field = "",
) -> Response:
    slug = forms.text(agreement, limit=200, single_line=True)

    def write(user: Principal) -> str:
        code = forms.text(party, limit=12, single_line=True, field="party")
        day = forms.day(on, field="on")
        review_cycle(db, cycle, party=code, on=day, by=user)
        return _page(slug, cycle, "reviewed")

    return submit(
        request, visitor, "review", write,
        lambda found: assessments_view(request, db, visitor, slug, cycle=cycle, problem=found),
        {"party": party, "on": on},
    )  # fmt: skip
