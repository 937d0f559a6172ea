"""The agreement list and an agreement's provision tree, importable without SQLAlchemy: `accord
agreements` and `accord show` read them through the stdlib sqlite3 path
(accord.storage.sqlite_reads) when they can, `services.queries` through the ORM otherwise; both
give these views."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from accord.domain.commitments import Terms
from accord.domain.shapes import plain
from accord.errors import NotFound
from accord.storage import sqlite_queries, sqlite_reads


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    id: int
    slug: str
    title: str
    date: dt.date | None
    kind: str
    parties: list[str]
    legally_binding: bool | None
    provisions: int
    commitments: int


def list_agreements_from_file(connection: sqlite3.Connection) -> list[AgreementSummary]:
    """What `services.queries.list_agreements` gives, read from a SQLite file at the current schema."""
    return [AgreementSummary(*record) for record in sqlite_reads.agreement_records(connection)]


@dataclass(slots=True)
class ProvisionNode:
    id: int
    kind: str
    ordinal: int
    start: int
    end: int
    text: str
    children: list[ProvisionNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AgreementDetail:
    summary: AgreementSummary
    terms: dict[str, Any]
    source: str | None
    document_sha256: str
    source_path: str
    text: str
    tree: list[ProvisionNode]

    def as_json(self) -> dict[str, Any]:
        summary = plain(self.summary)
        summary["provision_count"] = summary.pop("provisions")
        return {
            **summary,
            "terms": self.terms,
            "source": self.source,
            "document": {"sha256": self.document_sha256, "source_path": self.source_path, "text": self.text},
            "provisions": [plain(node) for node in self.tree],
        }


# (id, parent_id, kind, ordinal, start, end) of a provision, ordered by id
ProvisionFields = tuple[int, int | None, str, int, int, int]


def provision_tree(text: str, provisions: Sequence[ProvisionFields]) -> list[ProvisionNode]:
    nodes: dict[int, ProvisionNode] = {}
    roots: list[ProvisionNode] = []
    for id_, parent_id, kind, ordinal, start, end in provisions:  # parents were inserted first
        node = ProvisionNode(id_, kind, ordinal, start, end, text[start:end])
        nodes[id_] = node
        if parent_id is None:
            roots.append(node)
        else:
            nodes[parent_id].children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: child.ordinal)
    roots.sort(key=lambda node: node.start)
    return roots


def all_terms(stored: dict[str, Any] | None) -> dict[str, Any]:
    """Every term named, stated or not: a record stored without some of them (an older version's,
    or one written by another tool) reads the same as one that says nothing."""
    return {**Terms().as_json(), **(stored or {})}


def agreement_not_found(reference: str) -> NotFound:
    return NotFound(f"no agreement {reference!r}", hint="`accord agreements` lists ids and slugs")


def no_document(slug: str) -> NotFound:
    return NotFound(f"agreement {slug!r} has no document", hint="ingest its text with `accord ingest`")


def find_in_file(connection: sqlite3.Connection, reference: str) -> sqlite_queries.AgreementFields:
    """`services.queries.find_agreement`, on the stdlib path (inside a read transaction)."""
    found = sqlite_queries.agreement(connection, reference)
    if found is None:
        raise agreement_not_found(reference.strip())
    return found


def agreement_detail_from_file(connection: sqlite3.Connection, reference: str) -> AgreementDetail:
    """What `services.queries.agreement_detail` gives, read from a SQLite file at the current schema."""
    with sqlite_reads.reading(connection):
        row = find_in_file(connection, reference)
        document = sqlite_queries.latest_document(connection, row.id)
        if document is None:
            raise no_document(row.slug)
        provisions = sqlite_queries.provisions(connection, document.id)
        commitments = sqlite_queries.commitment_count(connection, row.id)
    summary = AgreementSummary(
        row.id, row.slug, row.title, row.date, row.kind, row.parties, row.legally_binding,
        len(provisions), commitments,
    )  # fmt: skip
    return AgreementDetail(
        summary, all_terms(row.terms), row.source, document.sha256, document.source_path, document.text,
        provision_tree(document.text, provisions),
    )  # fmt: skip
