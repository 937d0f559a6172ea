"""Read-only views of stored agreements, shared by the CLI, the API and the web pages.

ProvisionNode and AgreementDetail are also exported from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.errors import InputError, NotFound
from accord.services.agreement_views import (
    AgreementDetail,
    AgreementSummary,
    ProvisionNode,
    agreement_not_found,
    all_terms,
    no_document,
    provision_tree,
)
from accord.storage.database import Database
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    Base,
    CommitmentRow,
    DocumentRow,
    ProvisionRow,
)


def _counts(session: Session, column: Any, agreements: Collection[int] | None = None) -> dict[int, int]:
    """Rows per agreement id in `column`'s table: of every agreement, or of those given."""
    query = select(column, func.count()).select_from(column.class_).group_by(column)
    if agreements is not None:
        query = query.where(column.in_(agreements))
    return {agreement_id: count for agreement_id, count in session.execute(query)}


def _summary(row: AgreementRow, provisions: dict[int, int], commitments: dict[int, int]) -> AgreementSummary:
    return AgreementSummary(
        id=row.id,
        slug=row.slug,
        title=row.title,
        date=row.date,
        kind=row.kind,
        parties=row.party_codes,
        legally_binding=row.legally_binding,
        provisions=provisions.get(row.id, 0),
        commitments=commitments.get(row.id, 0),
    )


def agreement_summary(session: Session, row: AgreementRow) -> AgreementSummary:
    """One agreement's summary, counted as list_agreements counts every agreement's."""
    provisions = _counts(session, ProvisionRow.agreement_id, [row.id])
    commitments = _counts(session, CommitmentRow.agreement_id, [row.id])
    return _summary(row, provisions, commitments)


def list_agreements(db: Database) -> list[AgreementSummary]:
    # Columns, not mapped rows: with 10,000 agreements, loading each as an ORM object with its
    # parties took 1.4 s of the 1.6 s that every page listing them spent (portfolio benchmark).
    with db.reading() as session:
        return summaries(session)


def summaries(session: Session, agreements: Sequence[int] | None = None) -> list[AgreementSummary]:
    """The summaries of these agreement ids, in their order (of every agreement by date, then id,
    when None): each count and party list read for those agreements only, in one query each."""
    provisions = _counts(session, ProvisionRow.agreement_id, agreements)
    commitments = _counts(session, CommitmentRow.agreement_id, agreements)
    parties = party_codes(session, agreements)
    query = select(
        AgreementRow.id,
        AgreementRow.slug,
        AgreementRow.title,
        AgreementRow.date,
        AgreementRow.kind,
        AgreementRow.legally_binding,
    )
    if agreements is None:
        query = query.order_by(AgreementRow.date, AgreementRow.id)
    else:
        query = query.where(AgreementRow.id.in_(agreements))
    # In AgreementSummary's field order, as the stdlib path builds it (agreement_views).
    found = [
        AgreementSummary(
            id_, slug, title, date, kind, parties.get(id_, []), binding,
            provisions.get(id_, 0), commitments.get(id_, 0),
        )
        for id_, slug, title, date, kind, binding in session.execute(query)
    ]  # fmt: skip
    if agreements is None:
        return found
    by_id = {summary.id: summary for summary in found}
    return [by_id[id_] for id_ in agreements if id_ in by_id]


def summary_of(db: Database, reference: str) -> AgreementSummary:
    """One agreement's summary, by id or slug (as find_agreement resolves it)."""
    with db.reading() as session:
        return summaries(session, [find_agreement(session, reference).id])[0]


def summaries_by_slug(db: Database, slugs: Collection[str]) -> dict[str, AgreementSummary]:
    """The summaries of the agreements with these slugs (a slug no agreement has is left out)."""
    if not slugs:
        return {}
    with db.reading() as session:
        ids = session.scalars(select(AgreementRow.id).where(AgreementRow.slug.in_(slugs))).all()
        return {summary.slug: summary for summary in summaries(session, ids)}


def agreement_ids(db: Database) -> list[int]:
    """Every agreement's id, in order: what walks them one at a time needs, and no more."""
    with db.reading() as session:
        return list(session.scalars(select(AgreementRow.id).order_by(AgreementRow.id)))


def parties_by_agreement(db: Database, slugs: Collection[str]) -> dict[str, list[str]]:
    """The parties of the agreements with these slugs: what a page needs to know who may act on a
    link, without reading every agreement's."""
    if not slugs:
        return {}
    with db.reading() as session:
        found = dict(
            session.execute(
                select(AgreementRow.id, AgreementRow.slug).where(AgreementRow.slug.in_(slugs))
            ).all()
        )
        parties = party_codes(session, list(found))
        return {slug: parties.get(id_, []) for id_, slug in found.items()}


def agreement_date(db: Database, slug: str) -> dt.date | None:
    with db.reading() as session:
        return session.scalar(select(AgreementRow.date).where(AgreementRow.slug == slug))


def party_codes(session: Session, agreements: Collection[int] | None = None) -> dict[int, list[str]]:
    """The parties of every agreement (or of those ids), in their order, by agreement id: one query."""
    parties: dict[int, list[str]] = {}
    query = select(AgreementPartyRow.agreement_id, AgreementPartyRow.party_code).order_by(
        AgreementPartyRow.agreement_id, AgreementPartyRow.position
    )
    if agreements is not None:
        query = query.where(AgreementPartyRow.agreement_id.in_(agreements))
    for agreement_id, code in session.execute(query):
        parties.setdefault(agreement_id, []).append(code)
    return parties


def slugs_by_id(session: Session, agreements: Collection[int]) -> dict[int, str]:
    """The slugs of these agreement ids, by id: one query."""
    query = select(AgreementRow.id, AgreementRow.slug).where(AgreementRow.id.in_(agreements))
    return {agreement_id: slug for agreement_id, slug in session.execute(query)}


View = TypeVar("View")


def by_agreement(views: Iterable[View], slug_of: Callable[[View], str]) -> dict[str, list[View]]:
    """Views grouped by their agreement's slug, in the order given."""
    found: dict[str, list[View]] = {}
    for view in views:
        found.setdefault(slug_of(view), []).append(view)
    return found


Row = TypeVar("Row", bound=Base)


def fetch(
    session: Session, model: type[Row], key: int, name: str, hint: str, *, subject: str | None = None
) -> Row:
    """The row with this primary key, or NotFound saying "no {name} {key}" and `hint`, what to do;
    `subject` (by default the name) names the kind of record for the faces' own wording of where
    to find one."""
    row = session.get(model, key)
    if row is None:
        raise NotFound(f"no {name} {key}", hint=hint, subject=subject or name)
    return row


def find_agreement(session: Session, reference: str) -> AgreementRow:
    """An agreement by numeric id or slug."""
    reference = reference.strip()
    if "\x00" in reference:  # no slug has one, and PostgreSQL would refuse the query
        raise agreement_not_found(reference)
    row = None
    if reference.isdigit() and int(reference) < 2**31:  # a larger number can name no row (INTEGER)
        row = session.get(AgreementRow, int(reference))
    if row is None:
        row = session.scalar(select(AgreementRow).where(AgreementRow.slug == reference))
    if row is None:
        raise agreement_not_found(reference)
    return row


def require_party(agreement: AgreementRow, code: str) -> None:
    """Refuse a party code that is not one of the agreement's parties."""
    if code not in agreement.party_codes:
        raise InputError(
            f"{code} is not a party to {agreement.slug}", hint=f"parties: {', '.join(agreement.party_codes)}"
        )


def latest_document(session: Session, agreement: AgreementRow) -> DocumentRow:
    """The agreement's current text (the highest version)."""
    document = session.scalars(
        select(DocumentRow)
        .where(DocumentRow.agreement_id == agreement.id)
        .order_by(DocumentRow.version.desc())
    ).first()
    if document is None:
        raise no_document(agreement.slug)
    return document


def agreement_detail(db: Database, reference: str) -> AgreementDetail:
    with db.reading() as session:
        row = find_agreement(session, reference)
        document = latest_document(session, row)
        # The tree's columns, not ORM rows: the largest agreement has 1,100 provisions.
        provisions = session.execute(
            select(*_TREE_COLUMNS).where(ProvisionRow.document_id == document.id).order_by(ProvisionRow.id)
        ).all()
        commitments = session.scalar(
            select(func.count()).select_from(CommitmentRow).where(CommitmentRow.agreement_id == row.id)
        )
        summary = _summary(row, {row.id: len(provisions)}, {row.id: commitments or 0})
        return AgreementDetail(
            summary=summary,
            terms=all_terms(row.terms),
            source=row.source,
            document_sha256=document.sha256,
            source_path=document.source_path,
            text=document.text,
            tree=_tree(document.text, provisions),
        )


class _TreeFields(Protocol):
    """What the tree reads of a provision: an ORM row or a row of _TREE_COLUMNS."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def ordinal(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _tree(text: str, provisions: Sequence[_TreeFields]) -> list[ProvisionNode]:
    return provision_tree(text, [(p.id, p.parent_id, p.kind, p.ordinal, p.start, p.end) for p in provisions])


_TREE_COLUMNS = (
    ProvisionRow.id, ProvisionRow.parent_id, ProvisionRow.kind, ProvisionRow.ordinal, ProvisionRow.start,
    ProvisionRow.end,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProvisionSpan:
    """One provision flat, with its parent's id: `text == document.text[start:end]`."""

    id: int
    parent: int | None
    kind: str
    ordinal: int
    depth: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DocumentProvisions:
    agreement: str
    version: int
    sha256: str
    spans: list[ProvisionSpan]
    tree: list[ProvisionNode]


def document_provisions(db: Database, reference: str, *, version: int | None = None) -> DocumentProvisions:
    """The provisions of one version of an agreement's text (default: the latest)."""
    with db.reading() as session:
        row = find_agreement(session, reference)
        if version is None:
            document = latest_document(session, row)
        else:
            found = session.scalar(
                select(DocumentRow).where(DocumentRow.agreement_id == row.id, DocumentRow.version == version)
            )
            if found is None:
                known = session.scalars(
                    select(DocumentRow.version)
                    .where(DocumentRow.agreement_id == row.id)
                    .order_by(DocumentRow.version)
                ).all()
                raise NotFound(
                    f"{row.slug} has no version {version}",
                    hint="versions: " + ", ".join(str(number) for number in known),
                )
            document = found
        provisions = session.scalars(
            select(ProvisionRow).where(ProvisionRow.document_id == document.id).order_by(ProvisionRow.id)
        ).all()
        spans = [
            ProvisionSpan(
                p.id, p.parent_id, p.kind, p.ordinal, p.depth, p.start, p.end, document.text[p.start : p.end]
            )
            for p in sorted(provisions, key=lambda p: (p.start, p.depth))
        ]
        return DocumentProvisions(
            row.slug, document.version, document.sha256, spans, _tree(document.text, provisions)
        )


def agreement_parties(db: Database, reference: str) -> list[str]:
    """The agreement's parties, in the order it lists them (who may act for it is decided by them)."""
    with db.reading() as session:
        return find_agreement(session, reference).party_codes
