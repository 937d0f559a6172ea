"""The Typer application and the state its commands share."""

from __future__ import annotations

from functools import cached_property

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
        return Database.from_settings(self.settings)


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
