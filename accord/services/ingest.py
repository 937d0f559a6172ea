"""Ingesting documents: read, segment, store — each document wholly or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from accord.domain.access import Principal
from accord.domain.agreements import AgreementMeta
from accord.extract.files import uploaded_file
from accord.services.acting import writing
from accord.services.ingest_pool import prepared_documents
from accord.services.linking import rank_now
from accord.services.preparing import UPLOAD_LIMITS, Limits, PreparedDocument, prepare
from accord.services.storing import IngestResult, store_documents
from accord.services.suggestions import PoolCache, Ranker
from accord.storage import audit
from accord.storage.database import Database

__all__ = ["UPLOAD_LIMITS", "IngestResult", "Limits", "PreparedDocument", "ingest_paths", "prepare", "store"]


def store(db: Database, prepared: PreparedDocument, *, by: Principal | None) -> IngestResult:
    """Store one prepared document in a single transaction; the same bytes are stored once."""
    (result,) = store_batch(db, [prepared], by=by)
    return result


def store_batch(
    db: Database,
    batch: Sequence[PreparedDocument],
    *,
    by: Principal | None,
    ranker: Ranker = rank_now,
    pools: PoolCache | None = None,
) -> list[IngestResult]:
    """Store prepared documents in one transaction: all of them, or (if it is interrupted) none.
    One transaction per batch rather than per document spares each document a commit and a
    wait for the write lock; the batch stays small, so other writers wait little. `pools`: the
    earlier agreements the previous batches read, kept while nobody else writes."""
    pools = pools or PoolCache()
    with writing(db, by) as session:
        pools.begin(session)
        results = store_documents(session, batch, by, ranker, pools)
        head = audit.head(session)
    pools.committed(head)
    return results


def ingest_upload(
    db: Database, name: str, suffix: str, data: bytes, flags: AgreementMeta, *, by: Principal | None
) -> IngestResult:
    """Ingest bytes received over HTTP, through the same loaders as a file on disk."""
    with uploaded_file(name, suffix, data) as path:
        (result,) = ingest_paths(db, [path], flags, limits=UPLOAD_LIMITS, by=by)
    return result


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    flags: AgreementMeta | None = None,
    *,
    jobs: int = 1,
    on_stored: Callable[[IngestResult, int], None] | None = None,
    limits: Limits | None = None,
    by: Principal | None,
) -> list[IngestResult]:
    """Check every file first, so that one bad file in a batch stores nothing; then prepare them
    in `jobs` processes while this one stores them in batches, each batch atomically.

    `on_stored(result, byte_size)` is called for each document once its batch is committed."""
    if by is not None:
        by.require_agreements()  # before reading any file; who may add which agreement is decided in `store`
    paths = list(paths)
    results: list[IngestResult] = []
    pools = PoolCache()  # earlier agreements read by one batch, for the next ones
    with prepared_documents(paths, flags, jobs=jobs, limits=limits) as (documents, ranker):
        batch: list[PreparedDocument] = []
        size = 0
        for prepared in documents:
            batch.append(prepared)
            size += prepared.source.byte_size
            if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_BYTES:
                results += _store_reporting(db, batch, by, on_stored, ranker, pools)
                batch, size = [], 0
        if batch:
            results += _store_reporting(db, batch, by, on_stored, ranker, pools)
    return results


# A batch of documents is stored in one transaction: large enough that per-transaction costs
# (the write lock, the audit chain's head, the commit) are shared, small enough that another
# writer waits well under a second for the lock.
BATCH_DOCUMENTS = 50
BATCH_BYTES = 1_000_000


def _store_reporting(
    db: Database,
    batch: list[PreparedDocument],
    by: Principal | None,
    on_stored: Callable[[IngestResult, int], None] | None,
    ranker: Ranker,
    pools: PoolCache,
) -> list[IngestResult]:
    results = store_batch(db, batch, by=by, ranker=ranker, pools=pools)
    if on_stored:
        for prepared, result in zip(batch, results, strict=True):
            on_stored(result, prepared.source.byte_size)
    return results
