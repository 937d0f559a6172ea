"""A pool's word and name statistics as arrays, to screen a later span's candidates all at once.

Scoring a candidate one by one (`linking._signals`) costs a Python loop over the shared words;
most candidates fall far below the threshold. The screen works out every candidate's score with
numpy first, and only those that may reach the threshold are scored one by one and explained. It
is a filter only: what it lets through is scored exactly as before, so the suggestions do not
depend on how numpy orders its sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from accord.domain.continuity import NOT_A_COMMITMENT, OTHER_SERIES, THRESHOLD, weighed
from accord.services.span_words import joined

if TYPE_CHECKING:
    from accord.services.linking import Pool

# Room for the screen's sums differing from the exact ones in the last bits, and for the
# exact score's rounding to four places.
_SLACK = 1e-3

Floats = npt.NDArray[np.float64]
Indices = npt.NDArray[np.int64]


class Screen:
    """Postings of every word and name of a pool: which items hold it."""

    def __init__(self, pool: Pool) -> None:
        items = pool.items
        self._pool = pool
        self._size = len(items)
        numbers, lengths = joined(pool.words)
        found, terms = np.unique(numbers, return_inverse=True)
        self._local: dict[int, int] = dict(zip(found.tolist(), range(len(found)), strict=True))
        holders = np.repeat(np.arange(len(items), dtype=np.int64), lengths)
        self._holders = holders[np.argsort(terms, kind="stable")]
        self._bounds = np.concatenate([[0], np.cumsum(np.bincount(terms, minlength=len(found)))])
        squares = pool.squared_idfs(found.tolist())
        norms = np.sqrt(np.bincount(holders, weights=squares[terms], minlength=len(items)))
        self._norms = np.where(norms > 0, norms, 1.0)  # as `linking`: an item without words divides by 1
        self._factor = np.array(
            [
                (1.0 if item.same_series else OTHER_SERIES)
                * (1.0 if item.commitment_id is not None else NOT_A_COMMITMENT)
                for item in items
            ],
            np.float64,
        )
        self._named = {key: np.asarray(found, np.int64) for key, found in pool.by_name.items()}

    def holders(self, term: str) -> Indices | None:
        known = self._pool.number(term)
        local = None if known is None else self._local.get(known)
        if local is None:
            return None
        return self._holders[self._bounds[local] : self._bounds[local + 1]]

    def may_rank(
        self,
        candidates: Sequence[int],
        weights: Mapping[str, float],
        unit_norm: float,
        unit_names: set[str],
        similarities: npt.NDArray[np.float32],
        referring: bool,
        top: int,
    ) -> list[int]:
        """The candidates, in their order, that may be among the `top` best and reach the threshold.
        `referring`: the span holds a back-reference, whose strength (0 to 1 for each candidate) is
        not worked out here, so a candidate's score is known between two bounds."""
        if not candidates:
            return []
        dots = np.zeros(self._size, np.float64)
        for term, weight in weights.items():
            found = self.holders(term)
            if found is not None:
                dots[found] += weight
        shared = np.zeros(self._size, np.float64)
        for key in unit_names:
            found_names = self._named.get(key)
            if found_names is not None:
                shared[found_names] = np.maximum(shared[found_names], self._pool.name_rarity(key))
        chosen = np.asarray(candidates, np.int64)
        semantic = np.maximum(similarities[chosen].astype(np.float64), 0.0)
        lexical = dots[chosen] / (unit_norm * self._norms[chosen])
        factor = self._factor[chosen]
        low = weighed(semantic, lexical, shared[chosen], np.zeros(len(chosen))) * factor
        high = (
            weighed(semantic, lexical, shared[chosen], np.full(len(chosen), 1.0 if referring else 0.0))
            * factor
        )
        # A candidate below `top` others' lowest scores by more than the rounding cannot be kept.
        bar = THRESHOLD if len(chosen) <= top else max(THRESHOLD, float(np.partition(low, -top)[-top]))
        return chosen[high >= bar - _SLACK].tolist()
