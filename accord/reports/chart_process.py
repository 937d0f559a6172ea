"""Charts drawn in a child process at low priority, so that drawing never holds a server's GIL.

matplotlib is pure Python for most of a chart's 0.1–0.3 s (2 s for 10,000 agreements). Drawn
on a thread of the server process, it takes the GIL from the requests every few milliseconds, and
a request that gives the GIL up at each SQLite call waits up to the switch interval each time to
get it back: the page benchmark's overview, about 120 ms alone, took 350–660 ms at p95 right
after a write. A child process draws with its own interpreter on another core, and, niced,
yields the CPU to the servers when the cores are busy.

The child is spawned (a fresh interpreter, not a fork of a process with threads and open
database connections) on the first chart asked of it, and ends with its parent, however the
parent ends.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from accord.reports.charts import Sketch, draw_sketch

NICENESS = 10  # below the servers' requests, above nothing else
PARENT_POLL_SECONDS = 1.0


def _child_start(parent: int) -> None:
    # Ctrl+C in a terminal reaches the whole process group: the parent stops the child itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(NICENESS)
    threading.Thread(target=_end_with, args=(parent,), name="accord-chart-parent", daemon=True).start()


def _end_with(parent: int) -> None:
    """Exit once the parent is gone, however it went (the work queue's pipe does not close: the
    child holds both its ends)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(0)


class ChartProcess:
    """`draw(sketch)` → the chart's markup, drawn by the child process (started on first use)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def draw(self, sketch: Sketch) -> str:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_child_start,
                    initargs=(os.getpid(),),
                )
            pool = self._pool
        try:
            return pool.submit(draw_sketch, sketch).result()
        except BrokenProcessPool:
            # The child died (killed, out of memory): the next chart starts another.
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise

    @property
    def pid(self) -> int | None:
        """The child's process id once it runs (for tests and logs)."""
        pool = self._pool
        processes = getattr(pool, "_processes", None) or {}
        return next(iter(processes), None)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
