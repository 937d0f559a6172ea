"""`accord due` and `accord calendar`."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer
from rich.markup import escape

from accord.cli.app import app, console, state
from accord.cli.listing import AgreementArg, AsJson, folding_table, print_json
from accord.domain.agreements import parse_date
from accord.domain.shapes import plain
from accord.services.deadline_views import parse_window

QUOTE_WIDTH = 120


@app.command("due")
def due_command(
    within: Annotated[str, typer.Option(help="How far ahead: 90d, 12w, 6m, 1y.")] = "90d",
    agreement: Annotated[str | None, typer.Option(help="Only this agreement.")] = None,
    today: Annotated[str | None, typer.Option(help="As of this date (default: today).")] = None,
    as_json: AsJson = False,
) -> None:
    """Commitments and action items coming due, and overdue ones, soonest first."""
    window, day = parse_window(within), parse_date(today) if today else dt.date.today()
    if state.sqlite is not None:
        from accord.services.deadline_views import due_from_file

        deadlines = due_from_file(state.sqlite, within=window, today=day, agreement=agreement)
    else:
        from accord.services.deadlines import due

        deadlines = due(state.db, within=window, today=day, agreement=agreement)
    if as_json:
        print_json([plain(d) for d in deadlines])
        return
    table = folding_table("due", "id", "actors", "commitment or action item")
    for d in deadlines:
        when = f"[red]{d.due} overdue[/]" if d.overdue else str(d.due)
        ref = f"action {d.action}" if d.kind == "action" else str(d.commitment)
        # A cut quote says so: "work together i" read as the whole commitment.
        quote = d.quote if len(d.quote) <= QUOTE_WIDTH else d.quote[: QUOTE_WIDTH - 1].rstrip() + "…"
        table.add_row(when, ref, " ".join(d.actors), escape(quote))
    console.print(table if deadlines else f"Nothing due within {within}.")


@app.command("calendar")
def calendar_command(agreement: AgreementArg) -> None:
    """Write the agreement's dates as iCalendar to standard output (`> file.ics`)."""
    if state.sqlite is not None:
        from accord.services.calendar_views import calendar_from_file

        feed = calendar_from_file(state.sqlite, agreement)
    else:
        from accord.services.deadlines import calendar

        feed = calendar(state.db, agreement)
    sys.stdout.buffer.write(feed)
