"""`accord serve` in a subprocess for a benchmark, on a free port, until the block ends; and the
source tree of another revision, for serving it beside this one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from benchmarks.api import _free_port

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def accord_serving(url: str, log: Path, tree: Path | None = None) -> Iterator[str]:
    """The base URL of `accord serve` on the database `url`, its output in `log`; with `tree`, the
    package in that source tree (first on the path) rather than the installed one."""
    port = _free_port()
    env = {**os.environ, "ACCORD_DATABASE_URL": url}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "accord", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=out, cwd=tree)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base + "/static/accord.css", timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit(f"accord serve did not start: see {log}") from None
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def source_tree(revision: str) -> Path:
    """The files of `revision`, exported once into the temp folder."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", revision + "^{commit}"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    target = Path(tempfile.gettempdir()) / "accord-bench" / f"tree-{sha[:12]}"
    if not (target / "accord").is_dir():
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", sha], check=True, capture_output=True
        ).stdout
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target
