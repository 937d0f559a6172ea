"""Draws the overview's charts again in the background whenever the record changes.

matplotlib needs 0.1–0.3 s per chart, and a cached chart 0.2 ms; the cache is keyed by the data,
so every write makes the next overview draw anew. Rather than make that visitor wait, a thread
of each server process watches the audit trail's head (every write moves it) and draws the new
charts, in every language, as soon as it moves.

It starts watching only once the overview has been asked for in this process: a server that
answers only the API never pays for charts nobody looks at. When it does run, a pass costs the
overview once per language (tens of milliseconds of CPU even with 10,000 agreements: the charts'
figures are totals the database keeps, see accord.storage.tallies) and draws only when those
figures changed, so it does no harm to a server that also answers the API.
"""

from __future__ import annotations

import logging
import threading

from accord.services.auditing import audit_head
from accord.storage.database import Database

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0


class ChartWarmer:
    def __init__(self, db: Database, poll: float = POLL_SECONDS) -> None:
        self._db = db
        self._poll = poll
        self._stop = threading.Event()
        self._wanted = threading.Event()
        self._thread = threading.Thread(target=self._run, name="accord-chart-warmer", daemon=True)
        self.drawn = 0  # how many times the charts were drawn (for tests and logs)

    def start(self) -> None:
        self._thread.start()

    def want(self) -> None:
        """The overview was asked for: from now on, keep its charts drawn."""
        self._wanted.set()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        seen: int | None = None
        while not self._stop.is_set():
            if not self._wanted.is_set():
                self._stop.wait(self._poll)
                continue
            try:
                head = audit_head(self._db)
                if head != seen:
                    warm(self._db)
                    seen = head
                    self.drawn += 1
            except Exception:  # a database not yet migrated, or going away: try again later
                log.debug("chart warming failed", exc_info=True)
            self._stop.wait(self._poll)


def warm(db: Database) -> None:
    """Draw the overview's charts for the record as it is now, in every language."""
    from accord.web import i18n
    from accord.web.overview_page import overview_charts

    for language in i18n.LANGUAGES:
        overview_charts(db, language)
