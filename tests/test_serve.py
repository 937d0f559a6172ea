"""`accord serve --workers 2` as a real process: stateless workers over one database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.conftest import EXAMPLES, ROOT
from tests.server import free_port


def test_two_workers_serve_the_same_data(db: Database, database_url: str) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    port = free_port()
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/agreements", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        slugs = {
            tuple(a["slug"] for a in httpx.get(f"http://127.0.0.1:{port}/api/v1/agreements").json()["items"])
            for _ in range(20)
        }
        assert response.status_code == 200 and slugs == {("us-kr-tpd-mou-2025",)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
