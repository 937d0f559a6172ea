"""A pool's word and name statistics as arrays, to screen a text's candidates all at once.

Scoring a candidate one by one (`linking._signals`) costs a Python loop over the shared words;
most candidates fall far below the threshold. The screen works out every candidate's score with
numpy first, for all the units of a text together, and only those that may reach the threshold
are scored one by one and explained. It is a filter only: what it lets through is scored exactly
as before, so the suggestions do not depend on how numpy orders its sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from accord.domain.continuity import THRESHOLD, weighed

if TYPE_CHECKING:
    from accord.services.linking import Pool

# Room for the screen's sums differing from the exact ones in the last bits, and for the
# exact score's rounding to four places.
_SLACK = 1e-3

Floats = npt.NDArray[np.float64]
Indices = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Request:
    """One unit's candidates, and what it brings to their scores."""

    row: int  # the unit's row of the similarities
    candidates: Sequence[int]  # pool positions
    weights: Mapping[str, float]  # its terms' squared rarity weights
    norm: float  # the length of its term vector
    names: set[str]
    referring: bool  # it holds a back-reference, whose strength the screen does not work out


class Screen:
    """A pool's term numbers end to end, with where each item's begin, and each item's norm."""

    def __init__(self, pool: Pool) -> None:
        self._pool = pool
        batches = pool.batches
        # The batches' numbers end to end, as they are; each item finds its own by where they start.
        self._numbers = np.concatenate([b.ids for b in batches]) if batches else np.zeros(0, np.int64)
        lengths = np.concatenate([b.lengths for b in batches]) if batches else np.zeros(0, np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        holders = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        norms = np.sqrt(
            np.bincount(holders, weights=pool.squared_idfs(self._numbers), minlength=len(lengths))
        )
        order = pool.order
        self._lengths = lengths[order]
        self._starts = starts[order]
        self._norms = np.where(norms > 0, norms, 1.0)[
            order
        ]  # as `linking`: an item without words divides by 1
        self._span = int(self._numbers.max()) + 1 if len(self._numbers) else 0  # items' term numbers
        factors = np.concatenate([b.factor for b in batches]) if batches else np.zeros(0, np.float64)
        self._factor = factors[order]

    def _shared_names(self, requests: Sequence[Request], owner: Indices, chosen: Indices) -> Floats:
        """Each pair's rarest name that the item shares with the unit (0 for none): from each name's
        holders, so the work grows with the units' names, not with the candidates times their names."""
        best = np.zeros((len(requests), len(self._pool.items)), np.float64)
        for at, request in enumerate(requests):
            for key in request.names:
                rarity = self._pool.name_rarity(key)
                if rarity > 0.0:
                    holders = self._pool.holding(key)
                    best[at, holders] = np.maximum(best[at, holders], rarity)
        return best[owner, chosen]

    def _dots(self, requests: Sequence[Request], owner: Indices, chosen: Indices) -> Floats:
        """Each pair's sum of the weights of the unit's terms the item holds: the candidates' terms
        gathered end to end and looked up in a table of their units' terms, so the work grows with
        the candidates, not with the pool. Each pair's weights are summed in the order of
        the item's terms, as they were when each unit was screened alone."""
        # Every unit's terms end to end, numbered as the pool numbers them (-1: no item uses it).
        terms = [term for request in requests for term in request.weights]
        numbers = np.array(self._pool.numbers(terms), np.int64)
        weights = np.fromiter(
            chain.from_iterable(request.weights.values() for request in requests), np.float64, len(terms)
        )
        units = np.repeat(
            np.arange(len(requests), dtype=np.int64), [len(request.weights) for request in requests]
        )
        # A term numbered past every item's cannot be held by one either.
        known = (numbers >= 0) & (numbers < self._span)
        if not known.any():
            return np.zeros(len(chosen), np.float64)
        # The text's terms numbered anew from 0, and their weights in a units × terms table: a
        # pair's terms then find their weights by two gathers.
        used, column = np.unique(numbers[known], return_inverse=True)
        table = np.zeros((len(requests), len(used)), np.float64)
        table[units[known], column] = weights[known]
        local = np.full(self._span, -1, np.int64)  # by a term's number, its column (-1: none)
        local[used] = np.arange(len(used))
        lengths = self._lengths[chosen]
        pair = np.repeat(np.arange(len(chosen), dtype=np.int64), lengths)
        ends = np.cumsum(lengths)
        offsets = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(
            ends - lengths, lengths
        )
        columns = local[self._numbers[np.repeat(self._starts[chosen], lengths) + offsets]]
        held = np.where(columns >= 0, table[owner[pair], columns], 0.0)
        return np.bincount(pair, weights=held, minlength=len(chosen)).astype(np.float64)

    def may_rank(
        self, requests: Sequence[Request], similarities: npt.NDArray[np.float32], top: int
    ) -> list[list[int]]:
        """For each request, its candidates, in their order, that may be among the `top` best and
        reach the threshold. A referring unit's score is known between two bounds (its
        back-reference's strength for a candidate, 0 to 1, is not worked out here)."""
        sizes = np.fromiter((len(r.candidates) for r in requests), np.int64, count=len(requests))
        total = int(sizes.sum())
        if not total:
            return [[] for _ in requests]
        chosen = np.fromiter(chain.from_iterable(r.candidates for r in requests), np.int64, count=total)
        owner = np.repeat(np.arange(len(requests), dtype=np.int64), sizes)
        rows = np.fromiter((r.row for r in requests), np.int64, count=len(requests))[owner]
        norms = np.fromiter((r.norm for r in requests), np.float64, count=len(requests))[owner]
        referring = np.fromiter((r.referring for r in requests), np.float64, count=len(requests))[owner]
        shared = self._shared_names(requests, owner, chosen)
        semantic = np.maximum(similarities[rows, chosen].astype(np.float64), 0.0)
        lexical = self._dots(requests, owner, chosen) / (norms * self._norms[chosen])
        factor = self._factor[chosen]
        low = weighed(semantic, lexical, shared, np.zeros(total)) * factor
        high = weighed(semantic, lexical, shared, referring) * factor
        # A candidate below `top` others' lowest scores by more than the rounding cannot be kept:
        # each unit's bar is its `top`-th best lowest score (pairs sorted by unit, best first).
        starts = np.cumsum(sizes) - sizes
        ranked = np.lexsort((-low, owner))
        crowded = sizes > top
        bars = np.full(len(requests), THRESHOLD)
        bars[crowded] = np.maximum(THRESHOLD, low[ranked[starts[crowded] + top - 1]])
        kept = high >= bars[owner] - _SLACK
        counts = np.bincount(owner[kept], minlength=len(requests))
        return [part.tolist() for part in np.split(chosen[kept], np.cumsum(counts)[:-1])]
