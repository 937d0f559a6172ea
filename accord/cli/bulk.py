"""`accord export progress` and `accord import progress`; how every `accord export` writes its file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import command_group, console, state
from accord.cli.output import check_writable, choose_format, emit
from accord.errors import InputError
from accord.reports.sheets import FORMATS, check

export_app = command_group("export", "Export data.")
import_app = command_group("import", "Import data.")


@export_app.command("progress")
def export_progress(
    agreement_argument: Annotated[
        str | None, typer.Argument(metavar="[AGREEMENT]", help="Only this agreement (id or slug).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="csv, json or xlsx (default: the output file's extension, else csv)."),
    ] = None,
    agreement: Annotated[
        str | None, typer.Option(help="Only this agreement (the same as AGREEMENT).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """One row per commitment and party with its current level, ready to fill in and import."""
    if agreement_argument and agreement and agreement_argument != agreement:
        raise InputError(
            f"two agreements given: {agreement_argument!r} and --agreement {agreement!r}", hint="give one"
        )
    export_to("progress", agreement_argument or agreement, fmt, output)


def export_to(kind: str, agreement: str | None, fmt: str | None, output: Path | None) -> None:
    """Write the export of `kind` to `output` (standard output by default), in `fmt` or the format
    its name says: from a current SQLite file through stdlib sqlite3 when it can, else through the ORM."""
    fmt = choose_format(fmt, output, FORMATS, "csv")
    check(kind, fmt)
    if output is not None:
        check_writable(output)
    if state.sqlite is not None:
        from accord.reports.export_rows import export_from_file

        emit(export_from_file(state.sqlite, kind, fmt, agreement), output, console)
        return
    from accord.reports.exports import export

    emit(export(state.db, kind, fmt=fmt, agreement=agreement), output, console)


@import_app.command("progress")
def import_progress_command(
    path: Annotated[Path, typer.Argument(help="A CSV or XLSX file in the export's columns.")],
) -> None:
    """Record the progress in a filled-in sheet; all or nothing, every bad row reported."""
    from accord.services.bulk import import_progress

    result = import_progress(state.db, path, by=None)
    console.print(
        f"{result.recorded} progress changes recorded, {result.unchanged} rows unchanged", highlight=False
    )
