"""Running the real `accord` command in a subprocess."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Ran:
    """What one command of `run_accord_all` gave, as a process of its own would have."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run_accord_all(commands: list[list[str]], *, database_url: str, timeout: float = 600) -> list[Ran]:
    """Each command run as `run_accord_bytes` would run it, all of them in one process (tests/cli_batch.py)."""
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "cli_batch.py")],
        input=json.dumps(commands).encode(),
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=True,
    )
    return [
        Ran(r["returncode"], base64.b64decode(r["stdout"]), base64.b64decode(r["stderr"]))
        for r in json.loads(done.stdout)
    ]


class AccordShell:
    """`accord` commands run one after another in one process (tests/cli_batch.py --serve), each
    answering as `run_accord` would: for tests that run several commands in turn."""

    def __init__(self, database_url: str) -> None:
        env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
        self._process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "cli_batch.py"), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )

    def __call__(self, *argv: str) -> subprocess.CompletedProcess[str]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(list(argv)) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        assert answer, "the command runner ended"
        ran = json.loads(answer)
        return subprocess.CompletedProcess(
            ["accord", *argv],
            ran["returncode"],
            base64.b64decode(ran["stdout"]).decode(),
            base64.b64decode(ran["stderr"]).decode(),
        )

    def close(self) -> None:
        self._process.communicate(timeout=60)  # closes its input, so it ends; reads what is left


@contextmanager
def accord_shell(database_url: str) -> Iterator[AccordShell]:
    shell = AccordShell(database_url)
    try:
        yield shell
    finally:
        shell.close()
