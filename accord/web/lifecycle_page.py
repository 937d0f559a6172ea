"""An agreement's life: the timeline of its acts (each with the date it was made and the date
it takes effect), its amendments, and the forms for the acts a party's secretariat records."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.lifecycle import Act
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor
from accord.limits import MAX_FILE
from accord.services.lifecycle import amendments, propose_amendment, record, timeline
from accord.web import forms
from accord.web.forms import FieldError, Ref, ShownProblem, form_page, submit
from accord.web.i18n import N_
from accord.web.meetings_page import is_secretariat, summary_of
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
ACTS = [Act.SIGN.value, Act.CONSENT.value, Act.NOTICE.value, Act.WITHDRAW_NOTICE.value]
# The documents an amended text may come as, by file suffix (the loaders of accord.text read them).
SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx")
DONE = {
    "sign": N_("The signature is recorded."),
    "consent": N_("The consent is recorded."),
    "notice": N_("The notice is recorded."),
    "withdraw_notice": N_("The withdrawal of the notice is recorded."),
    "propose_amendment": N_("The amendment is proposed; it takes effect once every party has consented."),
}


@router.get("/agreements/{agreement}/lifecycle", response_class=HTMLResponse)
def lifecycle_page(
    request: Request, db: Db, visitor: PageVisitor, agreement: Ref, *, problem: ShownProblem
) -> HTMLResponse:
    summary = summary_of(db, agreement)
    principal = visitor.principal
    versions = amendments(db, summary.slug)
    return form_page(
        request,
        "lifecycle.html",
        {
            "section": "agreements",
            "agreement": summary,
            "life": timeline(db, summary.slug),
            "amendments": versions,
            "pending": [v for v in versions if v.in_effect_on is None],
            "actable": [p for p in summary.parties if principal is not None and principal.may_act_for(p)],
            "may_amend": is_secretariat(principal, summary.parties),
            "done": DONE.get(request.query_params.get("done", "")),
            "today": dt.date.today().isoformat(),
        },
        problem,
        alternate=f"/api/v1/agreements/{summary.slug}/timeline",
    )


@router.post("/agreements/{agreement}/acts")
def act(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    agreement: Ref,
    act: Field = "",
    party: Field = "",
    on: Field = "",
    signatory: Field = "",
    version: Field = "",
) -> Response:
    chosen = act.strip() if act.strip() in ACTS else "act"

    def write(user: Principal) -> str:
        code = party.strip().upper()
        kind = Act(forms.choice(act, ACTS))
        day = forms.day(on)
        who = forms.optional_text(signatory, limit=300, single_line=True)
        amended = forms.number(version) if kind is Act.CONSENT else None
        slug = summary_of(db, agreement).slug
        record(db, slug, kind, on=day, party=code, version=amended, signatory=who, by=user)
        return f"/agreements/{slug}/lifecycle?done={kind.value}"

    return submit(
        request, visitor, chosen, write,
        lambda found: lifecycle_page(request, db, visitor, agreement, problem=found),
        {"party": party, "on": on, "signatory": signatory, "version": version},
    )  # fmt: skip


def _document(text: str, upload: UploadFile | None) -> tuple[str, str, bytes]:
    """The amended text's name, suffix and bytes: the file if one was chosen, else the textarea."""
    if upload is not None and upload.filename:
        name = PurePath(upload.filename.replace("\\", "/")).name
        suffix = PurePath(name).suffix.lower()
        if suffix not in SUFFIXES:
            raise FieldError(
                N_("A “%(suffix)s” file cannot be read."),
                hint=N_("Send a .txt, .md, .html, .pdf or .docx file, or paste the text."),
                suffix=suffix or name[:40],
            )
        data = upload.file.read(MAX_FILE + 1)
        if len(data) > MAX_FILE:
            raise FieldError(
                N_("The file is larger than 20 MB."), hint=N_("Ingest it with the command line.")
            )
        stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in PurePath(name).stem)[:100]
        return stem or "amendment", suffix, data
    pasted = forms.text(text, limit=MAX_FILE)
    return "amendment", ".txt", pasted.encode()


@router.post("/agreements/{agreement}/amendments")
def amend(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    agreement: Ref,
    on: Field = "",
    text: Field = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    def write(user: Principal) -> str:
        summary = summary_of(db, agreement)
        day = forms.day(on)
        name, suffix, data = _document(text, file)
        propose_amendment(db, summary.slug, name=name, suffix=suffix, data=data, on=day, by=user)
        return f"/agreements/{summary.slug}/lifecycle?done=propose_amendment"

    return submit(
        request, visitor, "propose_amendment", write,
        lambda found: lifecycle_page(request, db, visitor, agreement, problem=found), {"on": on, "text": text},
    )  # fmt: skip
