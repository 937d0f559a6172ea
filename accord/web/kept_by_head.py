"""Files a server process keeps until the record changes: the audit trail's head (every write
moves it; the chart warmer relies on the same) is kept beside each, and a file made at another
head is not given out. The least recently asked for go first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

KEPT = 8  # files kept at once
LARGEST = 16 * 2**20  # bytes: a larger file is sent but not kept


class KeptByHead(Generic[K, V]):
    def __init__(self, kept: int = KEPT, largest: int = LARGEST) -> None:
        self._most = kept
        self.largest = largest
        self._kept: OrderedDict[K, tuple[int, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, head: int) -> V | None:
        """What was kept for `key` if it was made at this head of the audit trail."""
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != head:
                return None
            self._kept.move_to_end(key)
            return found[1]

    def keep(self, key: K, head: int, value: V, size: int) -> None:
        """Keep `value` (`size` bytes), made at `head`, unless it is larger than `largest`."""
        if size > self.largest:
            return
        with self._lock:
            self._kept[key] = (head, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self._most:
                self._kept.popitem(last=False)
