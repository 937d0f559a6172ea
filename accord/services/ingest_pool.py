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
from pathlib import Path

from accord.domain.agreements import AgreementMeta
from accord.services.linking import Ranked, RankJob, rank_job, rank_now
from accord.services.preparing import Limits, PreparedDocument, check, prepare_for_store
from accord.services.suggestions import Ranker
from accord.services.worker_processes import Task, Tasks, Workers

# Documents prepared ahead of the writer: a batch's worth and more, so that the workers prepare
# the next batch while the writer stores this one, which they would otherwise wait for; bounded
# in bytes too, so that a slow writer does not pile up a corpus of large files in memory.
AHEAD_DOCUMENTS = 64
AHEAD_BYTES = 4_000_000


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
    context.set_forkserver_preload(
        ["accord.services.ingest_worker", "accord.services.worker_processes", "accord.cli"]
    )
    workers = Workers(context, jobs)
    try:
        # Checked here while the workers start (the fork server reads the sentence model first),
        # the rest by the workers once one has (a PDF's check reads its text).
        sizes: list[int] = []
        for path in paths:
            if workers.started.is_set():
                break
            sizes.append(check(path, flags))
        rest = paths[len(sizes) :]
        sizes += [size for chunk in workers.map(_check_all, _chunks(rest, flags, jobs * 8)) for size in chunk]
        yield _in_order(workers, paths, sizes, flags, limits), partial(_rank_in, workers)
    except BaseException:
        workers.terminate()
        raise
    workers.close()


def _check_all(paths: list[Path], flags: AgreementMeta | None) -> list[int]:
    """`check` each file in turn: their sizes in bytes, or the first one's error."""
    return [check(path, flags) for path in paths]


def _chunks(
    paths: Sequence[Path], flags: AgreementMeta | None, count: int
) -> list[tuple[list[Path], AgreementMeta | None]]:
    """`paths` in about `count` runs, in order, each with the flags."""
    size = max(1, -(-len(paths) // count))
    return [(list(paths[at : at + size]), flags) for at in range(0, len(paths), size)]


def _rank_in(workers: Workers, jobs: list[RankJob]) -> Tasks[list[Ranked]]:
    # Each text's ranking goes to the worker that ranked its partnership before: that worker has
    # read the partnership's earlier texts and worked out their words already.
    return Tasks([workers.submit(rank_job, (job,), pin=_partnership(job)) for job in jobs])


def _partnership(job: RankJob) -> int | None:
    """What pins a ranking to a worker: the first agreement of its pool, the same for every later
    text of a partnership (a text of two partnerships goes with the older one)."""
    firsts = [batch.items[0].agreement_id for batch in job.pool.batches if batch.items]
    return min(firsts, default=None)


def _in_order(
    workers: Workers,
    paths: Sequence[Path],
    sizes: Sequence[int],
    flags: AgreementMeta | None,
    limits: Limits | None,
) -> Iterator[PreparedDocument]:
    """The files prepared, in order, at most AHEAD_DOCUMENTS and AHEAD_BYTES (or one file) ahead;
    the first ones by this process itself, until a worker has started (the fork server takes a
    second or two), rather than waiting for one."""
    queued = iter(zip(paths, sizes, strict=True))
    following = next(queued, None)
    ready: deque[PreparedDocument] = deque()
    while following is not None and not workers.started.is_set():
        ready.append(prepare_for_store(following[0], flags, limits))
        following = next(queued, None)
    pending: deque[tuple[Task[PreparedDocument], int]] = deque()
    ahead = 0
    while ready or pending or following is not None:
        # The workers' next files go to them before those prepared here are handed over: storing
        # those takes a while, and the workers would idle through it.
        while following is not None and (
            not pending or (len(pending) < AHEAD_DOCUMENTS and ahead + following[1] <= AHEAD_BYTES)
        ):
            path, size = following
            pending.append((workers.submit(prepare_for_store, (path, flags, limits)), size))
            ahead += size
            following = next(queued, None)
        if ready:
            yield ready.popleft()
            continue
        task, size = pending.popleft()
        ahead -= size
        yield task.get()
