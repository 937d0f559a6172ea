"""The words, names and vectors of spans as link ranking compares them, kept between ingests.

A pool of 100,000 commitments is read once per process, not once per new document. They are kept by
what they are worked out from (the span's text, the bodies it names, its document's capitalised
words), not by the span's ids, which another database in the same process gives to other texts.
Each term also gets a number, the same in every pool of the process, so that a pool's statistics
are counted with numpy over arrays of numbers rather than over strings.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.extract import embedding
from accord.extract.embedding import Vectors
from accord.extract.lexical import names, proper_words, terms

Ids = npt.NDArray[np.int64]

_LIMIT = 1_000_000  # spans kept; past it the words (and the terms' numbers) start afresh
_TEXTS = 2_000  # documents whose capitalised words are kept
_VECTORS = 50_000  # sentence vectors kept (1 KB each)


_Key = tuple[str, tuple[str, ...], frozenset[str]] | int
# A span's terms, in order and repeated as `lexical.terms` gives them, and `lexical.names` of it.
Lexical = tuple[tuple[str, ...], frozenset[str]]


def lexical_of(text: str, proper: frozenset[str]) -> Lexical:
    """What `span_words` works out of a span's own text (its bodies' names aside)."""
    return tuple(terms(text)), frozenset(names(text, proper))


@dataclass(frozen=True, slots=True)
class Words:
    stems: Counter[str]  # its terms, in the order they first occur
    names: set[str]
    ids: Ids  # its terms' numbers, in the same order
    name_ids: Ids  # its names' numbers (names are numbered as terms are, in the same numbering)
    generation: tuple[int, int]  # numbers of another generation (or process) mean nothing here


class _Kept:
    def __init__(self) -> None:
        self.count = 0
        self.numbers: dict[str, int] = {}
        self.spans: dict[_Key, Words] = {}
        self.proper: dict[str, frozenset[str]] = {}
        self.vectors: dict[str, Vectors] = {}

    @property
    def generation(self) -> tuple[int, int]:
        # The process too: a worker forked from the writer, or sent its spans, numbers terms anew.
        return os.getpid(), self.count

    def start_afresh(self) -> None:
        # New dicts rather than cleared ones: a pool being built in another thread keeps the
        # numbering it started with (see `numbering`).
        self.count += 1
        self.numbers = {}
        self.spans = {}
        self.proper = {}
        self.vectors = {}


_KEPT = _Kept()
_LOCK = threading.Lock()


def span_words(
    quote: str,
    bodies: tuple[str, ...],
    proper: frozenset[str],
    serial: int | None = None,
    lexical: Lexical | None = None,
) -> Words:
    """The words of a span: its text, the names of the bodies it names, and the words its document
    only writes capitalised. `serial`: the span's number from the process that sent it, when one
    did (comparing a text and its document's capitalised words costs more than finding a number).
    `lexical`: `lexical_of(quote, proper)`, when the process that prepared the text worked it out."""
    # One generation's dicts throughout, though another thread may start afresh meanwhile.
    generation, numbers, spans = _KEPT.generation, _KEPT.numbers, _KEPT.spans
    found = None if serial is None else spans.get(serial)
    if found is None or found.generation != generation:
        key = (quote, bodies, proper)
        found = spans.get(key)
        if found is None or found.generation != generation:
            own_terms, own_names = lexical_of(quote, proper) if lexical is None else lexical
            stems = Counter(own_terms)
            found_names = set(own_names) | {name for body in bodies for name in names(body)}
            with _LOCK:  # two threads numbering new terms at once could give two terms one number
                ids = np.fromiter(
                    (numbers.setdefault(term, len(numbers)) for term in stems), np.int64, len(stems)
                )
                name_ids = np.fromiter(
                    (numbers.setdefault(name, len(numbers)) for name in found_names),
                    np.int64,
                    len(found_names),
                )
            found = spans[key] = Words(stems, found_names, ids, name_ids, generation)
        if serial is not None:
            spans[serial] = found
    return found


def keep_proper(text: str, proper: frozenset[str]) -> None:
    """Keep `proper_words(text)` worked out elsewhere (by the process that prepared the text)."""
    if len(_KEPT.proper) >= _TEXTS:
        _KEPT.proper.clear()
    _KEPT.proper[text] = proper


def document_proper(text: str) -> frozenset[str]:
    """`proper_words` of a document, worked out once per process: each stored text is read again
    for every later text of its partnerships."""
    found = _KEPT.proper.get(text)
    if found is None:
        found = proper_words(text)
        keep_proper(text, found)
    return found


def keep_vectors(texts: list[str], vectors: Vectors) -> None:
    """Keep the sentence vectors of `texts` worked out elsewhere (by the process that prepared
    them): `sentence_vectors` then finds them made."""
    with _LOCK:
        kept = _KEPT.vectors
        if len(kept) + len(texts) > _VECTORS:
            kept = _KEPT.vectors = {}
        kept.update(zip(texts, vectors, strict=True))


def sentence_vectors(texts: list[str]) -> Vectors:
    """`embedding.embed(texts)`, each text embedded once per process: a text's sentences are
    compared as later spans, then read again as earlier ones by every later text of the batch.
    The same rows, bit for bit: each row depends on its own text only."""
    if not texts:
        return np.zeros((0, embedding.DIMENSIONS), np.float32)
    with _LOCK:  # a server ranks in several threads
        kept = _KEPT.vectors
        missing = list(dict.fromkeys(text for text in texts if text not in kept))
        if missing and len(kept) + len(missing) > _VECTORS:
            kept = _KEPT.vectors = {}
            missing = list(dict.fromkeys(texts))
        if missing:
            kept.update(zip(missing, embedding.embed(missing), strict=True))
        return np.stack([kept[text] for text in texts])


def is_current(words: Words) -> bool:
    return words.generation == _KEPT.generation


def numbering() -> tuple[tuple[int, int], dict[str, int]]:
    """The current generation and its numbers of terms: words of that generation use them.
    Called as a pool starts working out its items' words; past the limit, the kept words start
    afresh here, never while a pool is being worked out (a pool larger than the limit would
    otherwise start afresh for ever)."""
    if len(_KEPT.spans) >= _LIMIT:
        _KEPT.start_afresh()
    return _KEPT.generation, _KEPT.numbers


def joined(words: list[Words]) -> tuple[Ids, Ids]:
    """Every span's term numbers one after another, and how many each span has."""
    lengths = np.fromiter((len(w.ids) for w in words), np.int64, count=len(words))
    ids = np.concatenate([w.ids for w in words]) if words else np.zeros(0, np.int64)
    return ids, lengths
