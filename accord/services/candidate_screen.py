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

from accord.domain.continuity import THRESHOLD, weighed

if TYPE_CHECKING:
    from accord.services.linking import Pool

# Room for the screen's sums differing from the exact ones in the last bits, and for the
# exact score's rounding to four places.
_SLACK = 1e-3

Floats = npt.NDArray[np.float64]
Indices = npt.NDArray[np.int64]


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
        factors = np.concatenate([b.factor for b in batches]) if batches else np.zeros(0, np.float64)
        self._factor = factors[order]

    def _shared_names(self, unit_names: set[str]) -> Floats:
        """Each item's rarest name shared with the unit (0 for none): from each name's holders, so
        the work grows with the unit's names, not with the candidates times their names."""
        best = np.zeros(len(self._pool.items), np.float64)
        for key in unit_names:
            rarity = self._pool.name_rarity(key)
            if rarity > 0.0:
                holders = self._pool.holding(key)
                best[holders] = np.maximum(best[holders], rarity)
        return best

    def _dots(self, chosen: Indices, weights: Mapping[str, float]) -> Floats:
        """Each chosen item's sum of the weights of the unit's terms it holds: the candidates'
        terms gathered end to end and matched against the unit's, so the work grows with the
        candidates, not with the pool."""
        known = [
            (n, weight) for term, weight in weights.items() if (n := self._pool.number(term)) is not None
        ]
        if not known:
            return np.zeros(len(chosen), np.float64)
        known.sort()
        unit_numbers = np.array([n for n, _ in known], np.int64)
        unit_weights = np.array([w for _, w in known], np.float64)
        lengths = self._lengths[chosen]
        owner = np.repeat(np.arange(len(chosen), dtype=np.int64), lengths)
        ends = np.cumsum(lengths)
        offsets = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(
            ends - lengths, lengths
        )
        numbers = self._numbers[np.repeat(self._starts[chosen], lengths) + offsets]
        at = np.minimum(np.searchsorted(unit_numbers, numbers), len(unit_numbers) - 1)
        held = np.where(unit_numbers[at] == numbers, unit_weights[at], 0.0)
        return np.bincount(owner, weights=held, minlength=len(chosen)).astype(np.float64)

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
        chosen = np.asarray(candidates, np.int64)
        shared = self._shared_names(unit_names)[chosen]
        semantic = np.maximum(similarities[chosen].astype(np.float64), 0.0)
        lexical = self._dots(chosen, weights) / (unit_norm * self._norms[chosen])
        factor = self._factor[chosen]
        low = weighed(semantic, lexical, shared, np.zeros(len(chosen))) * factor
        high = weighed(semantic, lexical, shared, np.full(len(chosen), 1.0 if referring else 0.0)) * factor
        # A candidate below `top` others' lowest scores by more than the rounding cannot be kept.
        bar = THRESHOLD if len(chosen) <= top else max(THRESHOLD, float(np.partition(low, -top)[-top]))
        return chosen[high >= bar - _SLACK].tolist()
