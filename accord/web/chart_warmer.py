"""Draws the overview's charts again in the background whenever the record changes.

matplotlib needs 0.1–0.3 s per chart, and a cached chart 0.2 ms; the cache is keyed by the data,
so every write makes the next overview draw anew. Rather than make that visitor wait, a thread
of each server process watches the audit trail's head (every write moves it) and has the new
charts drawn, in every language, as soon as it moves.

It runs in every server process from its start, pages or API alone, and does them no harm: a
pass reads only the charts' figures (the totals the database keeps, see accord.storage.tallies,
and compliance summed in SQL: a few milliseconds at any size, no page built), and the charts
whose figures changed are drawn by a child process at low priority (accord.reports.chart_process),
so that matplotlib never holds the server's GIL while it answers requests. The thread itself
waits on the database or on the child, never on the CPU.
"""

from __future__ import annotations

import logging
import threading

from accord.reports.chart_process import ChartProcess
from accord.reports.charts import Drawer
from accord.services.auditing import audit_head
from accord.services.overview import chart_figures
from accord.storage.database import Database

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0


class ChartWarmer:
    def __init__(self, db: Database, poll: float = POLL_SECONDS) -> None:
        self._db = db
        self._poll = poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="accord-chart-warmer", daemon=True)
        self.process = ChartProcess()
        self.drawn = 0  # passes that found the record changed and had its charts drawn (tests, logs)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.process.close()

    def _run(self) -> None:
        seen: int | None = None
        while not self._stop.is_set():
            try:
                head = audit_head(self._db)
                if head != seen:
                    warm(self._db, self.process.draw)
                    seen = head
                    self.drawn += 1
            except Exception:  # a database not yet migrated, or going away: try again later
                log.debug("chart warming failed", exc_info=True)
            self._stop.wait(self._poll)


def warm(db: Database, drawer: Drawer) -> None:
    """Have the overview's charts for the record as it is now drawn by `drawer`, in every language."""
    from accord.web import i18n
    from accord.web.overview_page import draw_charts

    figures = chart_figures(db)
    for language in i18n.LANGUAGES:
        draw_charts(figures, language, drawer)
