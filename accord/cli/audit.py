"""`accord audit verify`."""

from __future__ import annotations

import typer

from accord.cli.app import app, console, state
from accord.errors import AccordError
from accord.services.auditing import verify_audit

audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify_command() -> None:
    """Check every link of the hash-chained audit log; report the first broken one."""
    result = verify_audit(state.db)
    if result.unexplained_forks:
        raise AccordError(
            f"the audit chain forks at record {result.broken_at}: {result.reason}",
            hint="run `accord doctor` to see the records written side by side, then `accord doctor --repair`",
            code="audit_forked",
        )
    if result.broken_at is not None:
        raise AccordError(
            f"the audit chain breaks at record {result.broken_at}: {result.reason}",
            hint="restore the audit log from a backup, and find out who changed the database directly",
            code="audit_broken",
        )
    side = (
        f" ({result.side_branches} on side branches written concurrently before 0014)"
        if result.side_branches
        else ""
    )
    console.print(f"audit log verified: {result.records} records, every link holds{side}", highlight=False)
