"""The compliance report as plain Markdown: headings, paragraphs and pipe tables."""

from __future__ import annotations

from accord.i18n import gettext_for
from accord.reports.context import Average, ReportContext
from accord.reports.scale import NOT_SCORED, score_label


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


def _averages(report: ReportContext, label: str, averages: list[Average], *, codes: bool) -> list[str]:
    _ = gettext_for(report.language)
    return table(
        [label, _("Scores"), _("Mean"), _("Compliance")],
        [[f"{a.name} ({a.group})" if codes else a.name, str(a.scores), a.mean, a.percent] for a in averages],
        right=frozenset({1, 2, 3}),
    )


def _evidence(report: ReportContext) -> list[str]:
    _ = gettext_for(report.language)
    data, cycle = report.data, report.data.cycle
    lines = []
    for row in report.rows:
        c = row.commitment
        lines += [
            "",
            f"### {c.id} · "
            + (report.label("strength", c.strength) or _("strength not stated"))
            + (" · " + ", ".join(report.label("area", a) for a in c.areas) if c.areas else "")
            + f" · {' + '.join(c.actors)}",
            "",
            "> " + plain(c.quote),
            "",
            _("Guideline") + ": " + plain(c.guideline or _("none written")),
            "",
        ]
        if not c.scores:
            lines.append(_("Not scored in this cycle."))
        for code in data.agreement.parties:
            scored = c.scores.get(code)
            if scored is None:
                continue
            lines.append(
                f"- **{score_label(scored.score)} {report.party_names[code]}**: "
                + plain(scored.justification)
            )
            for e in scored.evidence:
                parts = [e.made_on.isoformat(), report.label("level", e.level)]
                if e.url:
                    parts.append(
                        f"<{e.url.replace('>', '%3E')}>"
                        + (f" ({e.evidence_on.isoformat()})" if e.evidence_on else "")
                    )
                if e.file:
                    parts.append(_("file %(name)s") % {"name": plain(e.file)})
                if e.note:
                    parts.append(plain(e.note))
                lines.append(
                    "  - " + " · ".join(parts) + (f" — {plain(e.recorded_by)}" if e.recorded_by else "")
                )
            if not scored.evidence:
                lines.append(
                    "  - " + _("No progress recorded by %(day)s.") % {"day": cycle.period_end.isoformat()}
                )
    return lines


def render_markdown(report: ReportContext) -> str:
    _ = gettext_for(report.language)
    data, cycle = report.data, report.data.cycle
    period = _("%(start)s – %(end)s") % {
        "start": cycle.period_start.isoformat(),
        "end": cycle.period_end.isoformat(),
    }
    reviewed = (
        " (" + _("reviewed by %(parties)s") % {"parties": ", ".join(cycle.reviewed_by)} + ")"
        if cycle.reviewed_by
        else ""
    )
    lines = [
        "# " + _("Compliance report") + ": " + cell(data.agreement.title),
        "",
        "- "
        + _("Agreement")
        + f": `{data.agreement.slug}` · "
        + report.label("kind", data.agreement.kind)
        + (f" · {data.agreement.date.isoformat()}" if data.agreement.date else ""),
        "- "
        + _("Parties")
        + ": "
        + " · ".join(f"{report.party_names[code]} ({code})" for code in data.agreement.parties),
        "- "
        + _("Cycle %(id)s") % {"id": cycle.id}
        + ": "
        + report.label("cycle", cycle.kind)
        + f", {period}, "
        + (_("final") if cycle.final else _("preliminary"))
        + reviewed,
        "- "
        + _("Scored")
        + ": "
        + _("%(scored)s of %(scorable)s commitment × party pairs, %(n)s commitments")
        % {"scored": report.scored, "scorable": report.scorable, "n": len(data.commitments)},
        "",
        "## " + _("Summary"),
        "",
        (
            _("Overall compliance %(percent)s (mean score %(mean)s over %(n)s scores).")
            % {
                "percent": report.overall.percent,
                "mean": report.overall.mean,
                "n": report.overall.scores,
            }
            if report.overall
            else _("No commitment has been scored in this cycle yet.")
        ),
        "",
        *(_both_averages(report) if report.overall else []),
        "## " + _("Scores by commitment and party"),
        "",
        *table(
            [_("No."), _("Commitment"), *data.agreement.parties, _("Mean")],
            [
                [str(row.commitment.id), row.short, *(c.label for c in row.cells), row.mean]
                for row in report.rows
            ],
            right=frozenset({0}),
        ),
        "",
        " · ".join(f"{label} {meaning}" for _value, label, meaning in report.scale)
        + f" · {NOT_SCORED} "
        + _("not scored")
        + f" · {report.not_actor} "
        + _("not this party’s commitment"),
        "",
        "## " + _("Evidence by commitment"),
        *_evidence(report),
        "",
        "## " + _("Methods"),
    ]
    for heading, text in report.methods:
        lines += ["", f"### {heading}", "", text]
    lines += [
        "",
        *table([_("Score"), _("Meaning")], [[label, meaning] for _value, label, meaning in report.scale]),
        "",
        _("Made with accord %(version)s from the record of cycle %(id)s.")
        % {"version": report.version, "id": cycle.id},
    ]
    return "\n".join(lines) + "\n"


def _both_averages(report: ReportContext) -> list[str]:
    _ = gettext_for(report.language)
    return [
        "### " + _("By party"),
        "",
        *_averages(report, _("Party"), report.by_party, codes=True),
        "",
        "### " + _("By area"),
        "",
        *_averages(report, _("Area"), report.by_area, codes=False),
        "",
    ]
