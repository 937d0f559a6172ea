"""What the commands share: the arguments that name a record, the --json flag, the JSON they print,
and the listing commands' table."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

AgreementArg = Annotated[str, typer.Argument(help="Agreement id or slug.")]
CommitmentArg = Annotated[int, typer.Argument(help="Commitment id.")]
MeetingArg = Annotated[int, typer.Argument(help="Meeting id.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def print_json(value: Any) -> None:
    """`value` (plain JSON values) on standard output, indented, with non-ASCII text as it is."""
    print(json.dumps(value, ensure_ascii=False, indent=1))


def folding_table(*columns: str) -> Table:
    """A table with these column headers, whose long cells fold onto further lines."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
