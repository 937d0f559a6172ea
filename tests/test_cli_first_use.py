"""What a new user meets first in the CLI (issue 14, "the next ten"): `accord --help` grouped so that
the first steps come first, flags shown as flags, required options marked required, and files
written in the format their name says."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

from accord.cli.index import COMMANDS, PANELS
from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.cli import accord_shell, run_accord
from tests.conftest import EXAMPLES

SLUG = "us-kr-tpd-mou-2025"


def test_every_command_is_in_one_panel_and_the_first_steps_come_first(database_url: str) -> None:
    panelled = [name for names in PANELS.values() for name in names]
    assert sorted(panelled) == sorted(COMMANDS)  # each once, none left out
    shown = run_accord("--help", database_url=database_url).stdout
    titles = re.findall(r"╭─ (.+?) ─", shown)
    assert titles == ["Options", *PANELS]
    start = shown.split("╭─ Start here")[1].split("╰")[0]
    assert all(f"│ {name} " in start for name in ("db", "ingest", "agreements", "serve"))


def test_one_line_helps_are_whole_sentences() -> None:
    # Click cuts a help at its first ". ": "Run the extractor again (e.g." was the whole line once.
    cut = {name: text for name, (_module, text) in COMMANDS.items() if text.count("(") != text.count(")")}
    assert cut == {}


def test_flags_show_no_value_and_required_options_are_marked(database_url: str) -> None:
    helps = {
        args: run_accord(*args, "--help", database_url=database_url).stdout
        for args in [(), ("commitments",), ("assess",), ("assess", "open"), ("export", "commitments")]
    }
    assert {args: "<bool>" in text for args, text in helps.items()} == {args: False for args in helps}
    assert re.search(r"--json\s+Print JSON", helps[("commitments",)])
    opening = helps[("assess", "open")]
    assert re.search(r"\*\s+--from\s+<str>.*\[required\]", opening)
    assert re.search(r"\*\s+--to\s+<str>.*\[required\]", opening)


def test_opening_a_cycle_without_its_period_names_the_missing_option(db: Database, database_url: str) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    done = run_accord("assess", "open", SLUG, "--to", "2026-10-28", database_url=database_url)
    assert done.returncode == 2 and "Missing option '--from'" in done.stderr
    assert "bad date" not in done.stderr
    listed = run_accord("assess", "cycles", SLUG, database_url=database_url)
    assert listed.returncode == 0 and "2026-10-28" not in listed.stdout  # nothing was opened


def test_files_are_written_in_the_format_their_name_says(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    with accord_shell(database_url) as accord:
        ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
        opened = accord("assess", "open", SLUG, "--from", "2025-10-29", "--to", "2026-10-28")
        assert opened.returncode == 0, opened.stderr
        for args, name, magic in [
            (("report", SLUG), "r.pdf", b"%PDF"),
            (("report", SLUG), "r.md", b"# Compliance report"),
            (("export", "commitments", SLUG), "c.xlsx", b"PK"),
            (("export", "progress", SLUG), "p.json", b"["),
        ]:
            done = accord(*args, "-o", str(tmp_path / name))
            assert done.returncode == 0, done.stderr
            assert (tmp_path / name).read_bytes().startswith(magic), name
        # Without an extension it knows, the default stays: html for a report, csv for an export.
        assert accord("report", SLUG, "-o", str(tmp_path / "r.out")).returncode == 0
        assert (tmp_path / "r.out").read_bytes().lstrip().lower().startswith(b"<!doctype html")


def test_a_format_the_file_name_contradicts_is_refused_and_nothing_written(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    with accord_shell(database_url) as accord:
        ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
        out = tmp_path / "out"
        out.mkdir()
        for args in [
            ("export", "commitments", SLUG, "--format", "csv", "-o", str(out / "c.xlsx")),
            ("report", SLUG, "--format", "md", "-o", str(out / "r.pdf")),
        ]:
            done = accord(*args)
            assert done.returncode == 1 and "but the file name" in done.stderr, done.stderr
        assert list(out.iterdir()) == []


def test_empty_histories_say_so_and_cut_quotes_show_the_cut(db: Database, database_url: str) -> None:
    with accord_shell(database_url) as accord:
        ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
        timeline = accord("timeline", SLUG)
        history = accord("history", "1")
        assert "No act recorded yet" in timeline.stdout and "made on" not in timeline.stdout
        assert "No progress recorded yet" in history.stdout and "party" not in history.stdout
        due = accord("due", "--today", "2026-01-01", "--json")
        longest = max((d["quote"] for d in json.loads(due.stdout)), key=len)
        assert len(longest) > 120
        shown = accord("due", "--today", "2026-01-01").stdout
        assert "…" in shown


def test_serve_on_a_port_in_use_says_so_before_announcing_anything(database_url: str) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = run_accord("serve", "--port", str(port), database_url=database_url, timeout=30)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr and "--port" in done.stderr
    assert "accord serving" not in done.stdout
