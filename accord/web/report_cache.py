"""Compliance reports as sent from the pages, kept by each server process until the record changes.

A report is the same file for everyone who may read it: it shows no visitor, only the agreement,
the cycle, the language and the format asked for. The largest agreement's report takes 100 ms
of CPU to write as HTML (650 kB), seconds as PDF, and the same report is asked for again and
again (a Joint Committee reading it before a meeting), so the last few written are kept by the
audit trail's head (accord.web.kept_by_head). The head is read before the report's data: a
report is never kept under a head older than what it shows.
"""

from __future__ import annotations

from accord.web.kept_by_head import KeptByHead

# Agreement as asked for, format, cycle (None: the latest), language, only the assessed ones.
Key = tuple[str, str, int | None, str, bool]

# Each kept as its file name and bytes.
ReportCache = KeptByHead[Key, tuple[str, bytes]]
