"""`accord export progress` and `accord import progress`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.errors import InputError
from accord.services.bulk import export_rows, import_progress, to_csv, to_xlsx

export_app = typer.Typer(help="Export data.", no_args_is_help=True)
import_app = typer.Typer(help="Import data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


@export_app.command("progress")
def export_progress(
    fmt: Annotated[str, typer.Option("--format", help="csv or xlsx.")] = "csv",
    agreement: Annotated[str | None, typer.Option(help="Only this agreement.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """One row per commitment and party with its current level, ready to fill in and import."""
    if fmt not in ("csv", "xlsx"):
        raise InputError(f"unknown format {fmt!r}", hint="csv or xlsx")
    rows = export_rows(state.db, agreement)
    data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
    if output is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            raise InputError("an .xlsx file would be written to the terminal", hint="add -o progress.xlsx")
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        console.print(f"{len(rows)} rows written to {output}", highlight=False)


@import_app.command("progress")
def import_progress_command(
    path: Annotated[Path, typer.Argument(help="A CSV or XLSX file in the export's columns.")],
) -> None:
    """Record the progress in a filled-in sheet; all or nothing, every bad row reported."""
    result = import_progress(state.db, path)
    console.print(
        f"{result.recorded} progress changes recorded, {result.unchanged} rows unchanged", highlight=False
    )
