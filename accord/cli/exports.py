"""`accord export commitments` and `accord export funding` (`accord export progress` is in bulk.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.bulk import export_app, export_to

Agreement = Annotated[str | None, typer.Argument(help="Only this agreement (id or slug; default: all).")]
Format = Annotated[
    str | None,
    typer.Option("--format", help="csv, json or xlsx (default: the output file's extension, else csv)."),
]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")
]


@export_app.command("commitments")
def export_commitments(agreement: Agreement = None, fmt: Format = None, output: Output = None) -> None:
    """One row per commitment with the fields of `accord commitments --json` (lists joined with ";")."""
    export_to("commitments", agreement, fmt, output)


@export_app.command("funding")
def export_funding(agreement: Agreement = None, fmt: Format = None, output: Output = None) -> None:
    """Every money flow: reviewed pledges found in the text, then flows entered by hand."""
    export_to("funding", agreement, fmt, output)
