"""The anonymous downloads of the exports, kept by each server process until the record changes.

A reader who is neither signed in nor sends a token gets the first ANONYMOUS_ROWS rows of an
export: the same file for every such reader until the next write. Writing it costs 0.2–0.3 s of
CPU (10,000 commitments, 2.6 MB of CSV), so the last few made are kept, keyed by the audit trail's
head (every write moves it; the chart warmer relies on the same): one asked for again before any
write is sent from memory. A file is kept only once it went out whole (its client stayed to the
end) and no write happened while it was read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator

from accord.services.auditing import audit_head
from accord.storage.database import Database

Key = tuple[str, str, str | None]  # kind, format, agreement as asked for
FILES = 8  # kept at once, the least recently asked for dropped first
LARGEST = 16 * 2**20  # bytes: a larger file is sent but not kept


class ExportCache:
    def __init__(self, files: int = FILES, largest: int = LARGEST) -> None:
        self._files = files
        self._largest = largest
        self._kept: OrderedDict[Key, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key, head: int) -> bytes | None:
        """The file kept for `key` if it was made at this head of the audit trail."""
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != head:
                return None
            self._kept.move_to_end(key)
            return found[1]

    def keeping(self, key: Key, head: int, chunks: Iterator[bytes], db: Database) -> Iterator[bytes]:
        """The chunks, passed on as they come; once the last has gone out, the whole file is kept
        for `key` if the audit trail's head is still `head`."""
        parts: list[bytes] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size <= self._largest:
                parts.append(chunk)
            yield chunk
        if size <= self._largest and audit_head(db) == head:
            with self._lock:
                self._kept[key] = (head, b"".join(parts))
                self._kept.move_to_end(key)
                while len(self._kept) > self._files:
                    self._kept.popitem(last=False)
