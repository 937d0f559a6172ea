"""`accord ingest PATH...`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from accord.cli.app import app, console, error_console, state
from accord.domain.agreements import AgreementKind, AgreementMeta, parse_date
from accord.domain.parties import party
from accord.errors import InputError
from accord.services.ingest import IngestResult, ingest_paths


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files to ingest (.txt .md .html .pdf .docx).")],
    title: Annotated[
        str | None, typer.Option(help="Title (default: sidecar, document heading, file name).")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Date of the agreement, YYYY-MM-DD.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="mou, fact_sheet, joint_statement, communique, ...")
    ] = None,
    parties: Annotated[
        list[str] | None, typer.Option("--party", help="ISO 3166 code of a party; repeat for each.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Store documents with their provision tree; metadata from flags or a sidecar <file>.meta.json."""
    if title and len(paths) > 1:
        raise InputError(
            "--title names one agreement, but several files were given",
            hint="ingest them one by one with --title, or give each a <file>.meta.json",
        )
    flags = AgreementMeta(
        title=title,
        date=parse_date(date) if date else None,
        kind=AgreementKind.parse(kind) if kind else None,
        parties=tuple(party(code).code for code in parties or ()),
    )
    results = _run(paths, flags)
    if as_json:
        console.print_json(json.dumps([_result_json(r) for r in results]))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", justify="right")
    table.add_column("agreement", ratio=1, min_width=30)
    table.add_column("provisions", justify="right")
    table.add_column("commitments", justify="right")
    table.add_column("status", no_wrap=True)
    for result in results:
        status = "[green]stored[/]" if result.stored else "[dim]already stored[/]"
        agreement = f"[bold]{escape(result.slug)}[/]\n{escape(result.title)}"
        commitments = str(result.commitments) if result.stored else ""
        table.add_row(str(result.agreement_id), agreement, str(result.provisions), commitments, status)
    console.print(table)


def _run(paths: list[Path], flags: AgreementMeta) -> list[IngestResult]:
    if len(paths) == 1:
        return ingest_paths(state.db, paths, flags, by=None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=error_console, transient=True) as progress:
        reading = progress.add_task("reading", total=len(paths))
        storing = progress.add_task("storing", total=len(paths))
        return ingest_paths(
            state.db,
            paths,
            flags,
            on_prepared=lambda _path: progress.advance(reading),
            on_stored=lambda _result: progress.advance(storing),
            by=None,
        )


def _result_json(result: IngestResult) -> dict[str, object]:
    return {
        "path": result.path,
        "id": result.agreement_id,
        "slug": result.slug,
        "title": result.title,
        "stored": result.stored,
        "provisions": result.provisions,
        "commitments": result.commitments,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
