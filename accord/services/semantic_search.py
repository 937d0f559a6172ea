"""Semantic search over commitments: meaning (sentence vectors) and words (the stemmed index) together.

Vectors are int8 rows in `commitment_vectors` on every backend (no vector extension needed;
Debian's PostgreSQL has no pgvector). Each process keeps them in memory: their sign bits (32
bytes a commitment) are scanned in full by Hamming distance, and the nearest SHORTLIST are
ranked by exact cosine on the int8 rows. A change to the vectors is picked up by the next query:
triggers move a generation number that each query compares (one indexed row). The words side asks the full-text index for commitments holding every
stemmed word, unranked, so that a common word costs no more than a rare one.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sqlalchemy import Connection, Engine, select

from accord.domain.shapes import Rounded
from accord.errors import InputError
from accord.extract import embedding
from accord.extract.lexical import stems
from accord.storage import search as words
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, CommitmentRow, CommitmentVectorRow, VectorGenerationRow

SHORTLIST = 2000  # nearest by sign bits, then ranked by exact cosine
MEANING, WORDS = 0.6, 0.4
# Below this a hit is noise: no word of the query and a cosine near what unrelated texts share
# (a Korean query, read by an English model, lands here and finds nothing).
FLOOR = 0.15


@dataclass(frozen=True, slots=True, kw_only=True)
class SemanticHit:
    kind: Literal["commitment"] = "commitment"  # what it finds
    id: int
    agreement: str
    quote: str
    score: Rounded
    semantic: Rounded
    words: bool  # the stemmed words matched too


class VectorIndex:
    """Every commitment vector of one database, in memory: int8 rows for exact cosines, and their
    sign bits (32 bytes a commitment) for a Hamming-distance scan of all of them."""

    def __init__(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.full = np.zeros((0, embedding.DIMENSIONS), dtype=np.int8)
        self.codes = np.zeros((0, embedding.DIMENSIONS // 64), dtype=np.uint64)
        self.generation = -1  # of the vectors loaded (see VectorGenerationRow)
        self.lock = threading.Lock()

    def load(self, ids: np.ndarray, full: np.ndarray) -> None:
        self.ids, self.full = ids, full
        self.codes = np.ascontiguousarray(_signs(full).T).T  # each 64-bit column contiguous

    def similarity(self, commitment_id: int, query: np.ndarray) -> float:
        row = int(np.searchsorted(self.ids, commitment_id))
        if row >= len(self.ids) or self.ids[row] != commitment_id:
            return 0.0
        return float((self.full[row].astype(np.float32) / 127.0) @ query)

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids):
            return []
        query_code = _signs(query.reshape(1, -1))[0]
        distance = np.bitwise_count(self.codes[:, 0] ^ query_code[0]).astype(np.uint16)
        for word in range(1, self.codes.shape[1]):
            distance += np.bitwise_count(self.codes[:, word] ^ query_code[word])
        # The SHORTLIST nearest without sorting a million: the distance below which that many lie.
        counts = np.cumsum(np.bincount(distance, minlength=embedding.DIMENSIONS + 1))
        wanted = min(SHORTLIST, len(distance))
        limit = int(np.searchsorted(counts, wanted))
        # Those nearer than the limit, then ties at it up to SHORTLIST: a text stored many times
        # (or many texts sharing one sign pattern) would otherwise bring tens of thousands of rows
        # to the exact cosine, whose gather costs more than the scan.
        nearer = np.flatnonzero(distance < limit)
        rows = np.concatenate([nearer, np.flatnonzero(distance == limit)[: wanted - len(nearer)]])
        # Multiplied and summed by numpy itself, not handed to BLAS: for a 2,000 × 256 product its
        # threads cost more to wake (and spin, on a busy machine) than the arithmetic.
        exact = (self.full[rows].astype(np.float32) * (query / 127.0)).sum(axis=1)
        order = np.argsort(-exact)[:k]
        return [(int(self.ids[rows[i]]), float(exact[i])) for i in order]


def _signs(vectors: np.ndarray) -> np.ndarray:
    """One bit a dimension (positive or not), packed into 64-bit words."""
    return np.packbits(vectors > 0, axis=1).view(np.uint64)


_indexes: weakref.WeakKeyDictionary[Engine, VectorIndex] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def vector_index(db: Database, connection: Connection | None = None) -> VectorIndex:
    """The database's vectors in this process's memory, brought up to date first if commitments
    were added since they were loaded (read through `connection`, if one is given)."""
    if connection is None:
        with db.read_connection() as opened:
            return vector_index(db, opened)
    with _indexes_lock:
        index = _indexes.setdefault(db.engine, VectorIndex())
    # One row's number, moved by triggers on every change to the vectors: cheaper than any
    # count, and exact where the newest id is not (a removed id can come back with a new text).
    generation = int(connection.scalar(select(VectorGenerationRow.generation)) or 0)
    with index.lock:
        if generation != index.generation:
            rows = connection.execute(
                select(CommitmentVectorRow.commitment_id, CommitmentVectorRow.vector).order_by(
                    CommitmentVectorRow.commitment_id
                )
            ).all()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            blob = b"".join(r[1] for r in rows)
            index.load(ids, np.frombuffer(blob, dtype=np.int8).reshape(len(rows), embedding.DIMENSIONS))
            index.generation = generation
    return index


def semantic_search(db: Database, query: str, *, limit: int = 20) -> list[SemanticHit]:
    """The nearest commitments in meaning and those holding every stemmed word of the query,
    ranked together: MEANING × cosine + WORDS × the share of the query's stems the text has."""
    if not query.strip():
        raise InputError("nothing to search for", hint='give words, e.g. "chips" or "moon"')
    if not 1 <= limit <= 200:
        raise InputError(f"limit must be 1 to 200, got {limit}", hint="e.g. 20", field="limit")
    vector = embedding.embed([query])[0]
    # Each stem of the query as the start of a word ("chip" finds "chips"): one C-level search a text.
    wanted = [re.compile(r"\b" + re.escape(stem), re.IGNORECASE) for stem in dict.fromkeys(stems(query))]
    # One pooled read connection, no ORM objects: the freshness check, the words and the rows.
    with db.read_connection() as connection:
        index = vector_index(db, connection)
        meaning = dict(index.nearest(vector, max(limit * 3, 60)))
        lexical = words.matching_commitments(connection, query, max(limit * 3, 60))
        candidates = list(dict.fromkeys([*meaning, *lexical]))
        rows = {
            cid: (slug, quote)
            for cid, slug, quote in connection.execute(
                select(CommitmentRow.id, AgreementRow.slug, CommitmentRow.quote)
                .join(AgreementRow, AgreementRow.id == CommitmentRow.agreement_id)
                .where(CommitmentRow.id.in_(candidates))
            )
        }
    for cid in lexical:
        if cid not in meaning:
            meaning[cid] = index.similarity(cid, vector)
    shared = {
        cid: sum(1 for pattern in wanted if pattern.search(quote)) / len(wanted) if wanted else 0.0
        for cid, (_, quote) in rows.items()
    }
    scored = {cid: MEANING * max(meaning.get(cid, 0.0), 0.0) + WORDS * shared[cid] for cid in rows}
    best = sorted((c for c in scored if scored[c] >= FLOOR), key=lambda c: (-scored[c], c))[:limit]
    return [
        SemanticHit(
            id=c,
            agreement=rows[c][0],
            quote=rows[c][1],
            score=scored[c],
            semantic=meaning.get(c, 0.0),
            words=shared[c] > 0,
        )
        for c in best
    ]
