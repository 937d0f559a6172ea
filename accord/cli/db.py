"""`accord db ...`: schema management."""

from __future__ import annotations

import typer

from accord.cli.app import app, console, state
from accord.services.maintenance import upgrade_database

db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database to the current schema (safe to run again)."""
    before, after = upgrade_database(state.db)
    where = state.db.engine.url.render_as_string(hide_password=True)
    if before == after:
        console.print(f"{where}: already at revision {after}")
    else:
        console.print(f"{where}: upgraded from {before or 'empty'} to revision {after}")
