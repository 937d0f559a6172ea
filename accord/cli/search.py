"""`accord search`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from accord.cli.app import app, console, state
from accord.cli.listing import AsJson, print_json
from accord.domain.shapes import plain
from accord.services.search_views import MARKS


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find in provisions and commitments.")],
    limit: Annotated[int, typer.Option(help="At most this many results (1-200).")] = 20,
    as_json: AsJson = False,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Rank commitments by meaning and stemmed words together.")
    ] = False,
) -> None:
    """Full-text search over provisions and commitments, with the matches highlighted."""
    if semantic:
        # numpy and the embedding model are paid for by --semantic only.
        from accord.services.semantic_search import semantic_search

        hits = semantic_search(state.db, query, limit=limit)
        if as_json:
            print_json([plain(h) for h in hits])
            return
        for h in hits:
            console.print(
                f"[dim]{h.agreement} commitment {h.id} {h.score:.2f}[/]  {escape(h.quote)}", highlight=False
            )
        if not hits:
            console.print("No matches.")
        return
    if state.sqlite is not None:
        from accord.services.search_views import search_file

        results = search_file(state.sqlite, query, limit=limit)
    else:
        from accord.services.search import search

        results = search(state.db, query, limit=limit)
    if as_json:
        print_json([plain(r) for r in results])
        return
    for r in results:
        snippet = escape(r.snippet).replace(MARKS[0], "[bold yellow]").replace(MARKS[1], "[/]")
        console.print(f"[dim]{r.agreement} {r.kind} {r.id}[/]  {snippet}", highlight=False)
    if not results:
        console.print("No matches.")
