"""Real uvicorn servers on free loopback ports: in a background thread, or as worker processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn in a background thread, on a loopback port of its own.

    The socket is bound here and handed to uvicorn, which listens on it as it is: choosing a free
    port (free_port) and letting uvicorn bind it a moment later left the port to any process that
    asked for one meanwhile — the other xdist worker's servers, another suite's, a benchmark's
    clients — and the test then failed with a server that did not start, only under load."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            listening.close()
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listening.close()


@contextmanager
def serving_workers(database_url: str, *, workers: int = 2) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`accord serve --workers N` as a real process group over one database; yields its base URL
    and the supervising process (whose children are the workers)."""
    port = free_port()
    env = {
        **os.environ,
        "ACCORD_DATABASE_URL": database_url,
        "ACCORD_WARM_CHARTS": "false",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/agreements", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def worker_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """The worker processes a supervising `accord serve --workers N` started (its direct children
    that run the app, not multiprocessing's resource tracker, nor a dead one not yet reaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        # A killed worker stays a zombie ("Z") until the supervisor reaps it: it is no longer a worker.
        if int(parent) == server.pid and state != "Z" and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return sorted(found)
