"""The `accord` command: a thin shell over accord.services."""

from __future__ import annotations

import sys

from accord.cli.app import app, error_console
from accord.cli.hints import cli_hint
from accord.errors import AccordError


def main() -> None:
    try:
        app()
    except AccordError as error:
        error_console.print(f"[bold red]Error:[/] {error.message}", highlight=False, soft_wrap=True)
        hint = cli_hint(error)
        if hint:
            error_console.print(f"[bold]Hint:[/] {hint}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        error_console.print("Interrupted.")
        sys.exit(130)
