"""`accord agreements` and `accord show`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from accord.cli.app import app, console, state
from accord.cli.listing import AgreementArg, AsJson, print_json
from accord.services.agreement_views import list_agreements_from_file

if TYPE_CHECKING:
    from accord.services.agreement_views import ProvisionNode


@app.command()
def agreements(as_json: AsJson = False) -> None:
    """List stored agreements."""
    if state.sqlite is not None:
        summaries = list_agreements_from_file(state.sqlite)
    else:
        from accord.services.queries import list_agreements

        summaries = list_agreements(state.db)
    if as_json:
        from accord.domain.shapes import plain

        console.print_json(json.dumps([plain(s) for s in summaries]))
        return
    if not summaries:
        console.print("No agreements yet. Add one with `accord ingest FILE`.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", justify="right")
    table.add_column("agreement", ratio=1, min_width=30)
    table.add_column("date", no_wrap=True)
    table.add_column("parties", no_wrap=True)
    table.add_column("provi-\nsions", justify="right")
    table.add_column("commit-\nments", justify="right")
    for s in summaries:
        table.add_row(
            str(s.id),
            f"[bold]{escape(s.slug)}[/] [dim]{s.kind}[/]\n{escape(s.title)}",
            s.date.isoformat() if s.date else "",
            " ".join(s.parties),
            str(s.provisions),
            str(s.commitments),
        )
    console.print(table)


@app.command()
def show(
    agreement: AgreementArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the agreement and its provision tree as JSON.")
    ] = False,
    sentences: Annotated[bool, typer.Option(help="Show sentence nodes too.")] = False,
) -> None:
    """Print an agreement's provision tree."""
    from accord.domain.shapes import plain

    if state.sqlite is not None:
        from accord.services.agreement_views import agreement_detail_from_file

        detail = agreement_detail_from_file(state.sqlite, agreement)
    else:
        from accord.services.queries import agreement_detail

        detail = agreement_detail(state.db, agreement)
    if as_json:
        print_json(plain(detail))
        return
    s = detail.summary
    head = f"[bold]{s.title}[/]\n{s.slug} · {s.kind} · {s.date or 'undated'} · {' '.join(s.parties) or 'no parties'}"
    tree = Tree(head)
    for node in detail.tree:
        _add(tree, node, sentences)
    console.print(tree)


_STYLE = {
    "section": "bold",
    "heading": "bold cyan",
    "lead_in": "magenta",
    "list_item": "",
    "paragraph": "dim",
}


def _add(parent: Tree, node: ProvisionNode, sentences: bool) -> None:
    if node.kind == "sentence" and not sentences:
        return
    label = node.text.split("\n", 1)[0] if node.kind in ("section", "list_item", "lead_in") else node.text
    label = " ".join(label.split())
    if len(label) > 90:
        label = label[:89] + "…"
    style = _STYLE.get(node.kind, "")
    branch = parent.add(
        f"[{style}]{node.kind}[/] {label}" if style else f"{node.kind} {label}", highlight=False
    )
    for child in node.children:
        if node.kind == "section" and child.kind == "heading":
            continue
        _add(branch, child, sentences)
