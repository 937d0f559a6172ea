"""`accord sign`, `amend`, `consent`, `notice`, `withdraw-notice`, `timeline`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

from accord.cli.app import app, console, state
from accord.cli.listing import AgreementArg, AsJson
from accord.domain.agreements import parse_date
from accord.domain.lifecycle import Act
from accord.domain.shapes import plain
from accord.services.timeline_views import TimelineEntry

On = Annotated[str, typer.Option("--on", help="Date the act is made, YYYY-MM-DD.")]
Party = Annotated[str, typer.Option("--party", help="Code of the party acting (US, KR, EU, ...).")]


def _record() -> Any:
    from accord.services.lifecycle import record

    return record


def _done(entry: TimelineEntry) -> None:
    effect = f", takes effect {entry.takes_effect_on}" if entry.takes_effect_on else ", not yet in effect"
    who = f" by {entry.party}" if entry.party else ""
    version = f" (version {entry.version})" if entry.version else ""
    console.print(f"recorded: {entry.act}{version}{who} on {entry.made_on}{effect}", highlight=False)


@app.command()
def sign(
    agreement: AgreementArg,
    party: Party,
    on: On,
    signatory: Annotated[str | None, typer.Option(help="Who signed.")] = None,
) -> None:
    """Record a party's signature; the agreement enters into effect on the final one."""
    _done(
        _record()(state.db, agreement, Act.SIGN, on=parse_date(on), party=party, signatory=signatory, by=None)
    )


@app.command()
def amend(
    agreement: AgreementArg,
    text_file: Annotated[Path, typer.Option("--text-file", help="The amended text.")],
    on: On,
) -> None:
    """Propose a new version; it takes effect once every party has consented."""
    _done(
        _record()(state.db, agreement, Act.PROPOSE_AMENDMENT, on=parse_date(on), text_file=text_file, by=None)
    )


@app.command()
def consent(
    agreement: AgreementArg,
    version: Annotated[int, typer.Option("--version", help="The proposed version (see `accord timeline`).")],
    party: Party,
    on: On,
) -> None:
    """Record a party's written consent to a proposed version."""
    _done(
        _record()(state.db, agreement, Act.CONSENT, on=parse_date(on), party=party, version=version, by=None)
    )


@app.command()
def notice(agreement: AgreementArg, party: Party, on: On) -> None:
    """Record a termination notice; the agreement ends on the date + the notice days of its terms."""
    _done(_record()(state.db, agreement, Act.NOTICE, on=parse_date(on), party=party, by=None))


@app.command("withdraw-notice")
def withdraw_notice(agreement: AgreementArg, party: Party, on: On) -> None:
    """Withdraw the pending termination notice."""
    _done(_record()(state.db, agreement, Act.WITHDRAW_NOTICE, on=parse_date(on), party=party, by=None))


@app.command("timeline")
def timeline_command(
    agreement: AgreementArg,
    as_json: AsJson = False,
    today: Annotated[str | None, typer.Option(help="Status as of this date (default: today).")] = None,
) -> None:
    """Every act with the date it was made and the date it takes effect."""
    day = parse_date(today) if today else dt.date.today()
    if state.sqlite is not None:
        from accord.services.timeline_views import timeline_from_file

        result = timeline_from_file(state.sqlite, agreement, day)
    else:
        from accord.services.lifecycle import timeline

        result = timeline(state.db, agreement, day)
    if as_json:
        print(json.dumps(plain(result), indent=1))
        return
    console.print(
        f"[bold]{result.agreement}[/]: {result.status.value.replace('_', ' ')}"
        + (f" · in effect since {result.in_effect_on}" if result.in_effect_on else "")
        + (f" · discontinued on {result.discontinued_on}" if result.discontinued_on else ""),
        highlight=False,
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("made on", "act", "party", "version", "takes effect", "signatory"):
        table.add_column(column)
    for entry in result.entries:
        table.add_row(
            entry.made_on.isoformat(),
            entry.act.replace("_", " "),
            entry.party or "",
            str(entry.version or ""),
            entry.takes_effect_on.isoformat() if entry.takes_effect_on else "—",
            entry.signatory or "",
        )
    console.print(table if result.entries else "No act recorded yet (`accord sign` records a signature).")
    if result.open_commitments:
        ids = ", ".join(str(i) for i in result.open_commitments)
        console.print(
            f"[yellow]{len(result.open_commitments)} commitments still open as it ends:[/] {ids}",
            highlight=False,
        )
