"""The overview: where every agreement stands, with its progress, compliance and funding charts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from accord.domain.parties import all_parties
from accord.domain.progress import Level
from accord.http.deps import Db
from accord.http.visitors import PageVisitor
from accord.i18n import labels
from accord.reports.charts import Drawer, compliance_chart, funding_chart, progress_chart
from accord.services.overview import MAX_PAGE, PAGE, ChartFigures, Overview, overview
from accord.web import i18n
from accord.web.i18n import N_
from accord.web.render import PageRoute, party_name, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)


@dataclass(frozen=True, slots=True)
class ProgressTable:
    """Commitments of one agreement by actor party and current level (a commitment of two parties
    counts once for each); each count links to the API query that lists them."""

    agreement: str
    title: str
    parties: tuple[str, ...]
    levels: list[str]
    counts: dict[tuple[str, str], int]


def _tables(view: Overview) -> list[ProgressTable]:
    levels = [level.value for level in Level]
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for total in view.progress_totals:
        counts[total.agreement][(total.party, total.level)] = total.count
    return [
        ProgressTable(
            a.slug,
            a.title,
            a.parties,
            levels,
            {(p, lv): counts[a.slug].get((p, lv), 0) for p in a.parties for lv in levels},
        )
        for a in view.agreements
    ]


def _names(language: str) -> dict[str, str]:
    """Labels of every key a chart may show, in the page's language."""
    names = {
        key: i18n.translate(language, message)
        for vocabulary in (labels.AREAS, labels.LEVELS, labels.FLOW_TYPES)
        for key, message in vocabulary.items()
    }
    names["(none)"] = i18n.translate(language, N_("No area"))
    names.update({code: party_name(language, code) for code in all_parties()})
    return names


def _charts(
    figures: ChartFigures, language: str, *, draw: bool = True, drawer: Drawer | None = None
) -> dict[str, Markup]:
    def t(message: str) -> str:
        return i18n.translate(language, message)

    names = _names(language)
    # Over every agreement, whatever the page: the same currency and flow type add up across them.
    return {
        "progress": progress_chart(
            figures.progress, title=t(N_("Commitments by area and progress")), names=names,
            axis=t(N_("commitments")), empty=t(N_("No commitments yet")), chart_id="progress-chart", draw=draw,
            drawer=drawer,
        ),
        "compliance": compliance_chart(
            {c.group: c.percent for c in figures.compliance_by_party if c.percent is not None},
            {c.group: c.percent for c in figures.compliance_by_area if c.percent is not None},
            title=t(N_("Compliance in the latest assessment cycle")), party_heading=t(N_("By party")),
            area_heading=t(N_("By area")), axis=t(N_("compliance %")), names=names,
            empty=t(N_("No assessment cycle has scores yet")), chart_id="compliance-chart", draw=draw,
            drawer=drawer,
        ),
        "funding": funding_chart(
            figures.funding, title=t(N_("Funding: pledged, committed, disbursed, spent")), names=names,
            empty=t(N_("No funding recorded yet")), chart_id="funding-chart", draw=draw, language=language,
            drawer=drawer,
        ),
    }  # fmt: skip


# The charts last drawn per language and chart: while the background warmer draws the charts of
# a record that just changed, a page shows these (marked as being redrawn) instead of waiting.
_LAST: dict[tuple[str, str], Markup] = {}


def _context(view: Overview, language: str, *, wait: bool = True) -> dict[str, object]:
    """With `wait` false, a chart not yet drawn for this record is the one last drawn, if any."""
    figures = view.figures()
    charts = _charts(figures, language, draw=wait)
    redrawing = [name for name, markup in charts.items() if not markup and (language, name) in _LAST]
    if any(not markup and name not in redrawing for name, markup in charts.items()):
        charts = _charts(figures, language)  # nothing to show meanwhile: draw
        redrawing = []
    for name, markup in charts.items():
        if markup:
            _LAST[(language, name)] = markup
        else:
            charts[name] = _LAST[(language, name)]
    return {
        "view": view,
        "progress": _tables(view),
        "charts": charts,
        "redrawing": redrawing,
    }


def draw_charts(figures: ChartFigures, language: str, drawer: Drawer) -> None:
    """Have the overview's charts of these figures drawn by `drawer`, for the pages to find."""
    for name, markup in _charts(figures, language, drawer=drawer).items():
        _LAST[(language, name)] = markup


@router.get("/", response_class=HTMLResponse)
def overview_page(
    request: Request,
    db: Db,
    visitor: PageVisitor,
    cursor: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
) -> HTMLResponse:
    # A server whose warmer draws new charts in the background does not make a visitor wait.
    warming = getattr(request.app.state, "chart_warmer", None) is not None
    view = overview(db, cursor=cursor, limit=limit, area_cells=False)  # the charts show them overall
    context = {**_context(view, i18n.choose_language(request), wait=not warming), "cursor": cursor}
    return render(request, "overview.html", context, alternate="/api/v1/overview")
