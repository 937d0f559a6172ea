"""`accord bodies`, `accord body-add`, `accord link`."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.cli.listing import AsJson, CommitmentArg, folding_table, print_json
from accord.domain.shapes import plain
from accord.services.bodies import add_body, link_body, list_bodies


@app.command("bodies")
def bodies_command(
    party: Annotated[str | None, typer.Option(help="Only this party's bodies.")] = None,
    as_json: AsJson = False,
) -> None:
    """List registered bodies with their party, parent and number of linked commitments."""
    views = list_bodies(state.db, party)
    if as_json:
        print_json([plain(v) for v in views])
        return
    table = folding_table("id", "body", "kind", "party", "parent", "commitments")
    for v in views:
        name = v.name + (f" ({v.acronym})" if v.acronym and v.acronym != v.name else "")
        table.add_row(str(v.id), name, v.kind, v.party or "", v.parent or "", str(v.commitments))
    console.print(table)


@app.command("body-add")
def body_add(
    name: Annotated[str, typer.Argument(help="Full name, as written.")],
    kind: Annotated[
        str, typer.Option(help="agency, ministry, institute, task_force, working_group, ...")
    ] = "other",
    party: Annotated[
        str | None, typer.Option(help="The party it acts for (none for joint or international).")
    ] = None,
    acronym: Annotated[str | None, typer.Option(help="Short form, e.g. KASA.")] = None,
    parent: Annotated[str | None, typer.Option(help="Parent body (id, name or acronym).")] = None,
) -> None:
    """Register a body."""
    view = add_body(state.db, name, kind=kind, party=party, acronym=acronym, parent=parent, by=None)
    console.print(f"body {view.id}: {view.name}", highlight=False)


@app.command("link")
def link(
    commitment: CommitmentArg,
    body: Annotated[str, typer.Option("--body", help="Body id, name or acronym.")],
    remove: Annotated[bool, typer.Option("--remove", help="Remove the link instead.")] = False,
) -> None:
    """Link a commitment to a body by hand."""
    link_body(state.db, commitment, body, unlink=remove, by=None)
    console.print(
        f"commitment {commitment} {'unlinked from' if remove else 'linked to'} {body}", highlight=False
    )
