"""Search over provisions and commitments, each hit with its snippet highlighted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from accord.errors import InputError
from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.services.queries import AgreementSummary, summaries_by_slug
from accord.services.search import MARKS, search
from accord.services.semantic_search import semantic_search
from accord.web import forms
from accord.web.forms import Problem, form_page, problem
from accord.web.i18n import N_
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

LIMIT = 50
KINDS = {"provision": N_("Provision"), "commitment": N_("Commitment")}
_SPLIT = re.compile("(" + "|".join(re.escape(mark) for mark in MARKS) + ")")


def highlighted(snippet: str) -> Markup:
    """The snippet escaped, its marked matches in <mark>. Only the service's marks become markup;
    a mark character the document itself holds where none is open (or closed) stays text."""
    start, end = MARKS
    html: list[str] = []
    inside = False
    for piece in _SPLIT.split(snippet):
        if piece == start and not inside:
            html.append("<mark>")
            inside = True
        elif piece == end and inside:
            html.append("</mark>")
            inside = False
        else:
            html.append(str(escape(piece)))
    if inside:
        html.append("</mark>")
    return Markup("".join(html))


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    id: int
    agreement: AgreementSummary | None
    slug: str
    snippet: Markup

    @property
    def href(self) -> str:
        if self.kind == "commitment":
            return f"/commitments/{self.id}"
        return f"/agreements/{self.slug}#provision-{self.id}"


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, db: Db, visitor: PageVisitor, q: str = "", mode: str = "words"
) -> HTMLResponse:
    found: Problem | None = None
    hits: list[Hit] = []
    semantic = mode == "semantic"
    try:
        query = forms.optional_text(q, limit=500, single_line=True)
        if query is not None:
            if semantic:
                # By meaning and stemmed words together, one hit per commitment.
                meant = semantic_search(db, query, limit=LIMIT)
                agreements = summaries_by_slug(db, {h.agreement for h in meant})
                hits = [
                    Hit("commitment", h.id, agreements.get(h.agreement), h.agreement, Markup(escape(h.quote)))
                    for h in meant
                ]
            else:
                worded = search(db, query, limit=LIMIT)
                agreements = summaries_by_slug(db, {r.agreement for r in worded})
                hits = [
                    Hit(r.kind, r.id, agreements.get(r.agreement), r.agreement, highlighted(r.snippet))
                    for r in worded
                ]
    except InputError as error:
        found = problem(request, "search", error)
    return form_page(
        request,
        "search.html",
        {"section": "search", "q": q, "hits": hits, "kinds": KINDS, "limit": LIMIT, "semantic": semantic},
        found,
        alternate=("/api/v1/search/semantic?" if semantic else "/api/v1/search?")
        + urlencode({"q": q, "limit": LIMIT})
        if q.strip() and not found
        else None,
    )
