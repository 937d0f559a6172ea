"""`accord doctor`."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.errors import AccordError
from accord.services.doctor import examine


@app.command()
def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Repair what can be repaired without losing a fact.")
    ] = False,
) -> None:
    """Find agreements whose history no longer replays and forks in the audit chain; explain them."""
    findings = examine(state.db, repair=repair)
    if not findings:
        console.print("nothing to repair: every agreement's history replays and the audit chain holds")
        return
    left = 0
    for finding in findings:
        mark = "repaired" if finding.repaired else "found"
        console.print(f"[bold]{mark}[/bold] {finding.kind} · {finding.target}", highlight=False)
        console.print(f"  {finding.explanation}", highlight=False, soft_wrap=True)
        if finding.repair and not finding.repaired:
            console.print(f"  `accord doctor --repair` will {finding.repair}", highlight=False)
        elif not finding.repaired:
            console.print(
                "  a person must decide: nothing here can be repaired without losing a fact", highlight=False
            )
        left += not finding.repaired
    if left:
        raise AccordError(
            f"{left} problem(s) left",
            hint="run `accord doctor --repair`" if any(f.repair and not f.repaired for f in findings) else
            "restore from a backup, or correct the record by hand after a backup",
            code="doctor_found",
        )  # fmt: skip
