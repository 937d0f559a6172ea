"""`accord links`, `accord lineage`, `accord link`, `accord eval-links`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from accord.cli.app import app, console, state
from accord.cli.listing import AsJson, CommitmentArg, print_json
from accord.domain.access import Principal, Role
from accord.domain.shapes import plain
from accord.services.link_evaluation import evaluate_links
from accord.services.link_review import decide
from accord.services.links import lineage, list_links
from accord.services.suggestions import refresh_links


@app.command("links")
def links_command(
    agreement: Annotated[str | None, typer.Argument(help="Only links from or to this agreement.")] = None,
    status: Annotated[str | None, typer.Option(help="suggested, accepted or rejected")] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Suggest again for every agreement, in date order.")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Links from later documents to earlier commitments: suggestions and decisions."""
    if refresh:
        added = refresh_links(state.db)
        if not as_json:
            console.print(f"{added} new suggestions")
    views = list_links(state.db, agreement, status=status)
    if as_json:
        print_json([plain(v) for v in views])
        return
    table = Table("id", "later", "earlier", "relation", "score", "status", box=None)
    for v in views:
        table.add_row(
            str(v.id),
            f"[dim]{escape(v.later.agreement)}[/]\n{escape(v.later.quote[:90])}",
            f"[dim]{escape(v.earlier.agreement)} #{v.earlier.commitment or '—'}[/]\n{escape(v.earlier.quote[:90])}",
            v.relation,
            f"{v.score:.2f}",
            v.status,
        )
    console.print(table if views else "No links.")


@app.command("lineage")
def lineage_command(commitment: CommitmentArg, as_json: AsJson = False) -> None:
    """A commitment's thread across documents, earlier and later, in date order."""
    thread = lineage(state.db, commitment)
    if as_json:
        print_json(plain(thread))
        return
    data = plain(thread)
    for side in ("earlier", "later"):
        console.print(f"[bold]{side}[/]")
        for item in data[side]:
            console.print(
                f"  {item['date'] or '—'} {escape(item['agreement'])} #{item['commitment'] or '—'} "
                f"{item['relation']} {item['status']} ({item['score']:.2f})\n    {escape(item['quote'][:150])}"
            )
        if not data[side]:
            console.print("  —")


@app.command("link")
def link_command(
    link: Annotated[int, typer.Argument(help="Link id (see `accord links`).")],
    accept: Annotated[bool, typer.Option("--accept/--reject", help="Accept or reject the suggestion.")],
    level: Annotated[str | None, typer.Option(help="Progress level, for fulfills/progress links.")] = None,
    party: Annotated[str | None, typer.Option(help="Whose progress.")] = None,
    relation: Annotated[str | None, typer.Option(help="Correct the relation while accepting.")] = None,
    by: Annotated[str, typer.Option(help="Who decides (recorded in the audit trail).")] = "cli",
) -> None:
    """Decide a suggested link. The command line acts as an administrator of this database."""
    principal = Principal(by, Role.ADMIN, party.upper() if party else None)
    result = decide(state.db, principal, link, accept=accept, level=level, party=party, relation=relation)
    console.print(
        f"link {link}: {result.link.status} ({result.link.relation})"
        + (f", progress entry {result.progress_id}" if result.progress_id else "")
    )


@app.command("eval-links")
def eval_links_command(
    gold: Annotated[list[Path], typer.Argument(help="Lineage gold files (JSON).")],
    as_json: AsJson = False,
) -> None:
    """Recall@3, top-1 precision and explicit links found, against lineage gold."""
    scores = evaluate_links(state.db, gold)
    if as_json:
        print_json(plain(scores))
        return
    found, total = scores.explicit
    console.print(
        f"items {len(scores.items)} · Recall@3 {scores.recall_at_3:.2f} · top-1 precision "
        f"{scores.top1_precision:.2f} · explicit {found}/{total}"
    )
    for item in scores.items:
        if not item.found:
            console.print(f"  missed: {escape(item.document)}: {escape(item.quote[:100])}")
