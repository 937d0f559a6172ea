"""Ingesting documents: read, segment, store — each document wholly or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.domain.access import Forbidden, Principal, Role
from accord.domain.agreements import AgreementKind, AgreementMeta, guess_kind, slugify
from accord.domain.provisions import Provision, ProvisionKind
from accord.errors import LimitExceeded
from accord.services.acting import writing
from accord.services.commitments import store_commitments
from accord.services.extraction import Extraction, extract_text
from accord.services.files import document_meta, uploaded_file
from accord.services.suggestions import suggest_links
from accord.storage import audit, search
from accord.storage.database import Database
from accord.storage.provisions import insert_provisions
from accord.storage.schema import ensure_ready
from accord.storage.tables import AgreementPartyRow, AgreementRow, DocumentRow, ProvisionRow
from accord.text.loaders import load
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
    warnings: tuple[str, ...] = ()  # about the metadata, e.g. sidecar fields that were ignored


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one document may hold: a document received over HTTP is bounded, so that no upload
    costs minutes of work (the CLI reads documents of any size)."""

    provisions: int
    commitments: int


UPLOAD_LIMITS = Limits(provisions=20_000, commitments=5_000)


def prepare(
    path: Path, flags: AgreementMeta | None = None, *, limits: Limits | None = None
) -> PreparedDocument:
    """Load, read metadata (flags over sidecar) and segment one file. Raises InputError on bad input."""
    source = load(path)
    meta = document_meta(path, flags=flags)
    provisions = segment(source.text)
    # Every commitment sits in a provision, so counting provisions bounds the extraction's work
    # before it starts; the commitments are counted again once found.
    if limits is not None and len(provisions) > limits.provisions:
        raise _over(path, f"{len(provisions):,} provisions", f"{limits.provisions:,}")
    title = meta.title or source.title_hint or _first_heading(source.text, provisions) or path.stem
    kind = meta.kind or guess_kind(title)
    slug = meta.slug or slugify(path.name.split(".")[0])
    extraction = extract_text(source.text, parties=meta.parties, date=meta.date, provisions=provisions)
    if limits is not None and len(extraction.commitments) > limits.commitments:
        raise _over(path, f"{len(extraction.commitments):,} commitments", f"{limits.commitments:,}")
    return PreparedDocument(source, meta, title.strip(), kind, slug, provisions, extraction)


def _over(path: Path, found: str, limit: str) -> LimitExceeded:
    return LimitExceeded(
        f"{path}: the document holds {found}, more than the {limit} an upload may have",
        hint="split it into several documents, or ingest it with the CLI (`accord ingest FILE`)",
    )


def _first_heading(text: str, provisions: Sequence[Provision]) -> str | None:
    for provision in provisions[:3]:
        if provision.kind is ProvisionKind.HEADING:
            return text[provision.start : provision.end]
    return None


def _require_uploader(by: Principal | None, prepared: PreparedDocument) -> None:
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


def store(db: Database, prepared: PreparedDocument, *, by: Principal | None) -> IngestResult:
    """Store one prepared document in a single transaction; the same bytes are stored once."""
    with writing(db, by) as session:
        _require_uploader(by, prepared)
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
                prepared.source.path,
                existing[0],
                existing[1],
                existing[2],
                False,
                count or 0,
                warnings=prepared.meta.warnings,
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
            prepared.meta.warnings,
        )


def _free_slug(session: Session, wanted: str) -> str:
    taken = set(session.scalars(select(AgreementRow.slug).where(AgreementRow.slug.like(f"{wanted}%"))))
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def ingest_upload(
    db: Database, name: str, suffix: str, data: bytes, flags: AgreementMeta, *, by: Principal | None
) -> IngestResult:
    """Ingest bytes received over HTTP, through the same loaders as a file on disk."""
    with uploaded_file(name, suffix, data) as path:
        (result,) = ingest_paths(db, [path], flags, limits=UPLOAD_LIMITS, by=by)
    return result


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    flags: AgreementMeta | None = None,
    *,
    on_prepared: Callable[[Path], None] | None = None,
    on_stored: Callable[[IngestResult], None] | None = None,
    limits: Limits | None = None,
    by: Principal | None,
) -> list[IngestResult]:
    """Check every file first, so that one bad file in a batch stores nothing; then store each atomically."""
    if by is not None:
        by.require_agreements()  # before reading any file; who may add which agreement is decided in `store`
    prepared: list[PreparedDocument] = []
    for path in paths:
        prepared.append(prepare(path, flags, limits=limits))
        if on_prepared:
            on_prepared(path)
    ensure_ready(db.engine)
    results = []
    for item in prepared:
        result = store(db, item, by=by)
        results.append(result)
        if on_stored:
            on_stored(result)
    return results
