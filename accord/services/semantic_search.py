"""Semantic search over commitments: meaning (sentence vectors) and words (the stemmed index) together.

Vectors are int8 rows in `commitment_vectors` on every backend (no vector extension needed;
Debian's PostgreSQL has no pgvector). Each process keeps them in memory: a float32 matrix of
the first PREFILTER dimensions scans every commitment, and the best SHORTLIST are re-scored on
all 256 dimensions. New commitments are picked up on the next query (the newest id is checked).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select

from accord.errors import InputError
from accord.extract import embedding
from accord.storage import search as words
from accord.storage.database import Database
from accord.storage.schema import ensure_ready
from accord.storage.tables import AgreementRow, CommitmentRow, CommitmentVectorRow

PREFILTER = 64  # WordLlama is trained Matryoshka-style: its leading dimensions carry most meaning
SHORTLIST = 400
MEANING, WORDS = 0.6, 0.4


@dataclass(frozen=True, slots=True)
class SemanticHit:
    id: int
    agreement: str
    quote: str
    score: float
    semantic: float
    words: bool  # the stemmed words matched too

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": "commitment", "id": self.id, "agreement": self.agreement, "quote": self.quote,
            "score": round(self.score, 4), "semantic": round(self.semantic, 4), "words": self.words,
        }  # fmt: skip


class VectorIndex:
    """Every commitment vector of one database, in memory."""

    def __init__(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.full = np.zeros((0, embedding.DIMENSIONS), dtype=np.int8)
        self.head = np.zeros((0, PREFILTER), dtype=np.float32)
        self.count = -1  # the newest commitment id loaded
        self.lock = threading.Lock()

    def load(self, ids: np.ndarray, full: np.ndarray) -> None:
        self.ids, self.full = ids, full
        head = full[:, :PREFILTER].astype(np.float32)
        norms = np.linalg.norm(head, axis=1, keepdims=True)
        self.head = head / np.where(norms == 0, 1, norms)
        self.count = len(ids)

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids):
            return []
        head = query[:PREFILTER] / (np.linalg.norm(query[:PREFILTER]) or 1.0)
        rough = self.head @ head
        short = min(SHORTLIST, len(rough))
        rows = np.argpartition(-rough, short - 1)[:short]
        exact = (self.full[rows].astype(np.float32) / 127.0) @ query
        order = np.argsort(-exact)[:k]
        return [(int(self.ids[rows[i]]), float(exact[i])) for i in order]


_indexes: weakref.WeakKeyDictionary[Engine, VectorIndex] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def vector_index(db: Database) -> VectorIndex:
    with _indexes_lock:
        index = _indexes.setdefault(db.engine, VectorIndex())
    with db.reading() as session:
        # The newest id, read from the primary key's index: new commitments always get higher ids
        # (a removed one is dropped when the hits are joined to the commitments).
        count = int(session.scalar(select(func.max(CommitmentVectorRow.commitment_id))) or 0)
    with index.lock:
        if count != index.count:
            with db.reading() as session:
                rows = session.execute(
                    select(CommitmentVectorRow.commitment_id, CommitmentVectorRow.vector).order_by(
                        CommitmentVectorRow.commitment_id
                    )
                ).all()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            blob = b"".join(r[1] for r in rows)
            index.load(ids, np.frombuffer(blob, dtype=np.int8).reshape(len(rows), embedding.DIMENSIONS))
            index.count = count
    return index


def semantic_search(db: Database, query: str, *, limit: int = 20) -> list[SemanticHit]:
    ensure_ready(db.engine)
    if not query.strip():
        raise InputError("nothing to search for", hint='give words, e.g. "chips" or "moon"')
    if not 1 <= limit <= 200:
        raise InputError(f"limit must be 1 to 200, got {limit}", hint="e.g. --limit 20")
    index = vector_index(db)
    meaning = dict(index.nearest(embedding.embed([query])[0], max(limit * 3, 50)))
    with db.reading() as session:
        matched = [h.ref_id for h in words.search(session, query, 200) if h.kind == "commitment"]
        ranks = {cid: 1.0 - i / (len(matched) + 1) for i, cid in enumerate(dict.fromkeys(matched))}
        candidates = set(meaning) | set(ranks)
        scored = {
            cid: MEANING * max(meaning.get(cid, 0.0), 0.0) + WORDS * ranks.get(cid, 0.0) for cid in candidates
        }
        best = sorted(scored, key=lambda c: (-scored[c], c))[:limit]
        rows = {
            cid: (slug, quote)
            for cid, slug, quote in session.execute(
                select(CommitmentRow.id, AgreementRow.slug, CommitmentRow.quote)
                .join(AgreementRow, AgreementRow.id == CommitmentRow.agreement_id)
                .where(CommitmentRow.id.in_(best))
            )
        }
    missing = [c for c in best if c in meaning and c not in rows]
    _ = missing  # a commitment removed since the index was loaded: not shown
    return [
        SemanticHit(c, rows[c][0], rows[c][1], scored[c], meaning.get(c, 0.0), c in ranks)
        for c in best
        if c in rows
    ]
