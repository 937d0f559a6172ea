"""The commitment page, its side-panel fragment, and the form that records progress with evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.parties import CODE_MAX_LENGTH
from accord.domain.progress import Level
from accord.errors import NotFound
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor, Visitor
from accord.limits import MAX_FILE, MAX_ID
from accord.services.dossiers import commitment_record
from accord.services.evidence import ACCEPT, check_evidence
from accord.services.links import lineage
from accord.services.progress import record_progress
from accord.services.queries import agreement_date, parties_by_agreement
from accord.web import forms
from accord.web.forms import Key, ShownProblem, form_page, submit
from accord.web.links_page import LEVELS, RELATION_LABELS, RELATIONS, deciders
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
NOTE_LIMIT = 10_000


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
def commitment_view(
    request: Request, db: Db, visitor: PageVisitor, commitment: int, *, problem: ShownProblem
) -> HTMLResponse:
    record = commitment_record(db, _id(commitment))
    thread = lineage(db, record.commitment.id)
    views = thread.earlier + thread.later
    parties = parties_by_agreement(db, {view.earlier.agreement for view in views})
    return form_page(
        request,
        "commitment.html",
        {
            "thread": thread,
            "agreement_date": agreement_date(db, record.commitment.agreement),
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
            "accept": ACCEPT,
        },
        problem,
        alternate=f"/api/v1/commitments/{record.commitment.id}/record",
    )


@router.get("/commitments/{commitment}/panel", response_class=HTMLResponse)
def commitment_panel(request: Request, db: Db, visitor: PageVisitor, commitment: int) -> HTMLResponse:
    """The details opened beside the agreement's text (a fragment, fetched by accord.js)."""
    record = commitment_record(db, _id(commitment))
    return render(request, "_commitment_panel.html", {"r": record, "c": record.commitment})


@router.post("/commitments/{commitment}/progress")
def add_progress(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    commitment: Key,
    party: Field = "",
    level: Field = "",
    on: Field = "",
    note: Field = "",
    evidence_url: Field = "",
    evidence_on: Field = "",
    evidence_file: Annotated[UploadFile | str | None, File()] = None,
) -> Response:
    """Progress for one actor party, by a user who may write for that party (else 403, nothing
    recorded); bad input shows the page again, filled in, with the problem beside its field."""

    def write(user: Principal) -> str:
        code = forms.text(party, limit=CODE_MAX_LENGTH, single_line=True, field="party").upper()
        reached = forms.choice(level, [value.value for value in Level], field="level")
        day = forms.day(on, field="on")
        dated = forms.optional_day(evidence_on, field="evidence_on")
        link = forms.url(evidence_url, field="evidence_url")
        said = forms.optional_text(note, limit=NOTE_LIMIT, field="note")
        sent_file = forms.upload(evidence_file, limit=MAX_FILE)
        evidence = check_evidence(*sent_file) if sent_file else None
        record_progress(
            db, commitment, party=code, level=reached, on=day, note=said, evidence_url=link,
            evidence_on=dated, evidence=evidence, recorded_by=user.name, by=user,
        )  # fmt: skip
        return f"/commitments/{commitment}?recorded=1#progress"

    sent = {"party": party, "level": level, "on": on, "note": note, "evidence_url": evidence_url,
            "evidence_on": evidence_on}  # fmt: skip
    return submit(
        request, visitor, "progress", write,
        lambda found: commitment_view(request, db, visitor, commitment, problem=found), sent,
    )  # fmt: skip
