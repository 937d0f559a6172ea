"""`accord export commitments` and `accord export funding` (`accord export progress` is in bulk.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import console, state
from accord.cli.bulk import export_app
from accord.cli.output import check_writable, choose_format, emit
from accord.reports.sheets import FORMATS, check

Agreement = Annotated[str | None, typer.Argument(help="Only this agreement (id or slug; default: all).")]
Format = Annotated[
    str | None,
    typer.Option("--format", help="csv, json or xlsx (default: the output file's extension, else csv)."),
]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")
]


def _run(kind: str, agreement: str | None, fmt: str | None, output: Path | None) -> None:
    fmt = choose_format(fmt, output, FORMATS, "csv")
    check(kind, fmt)
    if output is not None:
        check_writable(output)
    if kind == "commitments" and state.sqlite is not None:
        from accord.domain.shapes import plain
        from accord.reports.sheets import sheet_file
        from accord.services.commitment_views import COMMITMENT_KEYS, list_commitments_from_file

        views = list_commitments_from_file(state.sqlite, agreement)
        emit(sheet_file(kind, fmt, (plain(v) for v in views), COMMITMENT_KEYS), output, console)
        return
    from accord.reports.exports import export

    emit(export(state.db, kind, fmt=fmt, agreement=agreement), output, console)


@export_app.command("commitments")
def export_commitments(agreement: Agreement = None, fmt: Format = None, output: Output = None) -> None:
    """One row per commitment with the fields of `accord commitments --json` (lists joined with ";")."""
    _run("commitments", agreement, fmt, output)


@export_app.command("funding")
def export_funding(agreement: Agreement = None, fmt: Format = None, output: Output = None) -> None:
    """Every money flow: reviewed pledges found in the text, then flows entered by hand."""
    _run("funding", agreement, fmt, output)
