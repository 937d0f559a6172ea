"""Links across documents on the pages: the review queue, and deciding a suggestion from it or
from a commitment's lineage (the same service as `accord link` and the API)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.progress import Level
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor, Visitor
from accord.services.link_review import decide, may_decide
from accord.services.links import LinkView, list_links
from accord.services.queries import parties_by_agreement
from accord.web import forms
from accord.web.forms import Key, ShownProblem, form_page, submit
from accord.web.i18n import N_
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
LEVELS = [level.value for level in Level if level.value not in ("no_evidence", "withdrawn")]
RELATIONS = ["fulfills", "progress", "continues", "reaffirms"]
RELATION_LABELS = {
    "fulfills": N_("fulfills"),
    "progress": N_("reports progress on"),
    "continues": N_("continues"),
    "reaffirms": N_("reaffirms"),
}


def deciders(visitor: Visitor, views: list[LinkView], parties: dict[str, list[str]]) -> set[int]:
    """The links this visitor may decide (the service checks again when it writes)."""
    if visitor.principal is None:
        return set()
    principal: Principal = visitor.principal
    return {
        v.id for v in views if v.status == "suggested" and may_decide(principal, v.actors, parties.get(v.earlier.agreement, []))
    }  # fmt: skip


@router.get("/links", response_class=HTMLResponse)
def links_page(request: Request, db: Db, visitor: PageVisitor, *, problem: ShownProblem) -> HTMLResponse:
    agreement = request.query_params.get("agreement") or None
    views = list_links(db, agreement, status="suggested")
    parties = parties_by_agreement(db, {view.earlier.agreement for view in views})
    return form_page(
        request,
        "links.html",
        {
            "views": views,
            "agreement": agreement,
            "may": deciders(visitor, views, parties),
            "levels": LEVELS,
            "relations": RELATIONS,
            "relation_labels": RELATION_LABELS,
            "section": "links",
        },
        problem,
        alternate="/api/v1/links?status=suggested" + (f"&agreement={agreement}" if agreement else ""),
    )


@router.post("/links/{link}/decision")
def decide_link(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    link: Key,
    decision: Field = "",
    level: Field = "",
    party: Field = "",
    relation: Field = "",
    back: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        chosen = forms.choice(decision, ["accept", "reject"])
        decide(
            db, user, link, accept=chosen == "accept",
            level=forms.choice(level, LEVELS) if level else None,
            party=party.strip().upper() or None,
            relation=forms.choice(relation, RELATIONS) if relation else None,
        )  # fmt: skip
        # Only a path of this site: never an open redirect.
        return back if back.startswith("/") and not back.startswith("//") else "/links"

    return submit(
        request, visitor, f"link-{link}", write, lambda found: links_page(request, db, visitor, problem=found)
    )
