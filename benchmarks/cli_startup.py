"""CLI start-up: `accord --help` and the read commands, each beside a bare `python -c pass` run in
the same rounds (the machine is shared: only the ratio and the floor-subtracted time mean much).

Each command runs in a fresh interpreter, as a user runs it, against a small SQLite database
holding the two example agreements; the best of N runs is kept for each."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.3  # seconds, the budget for `accord --help` and a read command
COMMANDS: list[tuple[str, ...]] = [
    ("--help",),
    ("agreements",),
    ("agreements", "--json"),
    ("show", "us-kr-tpd-mou-2025"),
    ("commitments", "us-kr-tpd-mou-2025", "--json"),
    ("due", "--within", "1y"),
    ("timeline", "us-kr-tpd-mou-2025"),
    ("db", "status"),
]


def _best(argv: list[str], env: dict[str, str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def run(rounds: int = 5) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite:///{folder}/accord.db", "COLUMNS": "120"}
        accord = [sys.executable, "-m", "accord"]
        examples = sorted(str(p) for p in (ROOT / "examples" / "us-kr").glob("*.txt"))
        subprocess.run([*accord, "ingest", *examples], env=env, stdout=subprocess.DEVNULL, check=True)
        table = Table(title=f"CLI start-up (best of {rounds}; budget {TARGET} s)", title_justify="left")
        for column in ("command", "seconds", "python -c pass", "× pass", "− pass", "within budget"):
            table.add_column(column, justify="left" if column == "command" else "right")
        for command in COMMANDS:
            floor = _best([sys.executable, "-c", "pass"], env, rounds)
            seconds = _best([*accord, *command], env, rounds)
            table.add_row(
                "accord " + " ".join(command),
                f"{seconds:.3f}",
                f"{floor:.3f}",
                f"{seconds / floor:.1f}",
                f"{seconds - floor:.3f}",
                "yes" if seconds <= TARGET else "no",
            )
        Console(width=120).print(table)


if __name__ == "__main__":
    run()
