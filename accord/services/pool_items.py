"""A pool's earlier spans as batches (one earlier agreement's commitments, or its uncovered
sentences), so that a batch is pickled once however many later texts' pools hold it.

`accord ingest --jobs N` ranks each later text in a worker process, and every text of a
partnership is compared with the same earlier agreements: sending each pool item by item cost the
storing process about a tenth of its time, and every worker the same again to read them. A batch
is pickled once, as bytes, and a worker reads each batch it receives once, keeping it (and the
words it works out for its items) by the batch's serial.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord.extract import embedding

if TYPE_CHECKING:
    from accord.services.linking import Earlier

_SERIALS = itertools.count(1)  # batches' numbers, unique in the process that makes them
_RECEIVED: dict[int, ItemBatch] = {}  # batches read from other processes, by their serial
_RECEIVED_LIMIT = 20_000  # then start afresh: a batch sent again is read again


class ItemBatch:
    """Pool items made together, with their sentence vectors (one row each)."""

    __slots__ = ("_blob", "items", "serial", "vectors")

    def __init__(self, items: list[Earlier], vectors: np.ndarray, serial: int | None = None) -> None:
        self.items = items
        self.vectors = vectors
        self.serial = next(_SERIALS) if serial is None else serial
        self._blob: bytes | None = None

    def __reduce__(self) -> tuple[object, tuple[int, bytes]]:
        if self._blob is None:  # the items do not change once made, so neither do their bytes
            self._blob = pickle.dumps((self.items, self.vectors), protocol=pickle.HIGHEST_PROTOCOL)
        return _received, (self.serial, self._blob)


def _received(serial: int, blob: bytes) -> ItemBatch:
    found = _RECEIVED.get(serial)
    if found is None:
        if len(_RECEIVED) >= _RECEIVED_LIMIT:
            _RECEIVED.clear()
        items, vectors = pickle.loads(blob)
        found = _RECEIVED[serial] = ItemBatch(items, vectors, serial)
    return found


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

    def __reduce__(self) -> tuple[type[PoolItems], tuple[tuple[ItemBatch, ...], np.ndarray]]:
        return PoolItems, (self.batches, np.asarray(self.order, np.int32))
