"""Preparing many files for storage, in this process or in N worker processes.

`accord ingest --jobs N` reads, segments and extracts in N processes while the calling process
stores what they send back, in the order the files were given (so ids and slugs do not depend on
which worker finished first). Every file is checked before any is prepared, so that one bad
file in a batch stores nothing.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from accord.domain.agreements import AgreementMeta
from accord.services.linking import Ranked, RankJob, rank_job, rank_now
from accord.services.preparing import Limits, PreparedDocument, check, prepare_for_store
from accord.services.suggestions import Ranker

# Documents prepared ahead of the writer, per worker: enough that no worker waits for the writer
# to ask, few enough that a slow writer does not pile up a whole corpus in memory.
AHEAD = 4


@contextmanager
def prepared_documents(
    paths: Sequence[Path], flags: AgreementMeta | None, *, jobs: int, limits: Limits | None
) -> Iterator[tuple[Iterator[PreparedDocument], Ranker]]:
    """The files, checked, then prepared one by one in order, by `jobs` processes; and a ranker of
    link suggestions that runs in the same processes (ranking is most of what storing costs)."""
    if jobs <= 1:
        if len(paths) > 1:
            for path in paths:
                check(path, flags)
        yield (prepare_for_store(path, flags, limits) for path in paths), rank_now
        return
    # forkserver: the workers start from a fresh process, not a copy of this one with its open
    # database connections and threads (a progress bar's refresh thread, a server's pool).
    context = multiprocessing.get_context("forkserver")
    # Every worker runs the calling program again as its __main__ (Python 3.11's fork server does
    # not preload "__main__", whatever the list says); for the `accord` script that is importing
    # accord.cli, done here once, in the fork server, rather than in every worker.
    context.set_forkserver_preload(["accord.services.ingest_worker", "accord.cli"])
    with context.Pool(jobs) as pool:
        pool.starmap(check, [(path, flags) for path in paths], chunksize=max(1, len(paths) // (jobs * 8)))
        yield _in_order(pool, paths, flags, limits, window=jobs * AHEAD), partial(_rank_in, pool)


def _rank_in(pool: Pool, jobs: list[RankJob]) -> AsyncResult[list[list[Ranked]]]:
    return pool.map_async(rank_job, jobs, chunksize=1)


def _in_order(
    pool: Pool, paths: Sequence[Path], flags: AgreementMeta | None, limits: Limits | None, *, window: int
) -> Iterator[PreparedDocument]:
    pending: deque[AsyncResult[PreparedDocument]] = deque()
    queued = iter(paths)
    for path in queued:
        pending.append(pool.apply_async(prepare_for_store, (path, flags, limits)))
        if len(pending) >= window:
            break
    while pending:
        prepared = pending.popleft().get()
        for path in queued:
            pending.append(pool.apply_async(prepare_for_store, (path, flags, limits)))
            break
        yield prepared
