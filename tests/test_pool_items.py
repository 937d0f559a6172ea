"""A pool sent to a worker process: its batches arrive whole and in order, each read once there."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import numpy as np

from accord.extract import embedding
from accord.services.linking import Earlier
from accord.services.pool_items import ItemBatch, PoolItems
from accord.services.worker_processes import Workers
from tests.test_span_words import QUOTES as SPAN_QUOTES

DAY = dt.date(2023, 5, 1)
QUOTES = [*SPAN_QUOTES, "The Participants will exchange views on 6G standards at the annual dialogue."]


def _batch(quotes: list[str], first_id: int) -> ItemBatch:
    items = [
        Earlier(first_id + n, 1, 1, 0, len(q), q, DAY, "Joint Statement", True, serial=first_id + n)
        for n, q in enumerate(quotes)
    ]
    return ItemBatch(items, embedding.embed(quotes))


_FIRST: list[ItemBatch] = []  # in the worker: the first batch it received


def _received(pools: list[PoolItems]) -> tuple[list[list[str]], list[np.ndarray], bool]:
    """In the worker: each pool's quotes and vectors, and whether its first batch is the very
    object the first call received (read once, then kept)."""
    batch = pools[0].batches[0]
    _FIRST.append(batch)
    return (
        [[item.quote for item in pool.items] for pool in pools],
        [pool.vectors for pool in pools],
        batch is _FIRST[0],
    )


def test_a_pool_sent_to_another_process_is_the_same_items_and_vectors_in_the_same_order() -> None:
    first, second = _batch(QUOTES[:3], 10), _batch(QUOTES[3:], 20)
    # Interleaved as the kept pool orders items by their ids across agreements.
    pools = [PoolItems([first, second], [3, 0, 4, 1, 2]), PoolItems([first], [2, 1])]
    workers = Workers(multiprocessing.get_context("forkserver"), 1)
    try:
        quotes, vectors, _ = workers.submit(_received, (pools,)).get()
        again, _, kept = workers.submit(_received, (pools,)).get()  # the batches are known there by now
    finally:
        workers.close()
    assert quotes == [[QUOTES[3], QUOTES[0], QUOTES[4], QUOTES[1], QUOTES[2]], [QUOTES[2], QUOTES[1]]]
    assert again == quotes
    assert all(np.array_equal(sent, pool.vectors) for sent, pool in zip(vectors, pools, strict=True))
    assert np.array_equal(vectors[0][1], embedding.embed(QUOTES[:1])[0])
    assert kept, "a batch sent again is not read again by the process that received it"
