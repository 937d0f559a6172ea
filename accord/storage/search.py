"""Full-text search over provisions and commitments: SQLite FTS5, or PostgreSQL's tsvector.

The table is created by migration 0009 outside the SQLAlchemy metadata (FTS5 is a virtual
table), so it is written and read here with plain SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Text, column, table, text
from sqlalchemy.orm import Session

from accord.storage.bulk_insert import insert_rows
from accord.storage.search_sql import MARK_END, MARK_START, SQLITE_SEARCH, sqlite_search_parameters
from accord.storage.search_sql import WORDS as _WORDS
from accord.storage.search_sql import fts5_words as _fts5_words

# The index's table is made by the migrations (FTS5 on SQLite, a tsvector column on PostgreSQL);
# these are the columns a row is written with.
_INDEX = table(
    "search_index",
    column("kind", Text),
    column("ref_id", Integer),
    column("agreement_id", Integer),
    column("body", Text),
)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    ref_id: int
    agreement_id: int
    snippet: str  # with matches between MARK_START and MARK_END


def index(session: Session, agreement_id: int, rows: Iterable[tuple[str, int, str]]) -> None:
    """Add (kind, ref_id, body) rows for one agreement."""
    index_rows(session, ((k, r, agreement_id, b) for k, r, b in rows))


def index_rows(session: Session, rows: Iterable[tuple[str, int, int, str]]) -> None:
    """Add (kind, ref_id, agreement_id, body) rows, of any agreements, in one statement."""
    insert_rows(
        session, _INDEX, [{"kind": k, "ref_id": r, "agreement_id": a, "body": b} for k, r, a, b in rows]
    )


def forget(session: Session, kind: str, ref_ids: Iterable[int]) -> None:
    """Drop the rows of records that no longer exist (e.g. commitments removed by re-extraction)."""
    params = [{"kind": kind, "ref_id": r} for r in ref_ids]
    if params:
        session.execute(text("DELETE FROM search_index WHERE kind = :kind AND ref_id = :ref_id"), params)


def search(session: Session, query: str, limit: int) -> list[Hit]:
    words = _WORDS.findall(query)
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(text(SQLITE_SEARCH), sqlite_search_parameters(words, limit))
    else:
        rows = session.execute(
            text(
                "SELECT kind, ref_id, agreement_id, ts_headline('english', body, q, :options) FROM search_index, "
                "plainto_tsquery('english', :query) AS q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT :limit"
            ),
            {
                "query": " ".join(words),
                "limit": limit,
                "options": f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8",
            },
        )
    return [Hit(kind, int(ref), int(agreement), snippet) for kind, ref, agreement, snippet in rows]


def matching_commitments(connection: Connection, query: str, limit: int) -> list[int]:
    """Ids of commitments whose text has every (stemmed) word, unranked: no ORDER BY, so the index
    stops after `limit` matches however common the words are (the caller ranks them)."""
    words = _WORDS.findall(query)
    if not words:
        return []
    if connection.dialect.name == "sqlite":
        match = _fts5_words(words)
        rows = connection.execute(
            text(
                "SELECT ref_id FROM search_index WHERE search_index MATCH :match AND kind = 'commitment' LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
    else:
        rows = connection.execute(
            text(
                "SELECT ref_id FROM search_index WHERE tsv @@ plainto_tsquery('english', :query) "
                "AND kind = 'commitment' LIMIT :limit"
            ),
            {"query": " ".join(words), "limit": limit},
        )
    return [int(ref) for (ref,) in rows]
