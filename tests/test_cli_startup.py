"""`accord --help` imports no command module (issue 14, item 10): the lazy group lists the commands
from accord.cli.index, which must say exactly what the modules define. The read commands import no
Alembic, extractor or numpy. Speed is measured by
`make bench` (benchmarks/cli_startup.py), not here. The read commands (agreements, show,
commitments, search, due, timeline, every export, calendar, db status, and their --json) on a
SQLite file import neither SQLAlchemy nor pydantic at all (accord.storage.sqlite_reads,
sqlite_queries); an XLSX export imports XlsxWriter, never openpyxl; icalendar only the calendar."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from accord.cli.app import app, load_all
from accord.cli.index import COMMANDS
from accord.services.agreement_views import list_agreements_from_file
from accord.services.ingest import ingest_paths
from accord.services.queries import list_agreements
from accord.storage import schema, sqlite_reads
from accord.storage.database import Database
from tests.conftest import EXAMPLES, ROOT


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


HEAVY = (
    "alembic",
    "numpy",
    "spacy",
    "matplotlib",
    "jinja2",
    "openpyxl",
    "fastapi",
    "icalendar",
    "accord.extract.extraction",
)
READS = [
    ["agreements"],
    ["show", "us-kr-tpd-mou-2025"],
    ["commitments", "us-kr-tpd-mou-2025"],
    ["search", "training"],
    ["due", "--within", "1y"],
    ["timeline", "us-kr-tpd-mou-2025"],
    ["export", "commitments", "us-kr-tpd-mou-2025", "--format", "csv", "-o", "{tmp}/c.csv"],
    ["export", "funding", "--format", "json"],
    ["export", "progress", "us-kr-tpd-mou-2025"],
    # XlsxWriter writes the XLSX exports: openpyxl (which imports numpy when installed) only reads.
    ["export", "commitments", "--format", "xlsx", "-o", "{tmp}/c.xlsx"],
    ["export", "progress", "--format", "xlsx", "-o", "{tmp}/p.xlsx"],
    ["export", "funding", "--format", "xlsx", "-o", "{tmp}/f.xlsx"],
    ["db", "status"],
]


def test_read_commands_import_neither_alembic_nor_the_extractor_nor_numpy(tmp_path: Path) -> None:
    """The schema check compares the stored revision with `schema.HEAD` (no Alembic), and the
    extractor and the embeddings are imported by the writes that use them; an XLSX export imports
    neither openpyxl nor numpy."""
    env = _examples_ingested(tmp_path)
    for argv in READS:
        argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
        done = _run_reporting_modules(argv, env, HEAVY)
        assert done.returncode == 0, (argv, done.stderr)
        assert done.stdout or (tmp_path / "c.csv").is_file(), argv  # the command did its work
        assert done.stderr.strip().splitlines()[-1] == "[]", argv


def _examples_ingested(tmp_path: Path) -> dict[str, str]:
    """The environment of a SQLite database in `tmp_path` that holds the example agreements."""
    env = {"ACCORD_DATABASE_URL": f"sqlite:///{tmp_path}/accord.db", "COLUMNS": "120", "PATH": ""}
    examples = sorted(str(p) for p in (ROOT / "examples" / "us-kr").glob("*.txt"))
    subprocess.run([sys.executable, "-m", "accord", "ingest", *examples], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    return env


def _run_reporting_modules(
    argv: list[str], env: dict[str, str], heavy: tuple[str, ...]
) -> subprocess.CompletedProcess[str]:
    """`accord *argv` in a fresh interpreter; its last stderr line lists the modules of `heavy` it imported."""
    probe = (
        f"import sys\nfrom accord.cli import main\nsys.argv = ['accord', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} or m in {heavy!r}), "
        "file=sys.stderr)\n"
    )
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env)


def test_the_schema_check_knows_the_migrations_head() -> None:
    """A new migration must update `HEAD` too, or every command would ask for `accord db upgrade`."""
    assert schema.head_revision() == schema.HEAD


# Each costs a read command more than its whole budget: SQLAlchemy to import, pydantic to import and
# to build typer's adapters and pydantic-settings' model.
NOT_ON_THE_SQLITE_PATH = ("sqlalchemy", "pydantic", "pydantic_core", "pydantic_settings", "alembic")
# Every read command, text and --json; what each must print shows that it did its work. Their output
# is compared with the SQLAlchemy path's by tests/test_cli_read_parity.py.
SQLITE_READS = [
    (["agreements"], "us-kr-tpd-mou-2025"),
    (["agreements", "--json"], '"us-kr-tpd-mou-2025"'),
    (["show", "us-kr-tpd-mou-2025"], "section I. Purpose"),
    (["show", "us-kr-tpd-mou-2025", "--json"], '"provision_count"'),
    (["commitments", "us-kr-tpd-mou-2025"], "22 commitments"),
    (["commitments", "us-kr-tpd-mou-2025", "--json"], '"review_state"'),
    (["commitments", "--actor", "KR", "--area", "ai"], "commitments"),
    (["search", "research"], "us-kr"),
    (["search", "research", "--limit", "5", "--json"], '"snippet"'),
    (["due", "--within", "20y", "--today", "2020-01-01"], "2021-12-31"),
    (["due", "--within", "20y", "--today", "2020-01-01", "--json"], '"overdue"'),
    (["timeline", "us-kr-tpd-mou-2025"], "us-kr-tpd-mou-2025"),
    (["timeline", "us-kr-tpd-mou-2025", "--json"], '"events"'),
    (["export", "commitments", "us-kr-tpd-mou-2025", "--format", "csv"], "id,agreement,start"),
    (["export", "commitments", "--format", "json"], '"quote"'),
    (["export", "commitments", "--format", "csv", "-o", "{tmp}/c.csv"], "rows written"),
    (["export", "funding"], "agreement,id,type,party,value"),
    (["export", "funding", "us-kr-tpd-mou-2025", "--format", "json"], "[]"),
    (["export", "funding", "--format", "xlsx", "-o", "{tmp}/f.xlsx"], "0 rows written"),
    (["export", "progress", "us-kr-tpd-mou-2025"], "commitment,agreement,party,level"),
    (["export", "progress", "--format", "json"], '"no_evidence"'),
    (["export", "progress", "--format", "xlsx", "-o", "{tmp}/p.xlsx"], "rows written"),
    (["calendar", "us-kr-fact-sheet-2021"], "DTSTART;VALUE=DATE:20211231"),
    (["db", "status"], "agreements: 2"),
]


@pytest.mark.parametrize(("argv", "printed"), SQLITE_READS, ids=[" ".join(a) for a, _ in SQLITE_READS])
def test_the_sqlite_read_commands_import_neither_sqlalchemy_nor_pydantic(
    examples_env: tuple[Path, dict[str, str]], argv: list[str], printed: str
) -> None:
    folder, env = examples_env
    argv = [a.replace("{tmp}", str(folder)) for a in argv]
    done = _run_reporting_modules(argv, env, NOT_ON_THE_SQLITE_PATH)
    assert done.returncode == 0, (argv, done.stderr)
    assert printed in done.stdout, argv
    assert done.stderr.strip().splitlines()[-1] == "[]", argv


@pytest.fixture(scope="module")
def examples_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("examples")
    return folder, _examples_ingested(folder)


def test_db_status_names_a_folder_in_one_line(tmp_path: Path) -> None:
    """ACCORD_DATABASE_URL naming a folder: an error that says so, not a traceback."""
    for url in (f"sqlite:///{tmp_path}", f"sqlite+pysqlite:///{tmp_path}"):
        done = subprocess.run(
            [sys.executable, "-m", "accord", "db", "status"],
            capture_output=True, text=True, cwd=ROOT, env={"ACCORD_DATABASE_URL": url, "PATH": ""},
        )  # fmt: skip
        assert done.returncode != 0
        assert "Traceback" not in done.stderr
        assert done.stderr.splitlines()[0] == f"Error: {tmp_path} is a folder, not a database file"


def test_the_sqlite_path_lists_the_agreements_the_orm_lists(db: Database, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the stdlib path reads SQLite files only")
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    connection = sqlite_reads.open_current(database_url)
    assert connection is not None
    try:
        assert list_agreements_from_file(connection) == list_agreements(db)
    finally:
        connection.close()


def test_the_sqlite_path_leaves_other_databases_to_sqlalchemy(tmp_path: Path) -> None:
    """No file yet (SQLAlchemy creates it), an empty or foreign file, a URL SQLAlchemy would read
    otherwise than as a plain path: the stdlib path declines, and the command behaves as before."""
    empty = tmp_path / "empty.db"
    empty.touch()
    assert sqlite_reads.open_current(f"sqlite:///{tmp_path}/missing.db") is None
    assert not (tmp_path / "missing.db").exists()
    assert sqlite_reads.open_current(f"sqlite:///{empty}") is None
    assert sqlite_reads.open_current(f"sqlite:///{tmp_path}") is None
    assert sqlite_reads.sqlite_file(f"sqlite:///{empty}?mode=ro") is None
    assert sqlite_reads.sqlite_file("sqlite:///:memory:") is None
    assert sqlite_reads.sqlite_file(f"sqlite+pysqlite:///{empty}") is None
    assert sqlite_reads.sqlite_file("postgresql+psycopg://u@h/accord") is None
