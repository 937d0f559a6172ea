"""`accord progress` and `accord history`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.cli.listing import AsJson, CommitmentArg, folding_table
from accord.domain.agreements import parse_date
from accord.domain.shapes import plain
from accord.services.progress import current_levels, history, record_progress


@app.command()
def progress(
    commitment: Annotated[int, typer.Argument(help="Commitment id (see `accord commitments`).")],
    party: Annotated[str, typer.Option("--party", help="The reporting party, an actor of the commitment.")],
    level: Annotated[
        str, typer.Option(help="no_evidence, not_started, limited, substantial, complete, withdrawn.")
    ],
    on: Annotated[str, typer.Option("--on", help="Date of the change, YYYY-MM-DD.")],
    evidence: Annotated[str | None, typer.Option("--evidence", help="URL of the evidence.")] = None,
    evidence_on: Annotated[str | None, typer.Option(help="Date of the evidence (default: --on).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A file of evidence to keep (≤ 20 MB).")] = None,
    note: Annotated[str | None, typer.Option(help="What was done.")] = None,
    by: Annotated[str | None, typer.Option(help="Who reports.")] = None,
) -> None:
    """Record a party's progress on a commitment, with evidence."""
    entry = record_progress(
        state.db,
        commitment,
        party=party,
        level=level,
        on=parse_date(on),
        note=note,
        evidence_url=evidence,
        evidence_on=parse_date(evidence_on) if evidence_on else None,
        evidence_file=file,
        recorded_by=by,
        by=None,
    )
    console.print(f"commitment {commitment}: {entry.party} {entry.level} on {entry.made_on}", highlight=False)


@app.command("history")
def history_command(commitment: CommitmentArg, as_json: AsJson = False) -> None:
    """Every progress change of a commitment, per party, with its evidence."""
    entries = history(state.db, commitment)
    levels = current_levels(state.db, commitment)
    if as_json:
        print(json.dumps({"current": levels, "history": [plain(e) for e in entries]}, indent=1))
        return
    console.print(
        "now: " + " · ".join(f"{party} {level.replace('_', ' ')}" for party, level in levels.items()),
        highlight=False,
    )
    table = folding_table("date", "party", "level", "evidence", "note", "by")
    for entry in entries:
        evidence = " ".join(x for x in (entry.evidence_url, entry.evidence_file) if x)
        table.add_row(
            entry.made_on.isoformat(),
            entry.party,
            entry.level.replace("_", " "),
            evidence,
            entry.note or "",
            entry.recorded_by or "",
        )
    console.print(table if entries else "No progress recorded yet (`accord progress` records it).")
