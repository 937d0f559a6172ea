"""The typed context every format of the compliance report is rendered from, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from accord import __version__
from accord.domain.compliance import Compliance
from accord.domain.parties import party
from accord.i18n import N_, translate
from accord.i18n.labels import label
from accord.reports.methods import methods
from accord.reports.scale import NOT_ACTOR, NOT_SCORED, SCALE, mean_label, percent_label, score_label, tone
from accord.services.report_data import ReportCommitment, ReportData

SHORT_QUOTE = 120
NO_AREA = "(none)"  # the area group of commitments tagged with none, as the services name it


@dataclass(frozen=True, slots=True)
class Cell:
    party: str
    label: str  # "+1", "0", "−1", "—" (not scored) or "n/a" (not the party's commitment)
    tone: str


@dataclass(frozen=True, slots=True)
class Row:
    commitment: ReportCommitment
    short: str
    cells: list[Cell]
    mean: str
    mean_tone: str


@dataclass(frozen=True, slots=True)
class Average:
    group: str
    name: str
    scores: int
    mean: str
    percent: str
    percent_value: float  # for the bar chart; 0 when nothing is scored
    tone: str


@dataclass(frozen=True, slots=True)
class ReportContext:
    data: ReportData
    language: str
    party_names: dict[str, str]
    rows: list[Row]
    by_party: list[Average]
    by_area: list[Average]
    overall: Average | None
    scored: int  # scores given
    scorable: int  # commitment × actor pairs that could be scored
    scale: list[tuple[int, str, str]]  # value, label, meaning
    methods: list[tuple[str, str]]
    not_actor: str
    version: str

    def label(self, vocabulary: str, value: str | None) -> str:
        return label(self.language, vocabulary, value)


def shorten(quote: str, limit: int = SHORT_QUOTE) -> str:
    text = " ".join(quote.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _average(row: Compliance, name: str) -> Average:
    return Average(
        row.group, name, row.scores, mean_label(row.mean), percent_label(row),
        row.percent or 0.0, tone(row.mean),
    )  # fmt: skip


def _row(commitment: ReportCommitment, parties: list[str], not_actor: str) -> Row:
    cells = []
    for code in parties:
        scored = commitment.scores.get(code)
        if scored is not None:
            cells.append(Cell(code, score_label(scored.score), tone(scored.score)))
        elif code in commitment.actors:
            cells.append(Cell(code, NOT_SCORED, "none"))
        else:
            cells.append(Cell(code, not_actor, "na"))
    values = [s.score for s in commitment.scores.values()]
    mean = sum(values) / len(values) if values else None
    return Row(commitment, shorten(commitment.quote), cells, mean_label(mean), tone(mean))


def party_name(language: str, code: str) -> str:
    found = party(code)
    return found.name_ko if language == "ko" else found.name_en


def area_name(language: str, group: str) -> str:
    return translate(language, N_("No area")) if group == NO_AREA else label(language, "area", group)


def context(data: ReportData, language: str = "en") -> ReportContext:
    names = {code: party_name(language, code) for code in data.agreement.parties}
    not_actor = translate(language, NOT_ACTOR)
    return ReportContext(
        data=data,
        language=language,
        party_names=names,
        rows=[_row(c, data.agreement.parties, not_actor) for c in data.commitments],
        by_party=[_average(r, names.get(r.group, r.group)) for r in data.by_party],
        by_area=[_average(r, area_name(language, r.group)) for r in data.by_area],
        overall=_average(data.overall[0], data.agreement.title) if data.overall else None,
        scored=sum(len(c.scores) for c in data.commitments),
        scorable=sum(len(set(c.actors) & set(data.agreement.parties)) for c in data.commitments),
        scale=[(value, score_label(value), translate(language, meaning)) for value, meaning in SCALE],
        methods=methods(data, language),
        not_actor=not_actor,
        version=__version__,
    )
