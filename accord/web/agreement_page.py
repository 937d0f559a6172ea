"""The agreement page: its text with every commitment highlighted, its terms and timeline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.services.assessment_views import list_cycles
from accord.services.commitments import list_commitments
from accord.services.lifecycle import timeline
from accord.services.partnerships import partnerships_of
from accord.services.queries import ProvisionNode, agreement_detail
from accord.web.document import document_html
from accord.web.highlight import Mark
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)


def _provision_anchors(tree: list[ProvisionNode]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    stack = list(tree)
    while stack:
        node = stack.pop()
        out.setdefault(node.start, []).append(f"provision-{node.id}")
        stack.extend(node.children)
    return out


def _quoted(span: str | None, text: str) -> tuple[int, int] | None:
    """`?span=START-END`: the characters a link or a progress entry cites (ignored if not a span)."""
    if not span:
        return None
    start, _, end = span.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    first, last = int(start), int(end)
    return (first, last) if 0 <= first < last <= len(text) else None


@router.get("/agreements/{reference}", response_class=HTMLResponse)
def agreement_page(request: Request, db: Db, visitor: PageVisitor, reference: str) -> HTMLResponse:
    detail = agreement_detail(db, reference)
    slug = detail.summary.slug
    commitments = list_commitments(db, slug)
    # Spans point into the text they were read from; after an amendment the latest text may
    # differ, and a commitment whose quote is no longer at its span is listed, not highlighted.
    shown = [c for c in commitments if detail.text[c.start : c.end] == c.quote]
    marks = [Mark(c.id, c.start, c.end, c.strength) for c in shown]
    placed = {c.id for c in shown}  # by id: comparing whole views pairwise took 100 ms for 350
    strengths = {s: sum(1 for c in shown if c.strength == s) for s in ("firm", "intent", "aspiration")}
    anchors = _provision_anchors(detail.tree)
    quoted = _quoted(request.query_params.get("span"), detail.text)
    if quoted is not None:
        anchors.setdefault(quoted[0], []).append("quote")
    return render(
        request,
        "agreement.html",
        {
            "a": detail.summary,
            "terms": detail.terms,
            "source": detail.source,
            "text": document_html(detail.text, detail.tree, marks, anchors),
            "quoted": detail.text[quoted[0] : quoted[1]] if quoted else None,
            "commitments": commitments,
            "unplaced": [c for c in commitments if c.id not in placed],
            "strengths": strengths,
            "life": timeline(db, slug),
            "partnerships": partnerships_of(db, slug),
            "cycles": list_cycles(db, slug),
            "section": "agreements",
        },
        alternate=f"/api/v1/agreements/{slug}",
    )
