"""The `accord` command: a thin shell over accord.services."""

from __future__ import annotations

import sys

from accord.cli.app import app, error_console
from accord.errors import AccordError


def main() -> None:
    try:
        app()
    except AccordError as error:
        error_console.print(f"[bold red]Error:[/] {error.message}", highlight=False, soft_wrap=True)
        if error.hint:
            error_console.print(f"[bold]Hint:[/] {error.hint}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        error_console.print("Interrupted.")
        sys.exit(130)
