"""Storing a batch of prepared documents in one transaction, a few bulk statements per table.

Ids are reserved first (`accord.storage.ids`), so that agreements, documents, provisions,
commitments and their index rows all go in with one Core `INSERT ... VALUES` executemany per
table for the whole batch, rather than a round of ORM flushes per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.domain.access import Forbidden, Principal, Role
from accord.domain.provisions import ProvisionKind
from accord.domain.shapes import plain
from accord.extract import embedding, lexicon
from accord.services.linking import rank_now
from accord.services.preparing import PreparedDocument
from accord.services.span_words import keep_proper, keep_vectors
from accord.services.suggestions import (
    JustStored,
    PoolCache,
    Ranker,
    StoredText,
    embed_commitments,
    start_suggesting,
)
from accord.storage import audit, search
from accord.storage.bulk_insert import insert_rows
from accord.storage.commitments import CommitmentSet, body_ids, insert_commitment_sets
from accord.storage.ids import reserve_id_runs, reserve_ids
from accord.storage.provisions import insert_provision_trees
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    CommitmentRow,
    DocumentRow,
    ProvisionRow,
    table,
)
from accord.storage.vectors import store_vectors

INDEXED = (ProvisionKind.SENTENCE, ProvisionKind.HEADING)


@dataclass(frozen=True, slots=True)
class IngestResult:
    path: str
    agreement_id: int
    slug: str
    title: str
    stored: bool  # False when the same bytes were already in the database
    provisions: int
    commitments: int = 0
    warnings: tuple[str, ...] = ()  # about the metadata, e.g. sidecar fields that were ignored


def require_uploader(by: Principal | None, prepared: PreparedDocument) -> None:
    """Agreements are added by secretariats and admins; a secretariat only adds documents to
    which its own party is a party (a KR desk does not file a US–JP agreement)."""
    if by is None:
        return
    by.require_agreements()
    if by.role is Role.SECRETARIAT and by.party not in prepared.meta.parties:
        named = ", ".join(prepared.meta.parties) or "none"
        raise Forbidden(
            f"{by.name} ({by.party} secretariat) may add only agreements to which {by.party} is a party; "
            f"{prepared.source.path} names: {named}",
            hint=f"give the parties (party=...), {by.party} among them, or ask an admin",
        )


def store_documents(
    session: Session,
    batch: Sequence[PreparedDocument],
    by: Principal | None,
    ranker: Ranker = rank_now,
    pools: PoolCache | None = None,
) -> list[IngestResult]:
    """Store the batch inside the caller's write transaction; the same bytes are stored once
    (a document already stored, or given twice, is reported as such and not stored again).
    `ranker` ranks the link suggestions of the new texts (in worker processes, say)."""
    for prepared in batch:
        require_uploader(by, prepared)
    known = _known(session, [p.source.sha256 for p in batch])
    new: list[PreparedDocument] = []
    for prepared in batch:
        if prepared.source.sha256 not in known:
            known[prepared.source.sha256] = None  # stored by this batch
            new.append(prepared)
    stored = dict(zip(map(id, new), _insert(session, new, ranker, pools), strict=True))
    results = []
    for prepared in batch:
        if id(prepared) in stored:
            results.append(stored.pop(id(prepared)))
            continue
        agreement_id, slug, title = _existing(session, known, prepared.source.sha256)
        count = session.scalar(
            select(func.count()).select_from(ProvisionRow).where(ProvisionRow.agreement_id == agreement_id)
        )
        results.append(
            IngestResult(
                prepared.source.path,
                agreement_id,
                slug,
                title,
                False,
                count or 0,
                warnings=prepared.meta.warnings,
            )
        )
    return results


Known = dict[str, tuple[int, str, str] | None]


def _known(session: Session, hashes: list[str]) -> Known:
    rows = session.execute(
        select(DocumentRow.sha256, DocumentRow.agreement_id, AgreementRow.slug, AgreementRow.title)
        .join(AgreementRow)
        .where(DocumentRow.sha256.in_(hashes))
    ).all()
    return {sha: (agreement_id, slug, title) for sha, agreement_id, slug, title in rows}


def _existing(session: Session, known: Known, sha256: str) -> tuple[int, str, str]:
    found = known[sha256]
    if found is None:  # the same bytes came earlier in this batch
        found = _known(session, [sha256])[sha256]
        assert found is not None
    return found


def _insert(
    session: Session, batch: list[PreparedDocument], ranker: Ranker, pools: PoolCache | None
) -> list[IngestResult]:
    if not batch:
        return []
    agreement_ids = reserve_ids(session, table(AgreementRow), len(batch))
    slugs = _free_slugs(session, [p.slug for p in batch])
    insert_rows(
        session,
        table(AgreementRow),
        [
            {
                "id": agreement_id, "slug": slug, "title": p.title, "date": p.meta.date, "kind": p.kind.value,
                "legally_binding": p.extraction.terms.legally_binding, "terms": plain(p.extraction.terms),
                "source": p.meta.source,
            }
            for agreement_id, slug, p in zip(agreement_ids, slugs, batch, strict=True)
        ],
    )  # fmt: skip
    parties = [
        {"agreement_id": agreement_id, "party_code": code, "position": position}
        for agreement_id, p in zip(agreement_ids, batch, strict=True)
        for position, code in enumerate(p.meta.parties)
    ]
    if parties:
        insert_rows(session, table(AgreementPartyRow), parties)
    document_ids = reserve_ids(session, table(DocumentRow), len(batch))
    insert_rows(
        session,
        table(DocumentRow),
        [
            {
                "id": document_id, "agreement_id": agreement_id, "version": 1, "sha256": p.source.sha256,
                "text": p.source.text, "source_path": p.source.path, "media_type": p.source.media_type,
                "byte_size": p.source.byte_size,
            }
            for document_id, agreement_id, p in zip(document_ids, agreement_ids, batch, strict=True)
        ],
    )  # fmt: skip
    owners = list(zip(agreement_ids, document_ids, batch, strict=True))
    trees = reserve_id_runs(session, table(ProvisionRow), [len(p.provisions) for p in batch])
    commitment_ids = reserve_id_runs(
        session, table(CommitmentRow), [len(p.extraction.commitments) for p in batch]
    )
    bodies: dict[str, tuple[str | None, str]] = {}
    for p in batch:
        for name, body in p.extraction.bodies.items():
            bodies.setdefault(name, body)
    registered = body_ids(session, bodies)
    for p in batch:
        if p.proper is not None:
            keep_proper(p.source.text, p.proper)
        if p.link_vectors is not None:
            keep_vectors(*p.link_vectors)
    pools = pools or PoolCache()
    # Each prepared vector as the database keeps it (int8 bytes): stored, and kept for the pools.
    blobs = [None if p.vectors is None else embedding.rows_to_bytes(p.vectors) for p in batch]
    pools.keep_stored(session, _stored_texts(owners, trees, commitment_ids, registered, blobs))
    # With everything ranking reads of these texts at hand (prepared beside their extraction), the
    # texts are ranked (in the workers, with --jobs N) while their rows are written; otherwise
    # ranking reads the rows, which are written first.
    ahead = all(p.vectors is not None and p.link_units is not None for p in batch)
    stored = {
        a: JustStored(d, p.link_units, p.link_unit_vectors())
        for a, d, p in owners
        if p.link_units is not None
    }
    suggesting = (
        start_suggesting(session, agreement_ids, pools=pools, ranker=ranker, stored=stored) if ahead else None
    )
    insert_provision_trees(session, [(a, d, p.provisions) for a, d, p in owners], trees)
    insert_commitment_sets(
        session,
        [
            CommitmentSet(a, d, tree, p.extraction.commitments)
            for (a, d, p), tree in zip(owners, trees, strict=True)
        ],
        extractor=batch[0].extraction.version,
        checksum=lexicon.checksum(),
        bodies=registered,
        ids=commitment_ids,
    )
    _store_vectors(session, batch, commitment_ids, blobs)
    if suggesting is None:
        suggesting = start_suggesting(session, agreement_ids, pools=pools, ranker=ranker, stored=stored)
    search.index_rows(
        session,
        [
            ("provision", tree[v.index], a, p.source.text[v.start : v.end])
            for (a, _, p), tree in zip(owners, trees, strict=True)
            for v in p.provisions
            if v.kind in INDEXED
        ]
        + [
            ("commitment", i, a, c.quote)
            for (a, _, p), ids in zip(owners, commitment_ids, strict=True)
            for i, c in zip(ids, p.extraction.commitments, strict=True)
        ],
    )
    suggested = suggesting.write(session)
    out: list[IngestResult] = []
    entries = []
    for (agreement_id, _, p), slug, tree, ids in zip(owners, slugs, trees, commitment_ids, strict=True):
        entries.append(
            (
                "ingest", f"agreement:{agreement_id}", None,
                {"slug": slug, "sha256": p.source.sha256, "provisions": len(tree), "commitments": len(ids), "links_suggested": suggested[agreement_id]},
            )
        )  # fmt: skip
        out.append(
            IngestResult(
                p.source.path, agreement_id, slug, p.title, True, len(tree), len(ids), p.meta.warnings
            )
        )
    audit.append_many(session, entries)
    return out


def _stored_texts(
    owners: list[tuple[int, int, PreparedDocument]],
    trees: list[list[int]],
    commitment_ids: list[list[int]],
    bodies: dict[str, int],
    blobs: list[list[bytes] | None],
) -> list[StoredText]:
    """The texts just stored, as a pool reads them (those whose vectors preparing made)."""
    out = []
    for (agreement_id, document_id, p), tree, ids, blob in zip(
        owners, trees, commitment_ids, blobs, strict=True
    ):
        if blob is None:
            continue
        stored = embedding.from_bytes(blob)
        order = sorted(range(len(ids)), key=ids.__getitem__)
        commitments = p.extraction.commitments
        out.append(
            StoredText(
                agreement_id,
                document_id,
                p.meta.date,
                p.title,
                p.source.text,
                [
                    (
                        ids[n],
                        commitments[n].start,
                        commitments[n].end,
                        commitments[n].quote,
                        tuple(name for name in dict.fromkeys(commitments[n].bodies) if name in bodies),
                    )
                    for n in order
                ],
                stored[order],
                sorted(
                    (tree[v.index], v.start, v.end) for v in p.provisions if v.kind is ProvisionKind.SENTENCE
                ),
                p.span_lexical or {},
            )
        )
    return out


def _store_vectors(
    session: Session,
    batch: list[PreparedDocument],
    commitment_ids: list[list[int]],
    blobs: list[list[bytes] | None],
) -> None:
    computed = []
    for p, ids, blob in zip(batch, commitment_ids, blobs, strict=True):
        if blob is None:
            embed_commitments(
                session, [(i, c.quote) for i, c in zip(ids, p.extraction.commitments, strict=True)]
            )
        else:
            computed += list(zip(ids, blob, strict=True))
    store_vectors(session, embedding.MODEL, computed)


def _free_slugs(session: Session, wanted: list[str]) -> list[str]:
    """A free slug for each wanted one, in order: `slug`, else `slug-2`, `slug-3`..."""
    taken = set(session.scalars(select(AgreementRow.slug).where(AgreementRow.slug.in_(set(wanted)))))
    out = []
    for slug in wanted:
        if slug in taken:
            taken |= set(session.scalars(select(AgreementRow.slug).where(AgreementRow.slug.like(f"{slug}%"))))
            n = 2
            while f"{slug}-{n}" in taken:
                n += 1
            slug = f"{slug}-{n}"
        taken.add(slug)
        out.append(slug)
    return out
