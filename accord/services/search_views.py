"""Search results, importable without SQLAlchemy: `accord search` reads them through the stdlib
sqlite3 path (accord.storage.sqlite_queries) when it can, `services.search.search` through the ORM
otherwise; both build them here."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from accord.errors import InputError
from accord.storage import search_sql, sqlite_queries, sqlite_reads

MARKS = (search_sql.MARK_START, search_sql.MARK_END)


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str  # "provision" or "commitment"
    id: int
    agreement: str
    snippet: str  # matches between MARKS


def check_query(query: str, limit: int) -> None:
    if not query.strip():
        raise InputError("nothing to search for", hint='give words, e.g. "quantum supply chain"')
    if not 1 <= limit <= 200:
        raise InputError(f"limit must be 1 to 200, got {limit}", hint="e.g. 20", field="limit")


Hit = TypeVar("Hit")
Span = tuple[int, int, int]  # document id, start, end


def without_doubles(
    hits: Sequence[Hit],
    kind_and_id: Mapping[int, tuple[str, int]],
    commitment_spans: Sequence[Span],
    provision_spans: Mapping[int, Span],
) -> list[Hit]:
    """Each passage once: a provision hit that overlaps a commitment hit of the same document is
    the same words found twice, and the commitment (what was undertaken) is the one kept.
    `kind_and_id[i]` is the kind and id of `hits[i]`."""

    def doubled(index: int) -> bool:
        kind, ref_id = kind_and_id[index]
        found = provision_spans.get(ref_id)
        if kind != "provision" or found is None:
            return False
        document, start, end = found
        return any(d == document and s < end and start < e for d, s, e in commitment_spans)

    return [hit for index, hit in enumerate(hits) if not doubled(index)]


def search_file(connection: sqlite3.Connection, query: str, *, limit: int = 20) -> list[SearchResult]:
    """What `services.search.search` gives, read from a SQLite file at the current schema."""
    check_query(query, limit)
    with sqlite_reads.reading(connection):
        # More hits than shown, as services.search asks: dropping the doubles still fills the page.
        hits = sqlite_queries.search(connection, query, limit * 2)
        commitments = [ref for kind, ref, _a, _s in hits if kind == "commitment"]
        provisions = [ref for kind, ref, _a, _s in hits if kind == "provision"]
        if commitments and provisions:
            kinds = {index: (kind, ref) for index, (kind, ref, _a, _s) in enumerate(hits)}
            spans = sqlite_queries.commitment_spans(connection, commitments)
            hits = without_doubles(hits, kinds, spans, sqlite_queries.provision_spans(connection, provisions))
        slugs = sqlite_queries.slugs(connection)
    return [
        SearchResult(kind, ref, slugs.get(agreement, "?"), snippet)
        for kind, ref, agreement, snippet in hits[:limit]
    ]
