"""Joint Committee meetings: every agreement's meetings, one agreement's, and one meeting with
its agenda, minutes and approvals, decisions and action items (the forms post to meeting_forms)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.domain.access import Principal, Role
from accord.errors import NotFound
from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.i18n.labels import LEVELS
from accord.services.agreement_pages import page_agreements
from accord.services.bodies import BodyView, list_bodies
from accord.services.commitments import CommitmentView, list_commitments
from accord.services.meetings import (
    AgendaItem,
    MeetingRecord,
    MeetingView,
    agenda,
    list_meetings,
    meeting_record,
    meetings_by_agreement,
)
from accord.services.queries import AgreementSummary
from accord.services.queries import summary_of as agreement_summary
from accord.web.forms import Key, Ref, ShownProblem, form_page
from accord.web.i18n import N_
from accord.web.paging import DEFAULT_LIMIT, PageLimit, PageNumber
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

AGENDA_SECTIONS = {
    "action item": N_("Open action items"),
    "due": N_("Due within 90 days"),
    "overdue": N_("Overdue"),
    "stalled": N_("Stalled: nothing reported for 180 days"),
    "changed": N_("Changed since the last meeting"),
}
MINUTES_STATES = {
    "none": N_("No minutes yet"),
    "draft": N_("Draft"),
    "approved": N_("Approved by every party"),
}
DONE = {
    "planned": N_("The meeting is planned."),
    "minutes": N_("The minutes are saved. Earlier approvals, if any, were cleared."),
    "approved": N_("Your party's approval is recorded."),
    "decision": N_("The decision is recorded."),
    "action": N_("The action item is added."),
    "completed": N_("The action item is completed."),
}


def is_secretariat(principal: Principal | None, parties: list[str]) -> bool:
    """What Principal.require_secretariat allows, asked without raising (to show a form or not)."""
    if principal is None:
        return False
    return principal.role is Role.ADMIN or (principal.role is Role.SECRETARIAT and principal.party in parties)


def may_complete(principal: Principal | None, party: str | None, parties: list[str]) -> bool:
    if principal is None:
        return False
    return principal.may_write_for(party) if party is not None else is_secretariat(principal, parties)


def summary_of(db: Db, reference: str) -> AgreementSummary:
    """The agreement by id or slug, as find_agreement resolves it (an id first)."""
    try:
        return agreement_summary(db, reference)
    except NotFound:
        raise NotFound(f"no agreement {reference!r}", hint="the agreements page lists them") from None


def done_message(request: Request) -> str | None:
    return DONE.get(request.query_params.get("done", ""))


@dataclass(frozen=True, slots=True)
class MeetingPage:
    record: MeetingRecord
    agreement: AgreementSummary
    agenda: list[tuple[str, list[AgendaItem]]]
    may_write: bool  # plan, draft, decide, add action items
    approvable: list[str]  # parties whose approval the visitor may give now
    completable: set[int]  # open action items the visitor may complete
    commitments: list[CommitmentView] = field(default_factory=list)  # to link a new action item
    bodies: list[BodyView] = field(default_factory=list)
    quotes: dict[int, str] = field(default_factory=dict)  # of the commitments the items serve


def _grouped(items: list[AgendaItem]) -> list[tuple[str, list[AgendaItem]]]:
    return [
        (s, [i for i in items if i.section == s])
        for s in AGENDA_SECTIONS
        if any(i.section == s for i in items)
    ]


@router.get("/meetings/{meeting}", response_class=HTMLResponse)
def meeting_page(
    request: Request, db: Db, visitor: PageVisitor, meeting: Key, *, problem: ShownProblem
) -> HTMLResponse:
    record = meeting_record(db, meeting)
    view = record.meeting
    principal = visitor.principal
    may_write = is_secretariat(principal, view.parties)
    approvable = (
        [p for p in view.parties if p not in view.approved_by and principal.may_act_for(p)]
        if principal is not None and record.minutes is not None
        else []
    )
    commitments = list_commitments(db, view.agreement)
    served = {a.commitment for a in record.actions}
    page = MeetingPage(
        record,
        summary_of(db, view.agreement),
        _grouped(agenda(db, meeting)),
        may_write,
        approvable,
        {
            a.id
            for a in record.actions
            if a.done_on is None and may_complete(principal, a.party, view.parties)
        },
        commitments if may_write else [],
        [b for b in list_bodies(db) if b.party is None or b.party in view.parties] if may_write else [],
        {c.id: c.quote for c in commitments if c.id in served},
    )
    return form_page(
        request,
        "meeting.html",
        {
            "section": "meetings",
            "page": page,
            "done": done_message(request),
            "today": dt.date.today().isoformat(),
            "sections": AGENDA_SECTIONS,
            "minutes_states": MINUTES_STATES,
            "levels": list(LEVELS),
        },
        problem,
        alternate=f"/api/v1/meetings/{meeting}",
    )


@router.get("/agreements/{agreement}/meetings", response_class=HTMLResponse)
def agreement_meetings_page(
    request: Request, db: Db, visitor: PageVisitor, agreement: Ref, *, problem: ShownProblem
) -> HTMLResponse:
    summary = summary_of(db, agreement)
    meetings = list_meetings(db, summary.slug)
    return form_page(
        request,
        "meetings.html",
        {
            "section": "meetings",
            "agreement": summary,
            "meetings": meetings,
            "may_plan": is_secretariat(visitor.principal, summary.parties),
            "done": done_message(request),
            "minutes_states": MINUTES_STATES,
        },
        problem,
        alternate=f"/api/v1/agreements/{summary.slug}/meetings",
    )


@router.get("/meetings", response_class=HTMLResponse)
def all_meetings(
    request: Request, db: Db, visitor: PageVisitor, page: PageNumber = 1, limit: PageLimit = DEFAULT_LIMIT
) -> HTMLResponse:
    found = page_agreements(db, page=page, limit=limit)
    meetings = meetings_by_agreement(db, [summary.id for summary in found.agreements])
    lines: list[tuple[AgreementSummary, list[MeetingView]]] = [
        (summary, meetings.get(summary.slug, [])) for summary in found.agreements
    ]
    principal = visitor.principal
    return render(
        request,
        "all_meetings.html",
        {
            "section": "meetings",
            "lines": lines,
            "plannable": {s.slug for s, _ in lines if is_secretariat(principal, s.parties)},
            "minutes_states": MINUTES_STATES,
            "paging": found.paging,
            "path": "/meetings",
        },
        alternate="/api/v1/agreements",
    )
