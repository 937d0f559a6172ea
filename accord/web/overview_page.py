"""The overview: where every agreement stands, with its progress, compliance and funding charts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from accord.domain.parties import all_parties
from accord.domain.progress import Level
from accord.reports.charts import compliance_chart, funding_chart, progress_chart
from accord.services.overview import AgreementCompliance, Overview, overview
from accord.storage.database import Database
from accord.web import i18n, labels
from accord.web.deps import Db
from accord.web.i18n import N_
from accord.web.render import PageRoute, party_name, render
from accord.web.visitors import PageVisitor

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


@dataclass(frozen=True, slots=True)
class Pooled:
    """Compliance over the latest cycle of every agreement: each score counts once, so an
    agreement with more scored commitments weighs more, as in a G7 summit's average."""

    group: str
    scores: int
    percent: float


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


def _pooled(results: tuple[AgreementCompliance, ...], side: str) -> list[Pooled]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for result in results:
        for group in getattr(result, side):
            if group.mean is not None:
                sums[group.group][0] += group.mean * group.scores
                sums[group.group][1] += group.scores
    return [
        Pooled(group, int(n), (total / n + 1) / 2 * 100) for group, (total, n) in sorted(sums.items()) if n
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
    view: Overview, language: str, by_party: list[Pooled], by_area: list[Pooled], *, draw: bool = True
) -> dict[str, Markup]:
    def t(message: str) -> str:
        return i18n.translate(language, message)

    names = _names(language)
    money: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for line in view.funding:  # the same currency and flow type add up across agreements
        for flow_type, amount in line.amounts:
            money[(line.party, line.currency, flow_type)] += amount
    return {
        "progress": progress_chart(
            view.progress_counts(), title=t(N_("Commitments by area and progress")), names=names,
            axis=t(N_("commitments")), empty=t(N_("No commitments yet")), chart_id="progress-chart", draw=draw,
        ),
        "compliance": compliance_chart(
            {p.group: p.percent for p in by_party}, {p.group: p.percent for p in by_area},
            title=t(N_("Compliance in the latest assessment cycle")), party_heading=t(N_("By party")),
            area_heading=t(N_("By area")), axis=t(N_("compliance %")), names=names,
            empty=t(N_("No assessment cycle has scores yet")), chart_id="compliance-chart", draw=draw,
        ),
        "funding": funding_chart(
            money, title=t(N_("Funding: pledged, committed, disbursed, spent")), names=names,
            empty=t(N_("No funding recorded yet")), chart_id="funding-chart", draw=draw,
        ),
    }  # fmt: skip


# The charts last drawn per language and chart: while the background warmer draws the charts of
# a record that just changed, a page shows these (marked as being redrawn) instead of waiting.
_LAST: dict[tuple[str, str], Markup] = {}


def _context(view: Overview, language: str, *, wait: bool = True) -> dict[str, object]:
    """With `wait` false, a chart not yet drawn for this record is the one last drawn, if any."""
    by_party, by_area = _pooled(view.compliance, "by_party"), _pooled(view.compliance, "by_area")
    charts = _charts(view, language, by_party, by_area, draw=wait)
    redrawing = [name for name, markup in charts.items() if not markup and (language, name) in _LAST]
    if any(not markup and name not in redrawing for name, markup in charts.items()):
        charts = _charts(view, language, by_party, by_area)  # nothing to show meanwhile: draw
        redrawing = []
    for name, markup in charts.items():
        if markup:
            _LAST[(language, name)] = markup
        else:
            charts[name] = _LAST[(language, name)]
    return {
        "view": view,
        "progress": _tables(view),
        "compliance": {"by_party": by_party, "by_area": by_area},
        "charts": charts,
        "redrawing": redrawing,
    }


def overview_charts(db: Database, language: str) -> dict[str, Markup]:
    """The overview's charts for the record as it is now (drawn, or from the cache)."""
    return _context(overview(db), language)["charts"]  # type: ignore[return-value]


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, db: Db, visitor: PageVisitor) -> HTMLResponse:
    # A server whose warmer draws new charts in the background does not make a visitor wait.
    warmer = getattr(request.app.state, "chart_warmer", None)
    warming = warmer is not None
    if warmer is not None:
        warmer.want()
    context = _context(overview(db), i18n.choose_language(request), wait=not warming)
    return render(request, "overview.html", context, alternate="/api/v1/overview")
