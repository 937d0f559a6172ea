"""Running the real `accord` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run_accord(
    *args: str, database_url: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def run_accord_bytes(
    *args: str, database_url: str, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """`run_accord` with the output as bytes, as written (an iCalendar feed's CRLF kept)."""
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "accord", *args], capture_output=True, env=env, cwd=ROOT, timeout=timeout
    )
