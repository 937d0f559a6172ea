"""The Typer application and the state its commands share."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import typer
from rich.console import Console

from accord.settings import Settings
from accord.storage.database import Database

console = Console()
error_console = Console(stderr=True)

app = typer.Typer(
    name="accord",
    help="Runs the machinery of international cooperation agreements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


class State:
    """Built once per invocation; the database is opened only by commands that need it."""

    @cached_property
    def settings(self) -> Settings:
        return Settings()

    @cached_property
    def db(self) -> Database:
        stray = self.stray_database()
        if stray is not None:
            error_console.print(
                f"Note: {stray} in this folder is not used: accord's database is now in the user's data "
                "directory (`accord db status`). To keep using that file, set "
                f"ACCORD_DATABASE_URL=sqlite:///{stray}",
                highlight=False,
                soft_wrap=True,
            )
        return Database.from_settings(self.settings)

    def stray_database(self) -> Path | None:
        """An accord.db in the working directory while the default database is used: where accord
        kept its database before it moved to the user's data directory."""
        from accord.settings import DATABASE_FILE, default_database_url

        here = Path.cwd() / DATABASE_FILE
        if self.settings.database_url != default_database_url() or not here.is_file():
            return None
        default = Path(self.settings.database_url.removeprefix("sqlite:///"))
        return None if default.exists() and default.samefile(here) else here.resolve()


state = State()

# Registering the commands; imported for their side effect on `app`.
from accord.cli import (  # noqa: E402, F401
    agreements,
    assessments,
    audit,
    backups,
    bodies,
    bulk,
    db,
    deadlines,
    doctor,
    exports,
    extraction,
    funding,
    ingest,
    lifecycle,
    links,
    meetings,
    progress,
    reports,
    search,
    serve,
    users,
)
