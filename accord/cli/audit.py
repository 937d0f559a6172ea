"""`accord audit list`, `accord audit show` and `accord audit verify`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from accord.cli.app import command_group, console, state
from accord.cli.listing import AsJson, folding_table, print_json
from accord.domain.shapes import plain
from accord.errors import AccordError
from accord.services.audit_trail import audit_entries, audit_entry
from accord.services.auditing import verify_audit

audit_app = command_group("audit", "The audit trail.")


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


@audit_app.command("list")
def list_command(
    limit: Annotated[int, typer.Option(help="How many records, newest first.")] = 50,
    before: Annotated[
        int | None, typer.Option(help="Only records older than this id (the next page).")
    ] = None,
    action: Annotated[str | None, typer.Option(help="Only this action, e.g. progress, user_change.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only writes by this user.")] = None,
    target: Annotated[str | None, typer.Option(help="Only this target, e.g. commitment:12 or user.")] = None,
    as_json: AsJson = False,
) -> None:
    """The audit trail, newest first: when, who, what and on which record."""
    entries = audit_entries(
        state.db, by=None, limit=limit, before=before, action=action, actor=actor, target=target
    )
    if as_json:
        print_json([plain(e) for e in entries])
        return
    table = folding_table("#", "at (UTC)", "actor", "action", "target")
    for e in entries:
        table.add_row(str(e.id), e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.target)
    console.print(table)
    if len(entries) == limit:
        console.print(f"older records: --before {entries[-1].id}", highlight=False)


@audit_app.command("show")
def show_command(
    record: Annotated[int, typer.Argument(help="Audit record id.")],
    as_json: AsJson = False,
) -> None:
    """One audit record in full: the values before and after, and its place in the chain."""
    entry = audit_entry(state.db, record, by=None)
    if as_json:
        print_json(plain(entry))
        return
    for name, value in (
        ("record", entry.id), ("at", entry.at.isoformat()), ("actor", entry.actor),
        ("action", entry.action), ("target", entry.target),
        ("before", json.dumps(entry.before, ensure_ascii=False)),
        ("after", json.dumps(entry.after, ensure_ascii=False)),
        ("hash", entry.hash), ("previous", entry.previous_hash),
        ("intact", "yes" if entry.intact else "NO: its content no longer matches its hash"),
    ):  # fmt: skip
        console.print(f"{name:>9}: {value}", highlight=False, markup=False)
