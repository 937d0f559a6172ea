"""Compliance reports as sent from the pages, kept by each server process until the record changes.

A report is the same file for everyone who may read it: it shows no visitor, only the agreement,
the cycle, the language and the format asked for. The largest agreement's report takes 100 ms
of CPU to write as HTML (650 kB), seconds as PDF, and the same report is asked for again and
again (a Joint Committee reading it before a meeting), so the last few written are kept, keyed by
the audit trail's head as the exports are (accord.web.export_cache: every write moves it). The
head is read before the report's data: a report is never kept under a head older than what it shows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

# Agreement as asked for, format, cycle (None: the latest), language, only the assessed ones.
Key = tuple[str, str, int | None, str, bool]
REPORTS = 8  # kept at once, the least recently asked for dropped first
LARGEST = 16 * 2**20  # bytes: a larger report is sent but not kept


class ReportCache:
    def __init__(self, reports: int = REPORTS, largest: int = LARGEST) -> None:
        self._reports = reports
        self._largest = largest
        self._kept: OrderedDict[Key, tuple[int, str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key, head: int) -> tuple[str, bytes] | None:
        """The file name and bytes kept for `key` if the report was written at this head."""
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != head:
                return None
            self._kept.move_to_end(key)
            return found[1], found[2]

    def keep(self, key: Key, head: int, filename: str, body: bytes) -> None:
        if len(body) > self._largest:
            return
        with self._lock:
            self._kept[key] = (head, filename, body)
            self._kept.move_to_end(key)
            while len(self._kept) > self._reports:
                self._kept.popitem(last=False)
