"""A pool's earlier spans as batches (one earlier agreement's commitments, or its uncovered
sentences), so that a batch is sent to a worker process once however many later texts' pools hold it.

`accord ingest --jobs N` ranks each later text in a worker process, and every text of a
partnership is compared with the same earlier agreements: sending each pool item by item cost the
storing process about a tenth of its time, and every worker the same again to read them. A batch
is a `SentOnce`: a worker keeps each batch it receives (and the words it works out for its items),
and later tasks send only its serial.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord.extract import embedding
from accord.services.worker_processes import SentOnce

if TYPE_CHECKING:
    from accord.services.batch_words import BatchWords
    from accord.services.linking import Earlier

_SERIALS = itertools.count(1)  # batches' numbers, unique in the process that makes them


class ItemBatch(SentOnce):
    """Pool items made together, with their sentence vectors (one row each)."""

    __slots__ = ("items", "serial", "vectors", "words")

    def __init__(self, items: list[Earlier], vectors: np.ndarray, serial: int | None = None) -> None:
        self.items = items
        self.vectors = vectors
        self.serial = next(_SERIALS) if serial is None else serial
        # Kept by the process that works them out (`batch_words`); never sent to another.
        self.words: BatchWords | None = None

    @property
    def sent_key(self) -> int:
        return self.serial

    def __reduce__(self) -> tuple[type[ItemBatch], tuple[list[Earlier], np.ndarray, int]]:
        return ItemBatch, (self.items, self.vectors, self.serial)


class PoolItems:
    """A pool's items and vectors: batches, and the order that interleaves their items (positions
    in the batches' items end to end). The list and the matrix are put together where used."""

    __slots__ = ("_items", "_vectors", "batches", "order")

    def __init__(self, batches: Sequence[ItemBatch], order: Sequence[int]) -> None:
        self.batches = tuple(batches)
        self.order: list[int] = np.asarray(order, np.int64).tolist()
        self._items: list[Earlier] | None = None
        self._vectors: np.ndarray | None = None

    @property
    def items(self) -> list[Earlier]:
        if self._items is None:
            flat = [item for batch in self.batches for item in batch.items]
            self._items = [flat[n] for n in self.order]
        return self._items

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            stacked = (
                np.vstack([batch.vectors for batch in self.batches])
                if self.batches
                else np.zeros((0, embedding.DIMENSIONS), np.float32)
            )
            self._vectors = stacked[self.order]
        return self._vectors

    @classmethod
    def of(cls, items: list[Earlier], vectors: np.ndarray) -> PoolItems:
        """Items made together, in their order."""
        return cls([ItemBatch(items, vectors)], range(len(items)))

    def __reduce__(self) -> tuple[type[PoolItems], tuple[tuple[ItemBatch, ...], np.ndarray]]:
        return PoolItems, (self.batches, np.asarray(self.order, np.int32))
