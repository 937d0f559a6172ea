"""`accord backup` and `accord restore`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.services.backups import backup, restore


@app.command("backup")
def backup_command(
    target: Annotated[Path, typer.Argument(help="The backup file to write (must not exist).")],
) -> None:
    """Back up the database while it is in use (SQLite online backup; pg_dump for PostgreSQL)."""
    size = backup(state.db, target)
    console.print(f"backup written to {target} ({size:,} bytes)", highlight=False)


@app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="A file written by `accord backup`.")],
) -> None:
    """Restore a backup into the configured database, which must be empty."""
    restore(state.database, source)
    console.print(f"restored {source}", highlight=False)
