"""The README documents every command and setting, and the migrations match the tables."""

from __future__ import annotations

import typer.main
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from accord.cli.app import app, load_all
from accord.settings import Settings
from accord.storage.tables import Base
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    load_all()  # the commands are registered as their modules are imported
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {child}" for child in sub] if sub else [name]
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands() if f"accord {name}" not in README]
    assert not missing, f"README does not document: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = [
        f"ACCORD_{name.upper()}" for name in Settings.model_fields if f"ACCORD_{name.upper()}" not in README
    ]
    assert not missing, f"README does not document: {missing}"


def test_migrations_create_exactly_the_tables(sqlite_template) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{sqlite_template}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            # The search index is an FTS5 virtual table, made by its migration outside the metadata.
            opts={
                "include_name": lambda name, kind, _parent: (
                    not (kind == "table" and str(name).startswith("search_index"))
                )
            },
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []
