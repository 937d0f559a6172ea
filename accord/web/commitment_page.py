"""The commitment page, its side-panel fragment, and the form that records progress with evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.domain.parties import CODE_MAX_LENGTH
from accord.domain.progress import Level
from accord.errors import NotFound
from accord.services.commitments import get_view
from accord.services.dossiers import commitment_record
from accord.services.links import lineage
from accord.services.progress import record_progress
from accord.services.queries import list_agreements
from accord.services.users import Unauthorized
from accord.web.deps import Db
from accord.web.i18n import N_
from accord.web.links_page import LEVELS, RELATION_LABELS, RELATIONS, deciders
from accord.web.render import PageRoute, render
from accord.web.visitors import CheckedForm, PageVisitor, Visitor

router = APIRouter(include_in_schema=False, route_class=PageRoute)

MAX_ID = 2**31 - 1


def _writable(visitor: Visitor, actors: list[str]) -> list[str]:
    """The actor parties this visitor may record progress for."""
    if visitor.principal is None:
        return []
    return [code for code in actors if visitor.principal.may_write_for(code)]


def _id(commitment: int) -> int:
    if not 1 <= commitment <= MAX_ID:
        raise NotFound(f"no commitment {commitment}", hint="the agreement page links every commitment")
    return commitment


@router.get("/commitments/{commitment}", response_class=HTMLResponse)
def commitment_page(request: Request, db: Db, visitor: PageVisitor, commitment: int) -> HTMLResponse:
    record = commitment_record(db, _id(commitment))
    thread = lineage(db, record.commitment.id)
    views = thread.earlier + thread.later
    parties = {a.slug: a.parties for a in list_agreements(db)}
    return render(
        request,
        "commitment.html",
        {
            "thread": thread,
            "agreement_date": next(
                (a.date for a in list_agreements(db) if a.slug == record.commitment.agreement), None
            ),
            "may": deciders(visitor, views, parties),
            "levels": LEVELS,
            "relations": RELATIONS,
            "relation_labels": RELATION_LABELS,
            "back": f"/commitments/{record.commitment.id}#lineage",
            "r": record,
            "c": record.commitment,
            "writable": _writable(visitor, record.commitment.actors),
            "progress_levels": [level.value for level in Level],
            "today": dt.date.today(),
            "recorded": request.query_params.get("recorded") == "1",
            "section": "agreements",
        },
        alternate=f"/api/v1/commitments/{record.commitment.id}/record",
    )


@router.get("/commitments/{commitment}/panel", response_class=HTMLResponse)
def commitment_panel(request: Request, db: Db, visitor: PageVisitor, commitment: int) -> HTMLResponse:
    """The details opened beside the agreement's text (a fragment, fetched by accord.js)."""
    record = commitment_record(db, _id(commitment))
    return render(request, "_commitment_panel.html", {"r": record, "c": record.commitment})


NOT_SIGNED_IN = N_("Sign in to record progress.")


@router.post("/commitments/{commitment}/progress")
def add_progress(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    commitment: int,
    party: Annotated[str, Form(min_length=2, max_length=CODE_MAX_LENGTH)],
    level: Annotated[str, Form(max_length=32)],
    on: Annotated[dt.date, Form()],
    note: Annotated[str, Form(max_length=10_000)] = "",
    evidence_url: Annotated[str, Form(max_length=2000)] = "",
    evidence_on: Annotated[dt.date | None, Form()] = None,
) -> Response:
    """Progress for one actor party, by a user who may write for that party (else 403, nothing recorded)."""
    if visitor.principal is None:
        raise Unauthorized(NOT_SIGNED_IN, hint="")
    view = get_view(db, _id(commitment))
    code = party.strip().upper()
    record_progress(
        db, view.id, party=code, level=level, on=on, note=note.strip() or None,
        evidence_url=evidence_url.strip() or None, evidence_on=evidence_on,
        recorded_by=visitor.principal.name, by=visitor.principal,
    )  # fmt: skip
    return RedirectResponse(f"/commitments/{view.id}?recorded=1#progress", status_code=303)
