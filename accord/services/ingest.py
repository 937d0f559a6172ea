"""Ingesting documents: read, segment, store — each document wholly or not at all."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.domain.agreements import AgreementKind, AgreementMeta, guess_kind, slugify
from accord.domain.provisions import Provision, ProvisionKind
from accord.services.commitments import store_commitments
from accord.services.extraction import Extraction, extract_text
from accord.services.suggestions import suggest_links
from accord.storage import audit, search
from accord.storage.database import Database
from accord.storage.provisions import insert_provisions
from accord.storage.schema import ensure_ready
from accord.storage.tables import AgreementPartyRow, AgreementRow, DocumentRow, ProvisionRow
from accord.text.loaders import load
from accord.text.metadata import read_sidecar, sidecar_path
from accord.text.segment import segment
from accord.text.source import SourceText


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """Everything about one file that can be known without the database."""

    source: SourceText
    meta: AgreementMeta
    title: str
    kind: AgreementKind
    slug: str
    provisions: list[Provision] = field(repr=False)
    extraction: Extraction = field(repr=False)


@dataclass(frozen=True, slots=True)
class IngestResult:
    path: str
    agreement_id: int
    slug: str
    title: str
    stored: bool  # False when the same bytes were already in the database
    provisions: int
    commitments: int = 0


def prepare(path: Path, flags: AgreementMeta | None = None) -> PreparedDocument:
    """Load, read metadata (flags over sidecar) and segment one file. Raises InputError on bad input."""
    source = load(path)
    meta = flags or AgreementMeta()
    sidecar = sidecar_path(path)
    if sidecar is not None:
        meta = meta.merged_over(read_sidecar(sidecar))
    provisions = segment(source.text)
    title = meta.title or source.title_hint or _first_heading(source.text, provisions) or path.stem
    kind = meta.kind or guess_kind(title)
    slug = meta.slug or slugify(path.name.split(".")[0])
    extraction = extract_text(source.text, parties=meta.parties, date=meta.date, provisions=provisions)
    return PreparedDocument(source, meta, title.strip(), kind, slug, provisions, extraction)


def _first_heading(text: str, provisions: Sequence[Provision]) -> str | None:
    for provision in provisions[:3]:
        if provision.kind is ProvisionKind.HEADING:
            return text[provision.start : provision.end]
    return None


def store(db: Database, prepared: PreparedDocument) -> IngestResult:
    """Store one prepared document in a single transaction; the same bytes are stored once."""
    with db.transaction() as session:
        existing = session.execute(
            select(DocumentRow.agreement_id, AgreementRow.slug, AgreementRow.title)
            .join(AgreementRow)
            .where(DocumentRow.sha256 == prepared.source.sha256)
        ).first()
        if existing is not None:
            count = session.scalar(
                select(func.count()).select_from(ProvisionRow).where(ProvisionRow.agreement_id == existing[0])
            )
            return IngestResult(
                prepared.source.path, existing[0], existing[1], existing[2], False, count or 0
            )
        terms = prepared.extraction.terms
        agreement = AgreementRow(
            slug=_free_slug(session, prepared.slug),
            title=prepared.title,
            date=prepared.meta.date,
            kind=prepared.kind.value,
            legally_binding=terms.legally_binding,
            terms=terms.as_json(),
            source=prepared.meta.source,
        )
        agreement.parties = [
            AgreementPartyRow(party_code=code, position=position)
            for position, code in enumerate(prepared.meta.parties)
        ]
        session.add(agreement)
        session.flush()
        document = DocumentRow(
            agreement_id=agreement.id,
            version=1,
            sha256=prepared.source.sha256,
            text=prepared.source.text,
            source_path=prepared.source.path,
            media_type=prepared.source.media_type,
            byte_size=prepared.source.byte_size,
        )
        session.add(document)
        session.flush()
        provision_ids = insert_provisions(session, agreement.id, document.id, prepared.provisions)
        count = store_commitments(session, agreement.id, document.id, provision_ids, prepared.extraction)
        text = prepared.source.text
        search.index(
            session,
            agreement.id,
            (
                ("provision", provision_ids[p.index], text[p.start : p.end])
                for p in prepared.provisions
                if p.kind in (ProvisionKind.SENTENCE, ProvisionKind.HEADING)
            ),
        )
        suggested = suggest_links(session, agreement.id)
        audit.append(
            session, "ingest", f"agreement:{agreement.id}",
            after={"slug": agreement.slug, "sha256": document.sha256, "provisions": len(provision_ids), "commitments": count, "links_suggested": suggested},
        )  # fmt: skip
        return IngestResult(
            prepared.source.path,
            agreement.id,
            agreement.slug,
            agreement.title,
            True,
            len(prepared.provisions),
            count,
        )


def _free_slug(session: Session, wanted: str) -> str:
    taken = set(session.scalars(select(AgreementRow.slug).where(AgreementRow.slug.like(f"{wanted}%"))))
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def ingest_upload(db: Database, name: str, suffix: str, data: bytes, flags: AgreementMeta) -> IngestResult:
    """Ingest bytes received over HTTP, through the same loaders as a file on disk."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).stem + suffix)
        path.write_bytes(data)
        (result,) = ingest_paths(db, [path], flags)
    return result


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    flags: AgreementMeta | None = None,
    *,
    on_prepared: Callable[[Path], None] | None = None,
    on_stored: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Check every file first, so that one bad file in a batch stores nothing; then store each atomically."""
    prepared: list[PreparedDocument] = []
    for path in paths:
        prepared.append(prepare(path, flags))
        if on_prepared:
            on_prepared(path)
    ensure_ready(db.engine)
    results = []
    for item in prepared:
        result = store(db, item)
        results.append(result)
        if on_stored:
            on_stored(result)
    return results
