"""The words of one batch of pool items, worked out once and kept with the batch.

Every later text of a partnership is ranked against the same earlier agreements plus the texts
stored since. A pool's word and name statistics are integer counts over its items, so they are
the sums of its batches' counts: worked out per batch, once, each new pool adds up a few arrays
per batch instead of counting over every item again (which made a partnership's ingest grow with
the square of its length).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from accord.domain.continuity import NOT_A_COMMITMENT, OTHER_SERIES
from accord.services.span_words import Ids, Words, is_current, joined, span_words

if TYPE_CHECKING:
    from accord.services.linking import Earlier
    from accord.services.pool_items import ItemBatch

NOT_CURRENT = (-1, -1)  # the generation of a batch whose items' words were numbered in two


@dataclass(frozen=True, slots=True)
class BatchWords:
    generation: tuple[int, int]  # of every item's words, or NOT_CURRENT
    words: list[Words]  # each item's, in the batch's order
    ids: Ids  # the items' term numbers end to end
    lengths: Ids  # how many each item has
    terms: Ids  # the distinct term numbers of the batch, ascending
    counts: Ids  # how many items hold each of them
    name_terms: Ids  # the distinct name numbers of the batch, ascending
    name_counts: Ids  # how many items hold each of them
    holders: dict[str, Ids]  # the items holding each name, by their place in the batch, ascending
    factor: npt.NDArray[np.float64]  # what an item's series and kind make of its score


def words_of(item: Earlier) -> Words:
    if item.words is None or not is_current(item.words):
        item.words = span_words(item.quote, item.bodies, item.proper, item.serial, item.lexical)
    return item.words


def batch_words(batch: ItemBatch, generation: tuple[int, int]) -> BatchWords:
    """The batch's words of `generation`, worked out unless the batch keeps them already."""
    found = batch.words
    if found is not None and found.generation == generation:
        return found
    words = [words_of(item) for item in batch.items]
    ids, lengths = joined(words)
    # An item's terms are distinct (they are a Counter's keys), so counting numbers counts items.
    terms, counts = np.unique(ids, return_counts=True)
    name_terms, name_counts = np.unique(
        np.concatenate([w.name_ids for w in words] or [ids[:0]]), return_counts=True
    )
    holders: dict[str, list[int]] = defaultdict(list)
    for n, item_words in enumerate(words):
        for key in item_words.names:
            holders[key].append(n)
    found = BatchWords(
        generation if all(w.generation == generation for w in words) else NOT_CURRENT,
        words,
        ids,
        lengths,
        terms,
        counts,
        name_terms,
        name_counts,
        {key: np.array(held, np.int64) for key, held in holders.items()},
        np.array(
            [
                (1.0 if item.same_series else OTHER_SERIES)
                * (1.0 if item.commitment_id is not None else NOT_A_COMMITMENT)
                for item in batch.items
            ],
            np.float64,
        ),
    )
    batch.words = found
    return found
