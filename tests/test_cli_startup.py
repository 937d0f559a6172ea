"""`accord --help` imports no command module (issue 14, item 10): the lazy group lists the commands
from accord.cli.index, which must say exactly what the modules define. Speed is measured by
`make bench` (benchmarks/cli_startup.py), not here."""

from __future__ import annotations

import subprocess
import sys

import typer.main

from accord.cli.app import app, load_all
from accord.cli.index import COMMANDS
from tests.conftest import ROOT


def test_the_index_lists_every_command_with_its_module_and_help() -> None:
    load_all()
    group = typer.main.get_command(app)
    modules = {
        info.name: " ".join(
            sorted(
                {c.callback.__module__.rsplit(".", 1)[-1] for c in info.typer_instance.registered_commands}
            )  # type: ignore[union-attr]
        )
        for info in app.registered_groups
    }
    modules |= {
        (info.name or info.callback.__name__.replace("_", "-")): info.callback.__module__.rsplit(".", 1)[-1]  # type: ignore[union-attr]
        for info in app.registered_commands
        if info.callback is not None
    }
    found = {
        name: (modules[name], command.get_short_help_str(limit=300))
        for name, command in group.commands.items()  # type: ignore[attr-defined]
    }
    assert found == COMMANDS


def test_help_imports_no_command_module_nor_the_database_layer() -> None:
    probe = (
        "import sys\nfrom accord.cli import main\nsys.argv = ['accord', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('accord.services', 'accord.storage', "
        "'sqlalchemy', 'alembic', 'numpy', 'pydantic_settings')) or m in "
        + repr([f"accord.cli.{m}" for ms, _ in COMMANDS.values() for m in ms.split()])
        + "), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"COLUMNS": "120", "PATH": ""},
    )
    assert "agreements" in done.stdout and "List stored agreements." in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
