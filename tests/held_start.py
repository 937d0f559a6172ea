"""Worker processes that start only when a test says so."""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any


class HeldStart:
    """The fork server's context, whose processes start only once `go` is set (as when the server
    takes a while to read what it preloads): each waits for it before its pipe is made."""

    def __init__(self, go: threading.Event) -> None:
        self._real = multiprocessing.get_context("forkserver")
        self._go = go

    def Pipe(self) -> tuple[Connection, Connection]:
        self._go.wait()
        return self._real.Pipe()

    def Process(self, **arguments: Any) -> Any:
        return self._real.Process(**arguments)


class FailedStart:
    """The fork server's context, whose processes cannot start (no process left to fork, say);
    starting fails once `go` is set."""

    def __init__(self, go: threading.Event) -> None:
        self._go = go

    def Pipe(self) -> tuple[Connection, Connection]:
        self._go.wait()
        raise OSError(11, "Resource temporarily unavailable")

    def Process(self, **arguments: Any) -> Any:
        raise AssertionError("not reached")
