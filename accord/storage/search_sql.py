"""The full-text search's words and SQLite statement, importable without SQLAlchemy: the ORM path
(accord.storage.search) and the stdlib sqlite3 path of `accord search` (accord.storage.sqlite_queries)
send the same statement."""

from __future__ import annotations

import re

WORDS = re.compile(r"\w+", re.UNICODE)
MARK_START, MARK_END = "\u27e6", "\u27e7"  # ⟦ ⟧: cannot be confused with the text's own brackets

SQLITE_SEARCH = (
    "SELECT kind, ref_id, agreement_id, snippet(search_index, 3, :a, :b, '…', 16) FROM search_index "
    "WHERE search_index MATCH :match ORDER BY rank LIMIT :limit"
)


def fts5_words(words: list[str]) -> str:
    """Every word quoted: user input never reaches FTS5's own query syntax."""
    return " ".join('"' + word.replace('"', "") + '"' for word in words)


def sqlite_search_parameters(words: list[str], limit: int) -> dict[str, object]:
    return {"match": fts5_words(words), "a": MARK_START, "b": MARK_END, "limit": limit}
