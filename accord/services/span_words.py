"""The words and names of stored spans as link ranking compares them, kept between ingests.

A span's text never changes, so a pool of 100,000 commitments is read once per process, not once
per new document. Each term also gets a number, the same in every pool of the process, so that a
pool's statistics are counted with numpy over arrays of numbers rather than over strings.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.extract.lexical import names, terms

Ids = npt.NDArray[np.int64]

_LIMIT = 1_000_000  # spans kept; past it the words (and the terms' numbers) start afresh


@dataclass(frozen=True, slots=True)
class Words:
    stems: Counter[str]  # its terms, in the order they first occur
    names: set[str]
    ids: Ids  # its terms' numbers, in the same order
    generation: tuple[int, int]  # numbers of another generation (or process) mean nothing here


class _Kept:
    def __init__(self) -> None:
        self.count = 0
        self.numbers: dict[str, int] = {}
        self.spans: dict[tuple[int, int, int, int], Words] = {}

    @property
    def generation(self) -> tuple[int, int]:
        # The process too: a worker forked from the writer, or sent its spans, numbers terms anew.
        return os.getpid(), self.count

    def start_afresh(self) -> None:
        self.count += 1
        self.numbers.clear()
        self.spans.clear()


_KEPT = _Kept()


def span_words(
    key: tuple[int, int, int, int], quote: str, proper: frozenset[str], bodies: Iterable[str]
) -> Words:
    """The words of the span `key` (document, start, end, how many bodies it names)."""
    found = _KEPT.spans.get(key)
    if found is None or found.generation != _KEPT.generation:
        if len(_KEPT.spans) >= _LIMIT:
            _KEPT.start_afresh()
        stems = Counter(terms(quote))
        found = _KEPT.spans[key] = Words(
            stems,
            names(quote, proper) | {name for body in bodies for name in names(body)},
            np.fromiter((_number(term) for term in stems), np.int64, count=len(stems)),
            _KEPT.generation,
        )
    return found


def is_current(words: Words) -> bool:
    return words.generation == _KEPT.generation


def number(term: str) -> int | None:
    """The term's number, or None when no kept span uses it."""
    return _KEPT.numbers.get(term)


def _number(term: str) -> int:
    numbers = _KEPT.numbers
    found = numbers.get(term)
    if found is None:
        found = numbers[term] = len(numbers)
    return found


def joined(words: list[Words]) -> tuple[Ids, Ids]:
    """Every span's term numbers one after another, and how many each span has."""
    lengths = np.fromiter((len(w.ids) for w in words), np.int64, count=len(words))
    ids = np.concatenate([w.ids for w in words]) if words else np.zeros(0, np.int64)
    return ids, lengths
