"""`accord report`: the compliance report of an assessment cycle."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.cli.listing import AgreementArg
from accord.cli.output import check_writable, choose_format, write_file


@app.command("report")
def report_command(
    agreement: AgreementArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="html, pdf or md (default: the output file's extension, else html)."),
    ] = None,
    cycle: Annotated[int | None, typer.Option(help="Cycle id (default: the latest).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the report: en or ko.")] = "en",
    only_assessed: Annotated[
        bool,
        typer.Option(
            "--only-assessed",
            help="Leave out commitments with no guideline and no score in the cycle "
            "(default: every commitment is listed, an unassessed one marked so).",
        ),
    ] = False,
) -> None:
    """The compliance report of a cycle: scores by commitment × party, averages, evidence, methods."""
    from accord.reports.compliance import FORMATS, check_format, check_language, render
    from accord.services.report_data import report_data

    fmt = check_format(choose_format(fmt, output, FORMATS, "html"))
    check_language(lang)
    check_writable(output)
    data = report_data(state.db, agreement, cycle=cycle, only_assessed=only_assessed)
    write_file(output, render(data, fmt, lang))
    left_out = f" ({data.left_out} unassessed left out)" if only_assessed else ""
    console.print(
        f"cycle {data.cycle.id} of {data.agreement.slug}: {len(data.commitments)} commitments{left_out}, "
        f"report written to {output}",
        highlight=False,
    )
