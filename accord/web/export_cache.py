"""The anonymous downloads of the exports, kept by each server process until the record changes.

A reader who is neither signed in nor sends a token gets the first ANONYMOUS_ROWS rows of an
export: the same file for every such reader until the next write. Writing it costs 0.2–0.3 s of
CPU (10,000 commitments, 2.6 MB of CSV), so the last few made are kept, keyed by the audit trail's
head (every write moves it; the chart warmer relies on the same): one asked for again before any
write is sent from memory. A file is kept only once it went out whole (its client stayed to the
end) and no write happened while it was read.
"""

from __future__ import annotations

from collections.abc import Iterator

from accord.services.auditing import audit_head
from accord.storage.database import Database
from accord.web.kept_by_head import KeptByHead

Key = tuple[str, str, str | None]  # kind, format, agreement as asked for
ExportCache = KeptByHead[Key, bytes]


def keeping(
    cache: ExportCache, key: Key, head: int, chunks: Iterator[bytes], db: Database
) -> Iterator[bytes]:
    """The chunks, passed on as they come; once the last has gone out, the whole file is kept
    for `key` if the audit trail's head is still `head`."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size <= cache.largest:
            parts.append(chunk)
        yield chunk
    if size <= cache.largest and audit_head(db) == head:
        cache.keep(key, head, b"".join(parts), size)
