"""`accord ingest PATH...`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from accord.cli.app import app, console, state
from accord.cli.ingest_progress import ingest_progress
from accord.cli.metadata import Date, Kind, Parties, Title, flags_meta, warn
from accord.domain.agreements import AgreementMeta
from accord.errors import InputError
from accord.services.ingest import IngestResult, ingest_paths


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files to ingest (.txt .md .html .pdf .docx).")],
    title: Title = None,
    date: Date = None,
    kind: Kind = None,
    parties: Parties = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes that read and extract, while this one stores (one per core).",
        ),
    ] = 1,
) -> None:
    """Store documents with their provision tree; metadata from flags or a sidecar <file>.meta.json."""
    if title and len(paths) > 1:
        raise InputError(
            "--title names one agreement, but several files were given",
            hint="ingest them one by one with --title, or give each a <file>.meta.json",
        )
    flags = flags_meta(title=title, date=date, kind=kind, parties=parties)
    results = _run(paths, flags, jobs)
    for result in results:
        warn(result.warnings)
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


def _run(paths: list[Path], flags: AgreementMeta, jobs: int) -> list[IngestResult]:
    if len(paths) == 1:
        return ingest_paths(state.db, paths, flags, by=None)
    with ingest_progress(len(paths)) as advance:
        return ingest_paths(state.db, paths, flags, jobs=jobs, on_stored=advance, by=None)


def _result_json(result: IngestResult) -> dict[str, object]:
    return {
        "path": result.path,
        "id": result.agreement_id,
        "slug": result.slug,
        "title": result.title,
        "stored": result.stored,
        "provisions": result.provisions,
        "commitments": result.commitments,
        "warnings": list(result.warnings),
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
