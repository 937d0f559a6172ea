"""`accord assess ...` and `accord compliance`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from accord.cli.app import app, command_group, console, state
from accord.cli.listing import AgreementArg, AsJson, CommitmentArg, folding_table, print_json
from accord.domain.agreements import parse_date
from accord.domain.shapes import plain
from accord.services.assessment_views import list_cycles
from accord.services.assessments import compliance_report, open_cycle, review_cycle, score, write_guideline

assess_app = command_group("assess", "Assessment cycles: guidelines, scores, reviews.")


@assess_app.command("open")
def open_command(
    agreement: AgreementArg,
    start: Annotated[str, typer.Option("--from", help="Period start, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Period end, YYYY-MM-DD.")],
    kind: Annotated[str, typer.Option(help="interim or final.")] = "interim",
) -> None:
    """Open an assessment cycle for a period."""
    view = open_cycle(state.db, agreement, kind=kind, start=parse_date(start), end=parse_date(end), by=None)
    console.print(
        f"cycle {view.id}: {view.kind} {view.period_start} – {view.period_end} (preliminary)", highlight=False
    )


@assess_app.command("cycles")
def cycles_command(agreement: AgreementArg, as_json: AsJson = False) -> None:
    """An agreement's assessment cycles: period, status, reviews and scores."""
    cycles = list_cycles(state.db, agreement)
    if as_json:
        print_json([plain(c) for c in cycles])
        return
    table = folding_table("#", "kind", "period", "status", "reviewed by", "scores")
    for c in cycles:
        table.add_row(
            str(c.id), c.kind, f"{c.period_start} – {c.period_end}", "final" if c.final else "preliminary",
            ", ".join(c.reviewed_by) or "—", str(c.scores),
        )  # fmt: skip
    console.print(table)
    if not cycles:
        console.print("no cycles yet: `accord assess open` opens one", highlight=False)


@assess_app.command("guideline")
def guideline_command(
    commitment: CommitmentArg,
    text: Annotated[str, typer.Option(help="What +1, 0 and -1 mean for this commitment.")],
) -> None:
    """Write the guideline a commitment is scored against (before any score)."""
    write_guideline(state.db, commitment, text, by=None)
    console.print(f"guideline written for commitment {commitment}", highlight=False)


@assess_app.command("score")
def score_command(
    cycle: Annotated[int, typer.Argument(help="Cycle id.")],
    commitment: Annotated[int, typer.Option(help="Commitment id.")],
    party: Annotated[str, typer.Option(help="The party scored.")],
    value: Annotated[int, typer.Option("--score", help="-1, 0 or 1.")],
    justification: Annotated[str, typer.Option(help="The evidence the score rests on.")],
) -> None:
    """Score a party on a commitment (−1, 0, +1) with a justification."""
    score(state.db, cycle, commitment, party=party, value=value, justification=justification, by=None)
    console.print(f"cycle {cycle}: commitment {commitment} {party} {value:+d}", highlight=False)


@assess_app.command("review")
def review_command(
    cycle: Annotated[int, typer.Argument(help="Cycle id.")],
    party: Annotated[str, typer.Option(help="The reviewing party.")],
    on: Annotated[str, typer.Option("--on", help="Date, YYYY-MM-DD.")],
) -> None:
    """Record a party's review; the cycle is final once every party has reviewed it."""
    view = review_cycle(state.db, cycle, party=party, on=parse_date(on), by=None)
    console.print(
        f"cycle {view.id}: {'final' if view.final else 'preliminary'} (reviewed by {', '.join(view.reviewed_by)})",
        highlight=False,
    )


@app.command("compliance")
def compliance_command(
    agreement: AgreementArg,
    by: Annotated[str, typer.Option(help="party, area or agreement.")] = "party",
    cycle: Annotated[int | None, typer.Option(help="Cycle id (default: the latest).")] = None,
    as_json: AsJson = False,
) -> None:
    """Mean score and compliance % = (mean + 1) / 2."""
    view, rows = compliance_report(state.db, agreement, by=by, cycle=cycle)
    if as_json:
        print(json.dumps({"cycle": plain(view), "compliance": [plain(r) for r in rows]}, indent=1))
        return
    status = "final" if view.final else "preliminary"
    console.print(
        f"cycle {view.id} ({view.kind}, {view.period_start} – {view.period_end}, {status})", highlight=False
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column, justify in ((by, "left"), ("scores", "right"), ("mean", "right"), ("compliance", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(
            r.group,
            str(r.scores),
            f"{r.mean:+.2f}" if r.mean is not None else "—",
            f"{r.percent:.0f}%" if r.percent is not None else "—",
        )
    console.print(table)
