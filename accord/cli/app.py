"""The Typer application and the state its commands share."""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperCommand, TyperGroup

from accord.cli.index import COMMANDS, PANELS

if TYPE_CHECKING:
    import sqlite3

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
                _coerce_plain_values_directly(command, ctx)
            self.commands.update(built.commands)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # The group's own options (--help, --install-completion...) are parsed before any command.
        _coerce_plain_values_directly(self, ctx)
        return super().parse_args(ctx, args)

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


class _AsGiven(RuntimeParam):
    """A str or flag value as the command line gives it, a path or a number of plain digits made
    from its str; anything else as typer coerces it.

    Typer coerces every value through a pydantic TypeAdapter that it builds for the parameter, even
    for a value of `None`: importing pydantic and building the first adapter costs a read command a
    tenth of a second, more than its own work. A str from the command line and a flag's bool need
    no coercion. `tests/test_cli_startup.py` notices when a typer release stops taking this."""

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, self.annotation):  # type: ignore[arg-type]
            return value
        if isinstance(value, str) and self.annotation in (Path, Path | None):
            return Path(value)  # what pydantic makes of a str for a Path
        if isinstance(value, str) and self.annotation is int and value.isascii() and value.isdigit():
            return int(value)  # anything else (a sign, spaces, "abc"): pydantic's coercion and message
        return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


# Values coerced above or given as they are (an int option's default, a None)
_AS_GIVEN = (str, bool, int, str | None, Path, Path | None)


def _coerce_plain_values_directly(command: Any, ctx: Any) -> None:
    for param in [*command.params, command.get_help_option(ctx)]:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is not None
            and getattr(param, "_runtime_param", False) is None
            and descriptor.annotation in _AS_GIVEN
            and descriptor.parameter_info.parser is None
        ):
            param._runtime_param = _AsGiven(descriptor.parameter_info, descriptor.annotation)
    for sub in getattr(command, "commands", {}).values():
        _coerce_plain_values_directly(sub, ctx)


app = typer.Typer(
    cls=LazyGroup,
    name="accord",
    help="Runs the machinery of international cooperation agreements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def command_group(name: str, help: str) -> typer.Typer:
    """A group of sub-commands, `accord NAME ...`, that shows its help when called alone."""
    group = typer.Typer(help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


class State:
    """Built once per invocation; the database is opened only by commands that need it."""

    _stray_noted = False

    @cached_property
    def settings(self) -> Settings:
        from accord.settings import Settings

        return Settings()

    @cached_property
    def database_url(self) -> str:
        """`settings.database_url`, read without pydantic (its import costs a read command more than
        its queries)."""
        from accord.locations import configured_database_url

        return configured_database_url()

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
        self._note_stray()
        from accord.storage.database import Database

        return Database.from_settings(self.settings)

    @cached_property
    def sqlite(self) -> sqlite3.Connection | None:
        """A read-only stdlib connection to a SQLite file at the current schema, for the read commands
        that have their queries in accord.storage.sqlite_reads (no SQLAlchemy to import); None: they
        use `db`, which creates, upgrades or refuses the database as for any command."""
        self._note_stray()
        from accord.storage.sqlite_reads import open_current

        return open_current(self.database_url)

    def _note_stray(self) -> None:
        stray = None if self._stray_noted else self.stray_database()
        self._stray_noted = True
        if stray is not None:
            error_console.print(
                f"Note: {stray} in this folder is not used: accord's database is now in the user's data "
                "directory (`accord db status`). To keep using that file, set "
                f"ACCORD_DATABASE_URL=sqlite:///{stray}",
                highlight=False,
                soft_wrap=True,
            )

    def stray_database(self) -> Path | None:
        """An accord.db in the working directory while the default database is used: where accord
        kept its database before it moved to the user's data directory."""
        from accord.locations import DATABASE_FILE, default_database_url

        here = Path.cwd() / DATABASE_FILE
        if self.database_url != default_database_url() or not here.is_file():
            return None
        default = Path(self.database_url.removeprefix("sqlite:///"))
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
