"""The anonymous commitments export written in-process, no HTTP and no cache: `python
benchmarks/export_rate.py DATABASE_URL LABEL`, run with the `accord` package of the tree to
measure first on the path (benchmarks.portfolio runs it for each tree in turn). Prints one line:
wall and CPU time of the first 10,000 rows as CSV (median and best of 7, after one to warm) and
the rate in MB/s at the median.

A script, not a module of the package: the tree it measures may have no such module.
"""

from __future__ import annotations

import sys
import time

from accord.reports import exports
from accord.settings import Settings
from accord.storage.database import Database

ROWS = 10_000


def main(url: str, label: str) -> None:
    db = Database.from_settings(Settings(database_url=url))
    b"".join(exports.chunks(db, "commitments", fmt="csv", max_rows=ROWS))
    walls, cpus, size = [], [], 0
    for _ in range(7):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(b"".join(exports.chunks(db, "commitments", fmt="csv", max_rows=ROWS)))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    cpus.sort()
    print(
        f"{label}: {size / 1e6:.2f} MB in {walls[3] * 1000:.0f} ms (best {walls[0] * 1000:.0f}), "
        f"CPU {cpus[3] * 1000:.0f} ms (best {cpus[0] * 1000:.0f}): {size / 1e6 / walls[3]:.1f} MB/s"
    )
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
