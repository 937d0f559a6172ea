"""The read commands print the same bytes on the stdlib sqlite3 path (a plain `sqlite:///` URL of a
current file) as through SQLAlchemy (the same file named `sqlite+pysqlite:///`, which the stdlib
path declines): text and --json, the exports in every format and the iCalendar feed, on the example
agreements, on an eight-party agreement carried through signatures, progress, money, meetings with
action items (a party's and a body's, open and done) and a notice, and on an agreement with odd
values (no date, no terms, no commitments, a unicode title and text). Only what depends on the
moment a file is made is set aside: a feed's DTSTAMP and an XLSX file's creation time (each checked
to be that moment)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from accord.domain.agreements import AgreementMeta
from accord.domain.lifecycle import Act
from accord.services.actions import add_action, complete_action
from accord.services.bodies import add_body
from accord.services.commitments import list_commitments, review
from accord.services.funding import add_flow
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import new_meeting
from accord.services.progress import record_progress
from accord.services.queries import list_agreements
from accord.settings import Settings
from accord.storage.database import Database
from tests.cli import Ran, run_accord, run_accord_all, run_accord_bytes
from tests.conftest import EXAMPLES
from tests.many_parties import G7, carry_through

MOU = "us-kr-tpd-mou-2025"
FACT_SHEET = "us-kr-fact-sheet-2021"
ODD_FILE = "odd-ünïcode.txt"
ODD = "odd-n-code"  # its slug: the file name in ASCII
# Text a spreadsheet would run as a formula, and cells that CSV must quote
FORMULAS = ["=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3", "@risk", "\tTab", 'line one\r\nline two; «ünï», "q"']
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
    ["export", "funding"],
    ["export", "funding", "--format", "json"],
    ["export", "funding", G7, "--format", "csv"],
    ["export", "funding", FACT_SHEET, "--format", "json"],
    ["export", "funding", ODD, "--format", "json"],
    ["export", "funding", ODD],
    ["export", "funding", "no-such-agreement"],
    ["export", "funding", "--format", "ods"],
    ["export", "progress"],
    ["export", "progress", "--format", "json"],
    ["export", "progress", MOU, "--format", "csv"],
    ["export", "progress", "--agreement", G7, "--format", "json"],
    ["export", "progress", ODD, "--format", "json"],
    ["export", "progress", "no-such-agreement"],
    ["export", "progress", MOU, "--agreement", G7],
    ["calendar", "no-such-agreement"],
]
# The feed of each agreement, compared with its DTSTAMP set aside
CALENDARS = [MOU, FACT_SHEET, G7, ODD, "1"]


@pytest.fixture(scope="module")
def stored(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of one SQLite file holding everything the commands read, built once: the commands only read it."""
    folder = tmp_path_factory.mktemp("parity")
    shutil.copyfile(sqlite_template, folder / "accord.db")
    url = f"sqlite:///{folder}/accord.db"
    db = Database.from_settings(Settings(database_url=url, warm_charts=False))
    try:
        _fill(db, folder)
    finally:
        db.dispose()
    return url


def _fill(db: Database, folder: Path) -> None:
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
    # The calendar: a second meeting the same day without a place, a meeting whose place and action
    # item need escaping and folding, and an action item done.
    new_meeting(db, G7, on=dt.date(2024, 9, 1), place=None, by=None)
    seoul = new_meeting(db, MOU, on=dt.date(2025, 11, 20), place="Seoul; Blue House, Annex \\ 2", by=None).id
    done = add_action(
        db, seoul, text="Ünïcode " * 20 + "; a long, escaped text\nover lines", owner="KR",
        due=dt.date(2025, 12, 15), by=None,
    )  # fmt: skip
    complete_action(db, done, on=dt.date(2025, 12, 1), by=None)
    # Money: the fact sheet's amounts as reviewed pledges (accepted, and edited), and flows entered
    # by hand in several currencies with notes a spreadsheet would run.
    with_amounts = [view for view in list_commitments(db, FACT_SHEET) if view.amounts]
    review(db, with_amounts[0].id, accept=True, by=None)
    review(db, with_amounts[-1].id, sets=[("strength", "intent")], by=None)
    for (currency, value, party), note in zip(
        [("EUR", "1234567.89", "FR"), ("JPY", "2,500,000,000", "JP"), ("KRW", "0.01", "IT"),
         ("GBP", "99999999999.99", "GB"), ("USD", "1", "US"), ("CAD", "3.5", "CA")],
        FORMULAS, strict=True,
    ):  # fmt: skip
        add_flow(
            db, G7, type="commitment", party=party, value=value, currency=currency, period="P5Y",
            on=dt.date(2024, 6, 1), note=note, by=None,
        )  # fmt: skip
    add_flow(db, FACT_SHEET, type="expenditure", party="KR", value="42", currency="KRW", by=None)
    # Progress from both parties of the MOU, with evidence, formula-like notes and two updates of one
    # party on the same day (the later one counts).
    joint = next(view for view in list_commitments(db, MOU) if view.actors == ["US", "KR"])
    for party, level, on, note in (
        ("US", "limited", dt.date(2025, 11, 15), FORMULAS[0]),
        ("KR", "substantial", dt.date(2025, 11, 15), FORMULAS[5]),
        ("KR", "complete", dt.date(2025, 11, 15), FORMULAS[1]),
        ("US", "not_started", dt.date(2026, 1, 10), None),
    ):
        record_progress(
            db, joint.id, party=party, level=level, on=on, note=note, evidence_url="https://example.org/ü?a=1,b",
            evidence_on=dt.date(2025, 11, 1), recorded_by="Clerk «Ünï»", by=None,
        )  # fmt: skip
    odd = folder / ODD_FILE
    odd.write_text("Ünïcode agreement\n\nThe parties note the weather in Reykjavík — nothing more.\n")
    ingest_paths(db, [odd], AgreementMeta(title="Ünïcode — “quoted” title"), by=None)
    assert ODD in {view.slug for view in list_agreements(db)}


@dataclass(frozen=True)
class Printed:
    """Every command of COMMANDS and CALENDARS run on each path, by argv; when they ran."""

    fast: dict[tuple[str, ...], Ran]
    orm: dict[tuple[str, ...], Ran]
    started: dt.datetime
    ended: dt.datetime


@pytest.fixture(scope="module")
def printed(stored: str) -> Printed:
    """All commands of a path in one process (tests/cli_batch.py): a process per command cost two
    seconds each, and the paths are chosen per command, by the URL, not per process."""
    commands = COMMANDS + [["calendar", agreement] for agreement in CALENDARS]
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    fast = run_accord_all(commands, database_url=stored)
    orm = run_accord_all(commands, database_url=_orm(stored))
    ended = dt.datetime.now(dt.UTC)
    return Printed(
        dict(zip(map(tuple, commands), fast, strict=True)),
        dict(zip(map(tuple, commands), orm, strict=True)),
        started,
        ended,
    )


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_read_command_prints_the_same_on_both_paths(printed: Printed, argv: list[str]) -> None:
    fast, orm = printed.fast[tuple(argv)], printed.orm[tuple(argv)]
    assert (fast.returncode, fast.stdout, fast.stderr) == (orm.returncode, orm.stdout, orm.stderr)
    assert fast.stdout or fast.stderr


def test_each_command_ran_as_a_process_of_its_own_would(stored: str) -> None:
    """The batch runner gives what separate processes give (one command of each kind: text, an
    error with its status, bytes)."""
    commands = [["show", MOU], ["export", "commitments", "no-such-agreement"], ["calendar", FACT_SHEET]]
    batch = run_accord_all(commands, database_url=stored)
    for argv, ran in zip(commands, batch, strict=True):
        alone = run_accord_bytes(*argv, database_url=stored)
        assert (ran.returncode, _STAMP.sub(b"", ran.stdout), ran.stderr) == (
            alone.returncode,
            _STAMP.sub(b"", alone.stdout),
            alone.stderr,
        )
    assert batch[1].returncode != 0 and batch[1].stderr


def test_the_parity_test_compares_two_paths(stored: str) -> None:
    """The `sqlite+pysqlite:///` form really takes the SQLAlchemy path."""
    from accord.storage import sqlite_reads

    assert sqlite_reads.open_current(stored) is not None
    assert sqlite_reads.open_current(stored.replace("sqlite:///", "sqlite+pysqlite:///", 1)) is None


_STAMP = re.compile(rb"^DTSTAMP:(\d{8}T\d{6}Z)\r$", re.MULTILINE)


@pytest.mark.parametrize("agreement", CALENDARS)
def test_the_calendar_is_the_same_on_both_paths_but_for_when_it_was_made(
    printed: Printed, agreement: str
) -> None:
    """DTSTAMP is the moment the feed was made (to the second): each is checked to be that moment,
    then set aside; every other byte is compared."""
    fast, orm = printed.fast[("calendar", agreement)], printed.orm[("calendar", agreement)]
    started, ended = printed.started, printed.ended
    assert (fast.returncode, fast.stderr) == (orm.returncode, orm.stderr) == (0, b"")
    for feed in (fast.stdout, orm.stdout):
        stamps = {
            dt.datetime.strptime(s.decode(), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            for s in _STAMP.findall(feed)
        }
        assert len(stamps) == (feed.count(b"BEGIN:VEVENT") > 0), feed  # one moment for the whole feed
        assert all(started <= stamp <= ended for stamp in stamps)
    assert _STAMP.sub(b"DTSTAMP:-", fast.stdout) == _STAMP.sub(b"DTSTAMP:-", orm.stdout)
    assert fast.stdout.startswith(b"BEGIN:VCALENDAR\r\n")


# An XLSX file records when it was made (docProps/core.xml) and its zip entries carry a time.
_MADE = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


@pytest.mark.parametrize("kind", ["commitments", "funding", "progress"])
def test_an_xlsx_export_is_the_same_on_both_paths(stored: str, kind: str, tmp_path: Path) -> None:
    files, printed = {}, {}
    for name, url in (("fast", stored), ("orm", _orm(stored))):
        files[name] = tmp_path / f"{name}.xlsx"
        done = run_accord("export", kind, "--format", "xlsx", "-o", str(files[name]), database_url=url)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        printed[name] = done.stdout.replace(str(files[name]), "FILE")
    assert printed["fast"] == printed["orm"] and printed["fast"].endswith(" rows written to FILE\n")
    fast, orm = (_members(files[name].read_bytes()) for name in ("fast", "orm"))
    assert fast == orm
    assert len(fast["xl/worksheets/sheet1.xml"]) > 1000  # rows, not an empty sheet


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: _MADE.sub(b"", book.read(name)) for name in book.namelist()}


def _orm(url: str) -> str:
    return url.replace("sqlite:///", "sqlite+pysqlite:///", 1)
