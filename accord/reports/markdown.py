"""The compliance report as plain Markdown: headings, paragraphs and pipe tables."""

from __future__ import annotations

from accord.reports.context import Average, ReportContext
from accord.reports.scale import NOT_ACTOR, NOT_SCORED, score_label


def plain(text: str) -> str:
    """Recorded text on one line, with no way to start raw HTML (Markdown renderers pass it through)."""
    return " ".join(text.split()).replace("<", "&lt;")


def cell(text: str) -> str:
    """Text that stays inside one table cell: no line breaks, pipes escaped."""
    return plain(text).replace("\\", "\\\\").replace("|", "\\|")


def table(header: list[str], rows: list[list[str]], *, right: frozenset[int] = frozenset()) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "| " + " | ".join(rule) + " |",
        *("| " + " | ".join(cell(v) for v in row) + " |" for row in rows),
    ]


def _averages(label: str, averages: list[Average]) -> list[str]:
    return table(
        [label, "scores", "mean", "compliance"],
        [
            [a.name if a.name == a.group else f"{a.name} ({a.group})", str(a.scores), a.mean, a.percent]
            for a in averages
        ],
        right=frozenset({1, 2, 3}),
    )


def render_markdown(report: ReportContext) -> str:
    data, cycle = report.data, report.data.cycle
    status = "final" if cycle.final else "preliminary"
    lines = [
        f"# Compliance report: {cell(data.title)}",
        "",
        f"- Agreement: `{data.slug}` · {data.kind}" + (f" · {data.date.isoformat()}" if data.date else ""),
        "- Parties: " + " · ".join(f"{report.party_names[code]} ({code})" for code in data.parties),
        f"- Cycle {cycle.id}: {cycle.kind} assessment, {cycle.period_start.isoformat()} – "
        f"{cycle.period_end.isoformat()}, {status}"
        + (f" (reviewed by {', '.join(cycle.reviewed_by)})" if cycle.reviewed_by else ""),
        f"- Scored: {report.scored} of {report.scorable} commitment × party pairs, "
        f"{len(data.commitments)} commitments",
        "",
        "## Summary",
        "",
        (
            f"Overall compliance **{report.overall.percent}** (mean score {report.overall.mean} over "
            f"{report.overall.scores} scores)."
            if report.overall
            else "No commitment has been scored in this cycle yet."
        ),
        "",
        "### By party",
        "",
        *_averages("party", report.by_party),
        "",
        "### By area",
        "",
        *_averages("area", report.by_area),
        "",
        "## Scores by commitment and party",
        "",
        *table(
            ["no.", "commitment", *data.parties, "mean"],
            [
                [str(row.commitment.id), row.short, *(c.label for c in row.cells), row.mean]
                for row in report.rows
            ],
            right=frozenset({0}),
        ),
        "",
        " · ".join(f"{label} {meaning}" for _, label, meaning in report.scale)
        + f" · {NOT_SCORED} not scored · {NOT_ACTOR} not this party's commitment",
        "",
        "## Evidence by commitment",
    ]
    for row in report.rows:
        c = row.commitment
        lines += [
            "",
            f"### {c.id} · {c.strength or 'strength not stated'}"
            + (f" · {', '.join(c.areas)}" if c.areas else "")
            + f" · {' + '.join(c.actors)}",
            "",
            "> " + plain(c.quote),
            "",
            f"Guideline: {plain(c.guideline or 'none written')}",
            "",
        ]
        if not c.scores:
            lines.append("Not scored in this cycle.")
        for code in data.parties:
            scored = c.scores.get(code)
            if scored is None:
                continue
            lines.append(
                f"- **{score_label(scored.score)} {report.party_names[code]}**: "
                + plain(scored.justification)
            )
            for e in scored.evidence:
                parts = [e.made_on.isoformat(), e.level.replace("_", " ")]
                if e.url:
                    parts.append(
                        f"<{e.url.replace('>', '%3E')}>"
                        + (f" ({e.evidence_on.isoformat()})" if e.evidence_on else "")
                    )
                if e.file:
                    parts.append(f"file {plain(e.file)}")
                if e.note:
                    parts.append(plain(e.note))
                lines.append(
                    "  - " + " · ".join(parts) + (f" — {plain(e.recorded_by)}" if e.recorded_by else "")
                )
            if not scored.evidence:
                lines.append(f"  - no progress recorded by {cycle.period_end.isoformat()}")
    lines += ["", "## Methods"]
    for heading, text in report.methods:
        lines += ["", f"### {heading}", "", text]
    lines += ["", *table(["score", "meaning"], [[label, meaning] for _, label, meaning in report.scale]), ""]
    lines.append(f"Made with accord {report.version} from the record of cycle {cycle.id}.")
    return "\n".join(lines) + "\n"
