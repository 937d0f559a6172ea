"""The metadata flags `accord ingest` and `accord extract` share; they win over a sidecar."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import error_console
from accord.domain.agreements import AgreementKind, AgreementMeta, parse_date

Title = Annotated[str | None, typer.Option(help="Title (default: sidecar, document heading, file name).")]
Date = Annotated[str | None, typer.Option(help="Date of the agreement, YYYY-MM-DD.")]
Kind = Annotated[str | None, typer.Option(help="mou, fact_sheet, joint_statement, communique, ...")]
Parties = Annotated[
    list[str] | None,
    typer.Option(
        "--parties",
        "--party",
        help="Party codes, comma-separated (--parties US,EU) or one per --party; replace the sidecar's.",
    ),
]


def _party_list(codes: list[str]) -> tuple[str, ...]:
    # babel's locale data, for the commands that take metadata only (`accord commitments` lives
    # beside `extract` and would import it for nothing).
    from accord.domain.parties import party_list

    return party_list(codes)


def flags_meta(
    *, title: str | None, date: str | None, kind: str | None, parties: list[str] | None
) -> AgreementMeta:
    """The flags as metadata; a bad date, kind or party code is refused before any file is read."""
    codes = [code for given in parties or () for code in given.split(",") if code.strip()]
    return AgreementMeta(
        title=title,
        date=parse_date(date) if date else None,
        kind=AgreementKind.parse(kind) if kind else None,
        parties=_party_list(codes),
    )


def warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        error_console.print(f"[bold yellow]Warning:[/] {warning}", highlight=False, soft_wrap=True)
