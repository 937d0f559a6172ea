"""The Typer application and the state its commands share."""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from accord.cli.index import COMMANDS, PANELS

if TYPE_CHECKING:
    from accord.settings import Settings
    from accord.storage.database import Database

console = Console()
error_console = Console(stderr=True)


class LazyGroup(TyperGroup):
    """The top-level command group, which imports a command's module only when that command runs;
    its help lists the commands from `accord.cli.index` without importing any."""

    listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        listed = [name for names in PANELS.values() for name in names]
        return listed + [name for name in self.commands if name not in listed]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self.listing and cmd_name in COMMANDS:
            short = COMMANDS[cmd_name][1]
            panel = next((title for title, names in PANELS.items() if cmd_name in names), None)
            return TyperCommand(cmd_name, help=short, short_help=short, rich_help_panel=panel)
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                for module in COMMANDS[cmd_name][0].split():
                    import_module(f"accord.cli.{module}")
            else:
                load_all()
            built = typer.main.get_command(app)
            assert isinstance(built, TyperGroup)
            for command in built.commands.values():
                _flags_take_no_value(command, ctx)
            self.commands.update(built.commands)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _flags_take_no_value(self, ctx)
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


def _flags_take_no_value(command: Any, ctx: Any) -> None:
    """Show no type beside a flag in the help: typer writes `--json <bool>`, as if the flag took a
    value, and `--json true` then fails with "unexpected extra argument"."""
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None and getattr(param, "is_flag", False):
            param.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        _flags_take_no_value(sub, ctx)


app = typer.Typer(
    cls=LazyGroup,
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
        from accord.settings import Settings

        return Settings()

    @cached_property
    def db(self) -> Database:
        """The database, its schema checked once for the process: an empty one is created, an older
        one is refused until `accord db upgrade`."""
        from accord.storage.schema import ensure_ready

        ensure_ready(self.database.engine)
        return self.database

    @cached_property
    def database(self) -> Database:
        """The database as it is, schema unchecked: for `db upgrade` and `restore`, which must see it
        old or empty."""
        stray = self.stray_database()
        if stray is not None:
            error_console.print(
                f"Note: {stray} in this folder is not used: accord's database is now in the user's data "
                "directory (`accord db status`). To keep using that file, set "
                f"ACCORD_DATABASE_URL=sqlite:///{stray}",
                highlight=False,
                soft_wrap=True,
            )
        from accord.storage.database import Database

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


def _print_version(wanted: bool) -> None:
    if not wanted:
        return
    from importlib.metadata import version

    from accord.extract import engine

    console.print(f"accord {version('accord')}", highlight=False)
    console.print(f"extraction engine: {engine.chosen().describe()}", highlight=False, soft_wrap=True)
    raise typer.Exit()


@app.callback()
def _root(
    _version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Show the version and the extraction engine in use (compiled or pure Python), and exit.",
        ),
    ] = False,
) -> None:
    # A group with no command registered yet (they come with their modules) needs a callback.
    pass


def load_all() -> None:
    """Import every command module (each registers its commands on `app`)."""
    for module in sorted({module for modules, _help in COMMANDS.values() for module in modules.split()}):
        import_module(f"accord.cli.{module}")
