"""`accord funding` and `accord funding-add`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from accord.cli.app import app, console, state
from accord.cli.listing import AgreementArg, AsJson
from accord.domain.agreements import parse_date
from accord.domain.funding import FlowType
from accord.domain.shapes import plain
from accord.services.funding import add_flow, flows, funding


@app.command("funding")
def funding_command(
    agreement: AgreementArg,
    by: Annotated[str, typer.Option(help="party, commitment or area.")] = "party",
    as_json: AsJson = False,
) -> None:
    """Pledged vs committed vs disbursed vs spent, per currency; never summed across types or currencies."""
    lines = funding(state.db, agreement, by=by)
    each = flows(state.db, agreement)
    if as_json:
        print(
            json.dumps(
                {"flows": [plain(f) for f in each], "totals": [plain(line) for line in lines]}, indent=1
            )
        )
        return
    listing = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="flows", title_justify="left")
    for column in ("type", "party", "amount", "period", "commitment", "source"):
        listing.add_column(column, justify="right" if column == "amount" else "left")
    for f in each:
        listing.add_row(
            f.type, f.party, f"{f.currency} {f.value:,.0f}", f.period or "", str(f.commitment or ""), f.source
        )
    if each:
        console.print(listing)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=f"totals by {by}", title_justify="left")
    table.add_column(by)
    table.add_column("currency")
    for flow_type in FlowType:
        table.add_column(flow_type.value, justify="right")
    for line in lines:
        cells = [f"{line.amounts[t.value]:,.0f}" if t.value in line.amounts else "—" for t in FlowType]
        table.add_row(line.group, line.currency, *cells)
    console.print(
        table
        if lines
        else "No funding recorded; review extracted pledges or add flows with `accord funding-add`."
    )


@app.command("funding-add")
def funding_add(
    agreement: AgreementArg,
    type: Annotated[str, typer.Option("--type", help="pledge, commitment, disbursement or expenditure.")],
    party: Annotated[str, typer.Option(help="The paying party.")],
    amount: Annotated[str, typer.Option(help="The figure in units, e.g. 50000000.")],
    currency: Annotated[str, typer.Option(help="ISO 4217 code, e.g. USD, KRW.")],
    commitment: Annotated[int | None, typer.Option(help="The commitment it funds.")] = None,
    period: Annotated[str | None, typer.Option(help="ISO 8601 duration, e.g. P5Y.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD.")] = None,
    note: Annotated[str | None, typer.Option(help="Source or remark.")] = None,
) -> None:
    """Record a money flow."""
    flow = add_flow(
        state.db, agreement, type=type, party=party, value=amount, currency=currency, commitment=commitment,
        period=period, on=parse_date(on) if on else None, note=note, by=None,
    )  # fmt: skip
    console.print(f"flow {flow} recorded", highlight=False)
