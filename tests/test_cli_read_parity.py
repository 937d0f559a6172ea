"""The read commands print the same bytes on the stdlib sqlite3 path (a plain `sqlite:///` URL of a
current file) as through SQLAlchemy (the same file named `sqlite+pysqlite:///`, which the stdlib
path declines): text and --json, on the example agreements, on an eight-party agreement carried
through signatures, progress, a meeting's action items (a party's and a body's) and a notice, and on
an agreement with odd values (no date, no terms, no commitments, a unicode title and text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.domain.agreements import AgreementMeta
from accord.domain.lifecycle import Act
from accord.services.actions import add_action
from accord.services.bodies import add_body
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import new_meeting
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.many_parties import G7, carry_through

MOU = "us-kr-tpd-mou-2025"
ODD = "odd-ünïcode"
COMMANDS = [
    ["show", "us-kr-tpd-mou-2025"],
    ["show", "us-kr-tpd-mou-2025", "--json"],
    ["show", "1", "--json", "--sentences"],
    ["show", G7],
    ["show", ODD],
    ["show", ODD, "--json"],
    ["show", "no-such-agreement"],
    ["commitments"],
    ["commitments", "--json"],
    ["commitments", G7, "--json"],
    ["commitments", "--actor", "KR", "--area", "ai", "--json"],
    ["commitments", "--strength", "firm"],
    ["commitments", ODD],
    ["commitments", "--strength", "bogus"],
    ["commitments", "--area", "bogus"],
    ["search", "research"],
    ["search", "research", "--json"],
    ["search", "supply chain", "--limit", "3", "--json"],
    ["search", "ünïcode"],
    ["search", "?"],
    ["due", "--within", "1y"],
    ["due", "--within", "20y", "--json", "--today", "2020-01-01"],
    ["due", "--within", "90d", "--agreement", G7, "--today", "2025-01-01"],
    ["timeline", "us-kr-tpd-mou-2025"],
    ["timeline", MOU, "--json", "--today", "2026-12-31"],
    ["timeline", G7, "--today", "2030-01-01"],
    ["timeline", G7, "--json", "--today", "2024-01-01"],
    ["timeline", ODD, "--json"],
    ["export", "commitments", "us-kr-tpd-mou-2025", "--format", "csv"],
    ["export", "commitments", "--format", "json"],
    ["export", "commitments", "--format", "csv"],
    ["export", "commitments", ODD, "--format", "json"],
    ["export", "commitments", "no-such-agreement"],
]


@pytest.fixture
def stored(db: Database, database_url: str, tmp_path: Path) -> str:
    if not database_url.startswith("sqlite:///"):
        pytest.skip("the stdlib path reads SQLite files only")
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    carry_through(db)
    for party, day in (("US", 10), ("KR", 29)):
        record(db, MOU, Act.SIGN, on=dt.date(2025, 10, day), party=party, by=None)
    record(db, MOU, Act.NOTICE, on=dt.date(2026, 2, 1), party="KR", by=None)
    meeting = new_meeting(db, G7, on=dt.date(2024, 9, 1), place="Roma", by=None).id
    add_body(db, "Joint Working Group on Ünïcode", by=None)
    add_action(
        db, meeting, text="Report on the health commitment", owner="JP", due=dt.date(2025, 1, 31), by=None
    )
    add_action(
        db, meeting, text="Draft the terms of reference", owner="Joint Working Group on Ünïcode",
        due=dt.date(2024, 12, 1), by=None,
    )  # fmt: skip
    odd = tmp_path / f"{ODD}.txt"
    odd.write_text("Ünïcode agreement\n\nThe parties note the weather in Reykjavík — nothing more.\n")
    ingest_paths(db, [odd], AgreementMeta(title="Ünïcode — “quoted” title"), by=None)
    return database_url


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_read_command_prints_the_same_on_both_paths(stored: str, argv: list[str]) -> None:
    fast = run_accord(*argv, database_url=stored)
    orm = run_accord(*argv, database_url=stored.replace("sqlite:///", "sqlite+pysqlite:///", 1))
    assert (fast.returncode, fast.stdout, fast.stderr) == (orm.returncode, orm.stdout, orm.stderr)
    assert fast.stdout or fast.stderr


def test_the_parity_test_compares_two_paths(stored: str) -> None:
    """The `sqlite+pysqlite:///` form really takes the SQLAlchemy path."""
    from accord.storage import sqlite_reads

    assert sqlite_reads.open_current(stored) is not None
    assert sqlite_reads.open_current(stored.replace("sqlite:///", "sqlite+pysqlite:///", 1)) is None
