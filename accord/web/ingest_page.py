"""Adding an agreement from the pages: upload its document with its metadata. The same service
as `accord ingest` and `POST /api/v1/documents` reads it and decides who may add it
(secretariats, for agreements their party is party to, and admins)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.parties import party_list
from accord.errors import AccordError
from accord.http.deps import Db
from accord.http.documents import MAX_UPLOAD, TYPES
from accord.http.visitors import CheckedForm, PageVisitor
from accord.services.ingest import ingest_upload
from accord.web import forms
from accord.web.forms import FieldError, ShownProblem, form_page, submit
from accord.web.i18n import N_
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
SUFFIXES = sorted(set(TYPES.values()))
_CODES = re.compile(r"[\s,;]+")


@router.get("/agreements/new", response_class=HTMLResponse)
def ingest_view(request: Request, visitor: PageVisitor, *, problem: ShownProblem) -> HTMLResponse:
    return form_page(
        request,
        "ingest.html",
        {
            "section": "agreements",
            "kinds": [kind.value for kind in AgreementKind],
            "accept": ",".join([*TYPES, *SUFFIXES]),
        },
        problem,
    )


def _document(value: UploadFile | str | None) -> tuple[str, str, bytes]:
    sent = forms.upload(value, limit=MAX_UPLOAD)
    if sent is None:
        raise FieldError(
            N_("Choose the document's file."), hint=N_("TXT, Markdown, HTML, PDF or DOCX."), field="document"
        )
    name, declared, data = sent
    suffix = TYPES.get((declared or "").split(";")[0].strip().lower())
    by_name = next((s for s in SUFFIXES if name.lower().endswith(s)), None)
    suffix = by_name or suffix  # the browser may declare a generic type; the name's suffix is precise
    if suffix is None:
        raise FieldError(
            N_("The document is not of a type accepted."), hint=N_("TXT, Markdown, HTML, PDF or DOCX."),
            field="document",
        )  # fmt: skip
    if len(data) > MAX_UPLOAD:
        raise FieldError(
            N_("The document is larger than 20 MB."),
            hint=N_("Split it into several documents."),
            field="document",
        )
    stem = re.sub(r"[^\w.\- ]", "-", name.rsplit("/", 1)[-1])[:150] or "document"
    return stem, suffix, data


@router.post("/agreements/new")
def ingest_form(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    title: Field = "",
    date: Field = "",
    kind: Field = "",
    parties: Field = "",
    document: Annotated[UploadFile | str | None, File()] = None,
) -> Response:
    def write(user: Principal) -> str:
        named = forms.optional_text(title, limit=1000, single_line=True, field="title")
        day = forms.optional_day(date, field="date")
        chosen = forms.optional_choice(kind, [k.value for k in AgreementKind], field="kind")
        codes = [code for code in _CODES.split(parties.strip()) if code]
        try:
            members = party_list(codes)
        except AccordError as error:  # an unknown or repeated code: shown beside the parties field
            error.field = "parties"
            raise
        name, suffix, data = _document(document)
        meta = AgreementMeta(
            title=named, date=day, kind=AgreementKind.parse(chosen) if chosen else None, parties=members
        )
        result = ingest_upload(db, name, suffix, data, meta, by=user)
        return f"/agreements/{result.slug}?added=1"

    sent = {"title": title, "date": date, "kind": kind, "parties": parties}
    return submit(
        request,
        visitor,
        "ingest",
        write,
        lambda found: ingest_view(request, visitor, problem=found),
        sent,
    )
