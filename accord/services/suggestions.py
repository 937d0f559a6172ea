"""Writing link suggestions for a stored document: its spans, its partnership's pool, the upsert.

Runs inside the transaction that stores the document (and again on `accord links --refresh`).
A decided link is never touched again; a rejected pair is never suggested again.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.extract import embedding
from accord.services.link_units import Covered, link_units, uncovered
from accord.services.linking import Earlier, Ranked, RankJob, Unit, embed_units, rank_now
from accord.services.pool_items import ItemBatch, PoolItems
from accord.services.span_words import Lexical, document_proper, sentence_vectors
from accord.storage import audit
from accord.storage.bulk_insert import insert_rows
from accord.storage.database import Database
from accord.storage.tables import (
    AgreementPartyRow,
    AgreementRow,
    BodyRow,
    CommitmentBodyRow,
    CommitmentRow,
    CommitmentVectorRow,
    DocumentRow,
    LinkRow,
    ProvisionRow,
    table,
)
from accord.storage.vectors import load_vectors, store_vectors


def embed_commitments(session: Session, pairs: list[tuple[int, str]]) -> None:
    """Store the vectors of (commitment id, quote) pairs."""
    if pairs:
        vectors = embedding.embed([quote for _, quote in pairs])
        store_vectors(
            session,
            embedding.MODEL,
            zip([i for i, _ in pairs], embedding.rows_to_bytes(vectors), strict=True),
        )


def embed_missing(session: Session) -> int:
    """Vectors for commitments stored before vectors were kept (or by an older model)."""
    missing = session.execute(
        select(CommitmentRow.id, CommitmentRow.quote)
        .outerjoin(CommitmentVectorRow, CommitmentVectorRow.commitment_id == CommitmentRow.id)
        .where(CommitmentVectorRow.commitment_id.is_(None))
    ).all()
    embed_commitments(session, [(i, q) for i, q in missing])
    return len(missing)


Parties = dict[int, tuple[dt.date | None, frozenset[str]]]


def agreement_parties(session: Session) -> Parties:
    """Every agreement's date and party codes, read once for a batch of documents (an agreement
    with no parties is absent)."""
    rows = session.execute(
        select(AgreementRow.id, AgreementRow.date, AgreementPartyRow.party_code).join(
            AgreementPartyRow, AgreementPartyRow.agreement_id == AgreementRow.id
        )
    ).all()
    codes: dict[int, set[str]] = defaultdict(set)
    dates: dict[int, dt.date | None] = {}
    for agreement_id, date, code in rows:
        codes[agreement_id].add(code)
        dates[agreement_id] = date
    return {agreement_id: (dates[agreement_id], frozenset(found)) for agreement_id, found in codes.items()}


def partnership_agreements(
    known: Parties, agreement_id: int, date: dt.date | None, parties: frozenset[str]
) -> dict[int, bool]:
    """Earlier agreements sharing a partnership with this one (two parties in common, or its only
    party), each mapped to whether its parties are exactly the same (the same series)."""
    need = min(2, len(parties))
    out: dict[int, bool] = {}
    for other_id, (other_date, codes) in known.items():
        if other_id == agreement_id or len(codes & parties) < need:
            continue
        if date is not None and other_date is not None:
            earlier = other_date < date
        else:
            earlier = other_id < agreement_id
        if earlier:
            out[other_id] = codes == parties
    return out


def later_units(session: Session, document: DocumentRow) -> list[Unit]:
    """The document's commitments, and its sentences that lie outside every commitment."""
    commitments = session.execute(
        select(CommitmentRow.start, CommitmentRow.end, CommitmentRow.quote)
        .where(CommitmentRow.agreement_id == document.agreement_id)  # indexed; document_id is not
        .where(CommitmentRow.document_id == document.id)
        .where(CommitmentRow.review_state != "rejected")
    ).all()
    sentences = session.execute(
        select(ProvisionRow.start, ProvisionRow.end)
        .where(ProvisionRow.document_id == document.id)
        .where(ProvisionRow.kind == "sentence")
    ).all()
    return link_units(
        document.text,
        [(s, e, q) for s, e, q in commitments],
        [(s, e) for s, e in sentences],
        document_proper(document.text),
    )


@dataclass(frozen=True, slots=True)
class StoredText:
    """An agreement's only text, just stored: what a pool would read back of it."""

    agreement_id: int
    document_id: int
    date: dt.date | None
    title: str
    text: str
    # (id, start, end, quote, the names of the bodies it names), in the order of their ids.
    commitments: list[tuple[int, int, int, str, tuple[str, ...]]]
    vectors: np.ndarray  # the commitments' vectors as stored (read back, they are these)
    sentences: list[tuple[int, int, int]]  # (provision id, start, end), in the order of their ids
    lexical: dict[tuple[int, int], Lexical]  # the spans' own terms and names, by (start, end)


@dataclass(frozen=True, slots=True)
class _Span:
    """An earlier commitment (`commitment_id` set) or uncovered sentence, before it joins a pool."""

    order: int  # the commitment's id, or the sentence provision's id
    commitment_id: int | None
    agreement_id: int
    document_id: int
    start: int
    end: int
    quote: str
    bodies: tuple[str, ...]
    proper: frozenset[str]
    lexical: Lexical | None = None


@dataclass(frozen=True, slots=True)
class _Loaded:
    """One earlier agreement's spans and their vectors, as read for a pool."""

    date: dt.date | None
    title: str
    commitments: list[_Span]
    commitment_vectors: np.ndarray
    statements: list[_Span]
    statement_vectors: np.ndarray


class PoolCache:
    """Earlier agreements read once for all the documents of a stored batch, which mostly share
    partnerships: each document's pool is put together from them rather than read anew (and its
    uncovered sentences embedded anew).

    An ingest of many batches keeps one across its transactions (`begin`, `committed`): what it
    read stays true as long as nobody else has written, which the audit trail's head tells, since
    every write moves it. Any other use lives for one transaction."""

    def __init__(self) -> None:
        self._loaded: dict[int, _Loaded] = {}
        self._pooled: dict[tuple[int, bool], _Pooled] = {}
        self._head: int | None = None  # the audit head after the last transaction it was used in

    def begin(self, session: Session) -> None:
        """Inside a write transaction, before any write: forget everything if anyone has written
        since this cache's last transaction committed (or if that one did not)."""
        if self._head is None or audit.head(session) != self._head:
            self._loaded.clear()
            self._pooled.clear()
        self._head = None  # until `committed`: a transaction rolled back leaves rows it read that are gone

    def committed(self, head: int) -> None:
        """The transaction that used the cache committed, leaving the audit trail at `head`."""
        self._head = head

    def keep_stored(self, session: Session, texts: list[StoredText]) -> None:
        """Agreements the caller has just stored, in this transaction: kept as `pool` would read
        them back, without reading them back."""
        names = {name for text in texts for *_, bodies in text.commitments for name in bodies}
        found = (
            session.execute(
                select(BodyRow.name, BodyRow.id, BodyRow.acronym).where(BodyRow.name.in_(names))
            ).all()
            if names
            else []
        )
        acronyms = {name: acronym for name, _, acronym in found}
        ids = {name: body_id for name, body_id, _ in found}
        for text in texts:
            proper = document_proper(text.text)
            commitments = [
                _Span(
                    commitment_id, commitment_id, text.agreement_id, text.document_id, start, end, quote,
                    tuple(word for name in sorted(bodies, key=ids.__getitem__) for word in _body_words(name, acronyms[name])),
                    proper, text.lexical.get((start, end)),
                )
                for commitment_id, start, end, quote, bodies in text.commitments
            ]  # fmt: skip
            covered = Covered([(span.start, span.end) for span in commitments])
            statements = [
                _Span(
                    provision_id,
                    None,
                    text.agreement_id,
                    text.document_id,
                    start,
                    end,
                    quote,
                    (),
                    proper,
                    text.lexical.get((start, end)),
                )
                for provision_id, start, end in text.sentences
                if (quote := uncovered(text.text, covered, start, end)) is not None
            ]
            self._loaded[text.agreement_id] = _Loaded(
                text.date,
                text.title,
                commitments,
                text.vectors,
                statements,
                sentence_vectors([span.quote for span in statements]),
            )

    def pool(self, session: Session, series: dict[int, bool]) -> PoolItems:
        """The commitments and uncovered sentences of the `series` agreements (id → same series),
        in the order of their ids, as one query over all of them would give them."""
        missing = [agreement_id for agreement_id in series if agreement_id not in self._loaded]
        if missing:
            self._loaded.update(_load_agreements(session, missing))
        parts = [self._earlier(agreement_id, same) for agreement_id, same in series.items()]
        commitments = [part.commitments for part in parts]
        statements = [part.statements for part in parts]
        after = sum(len(part.batch.items) for part in commitments)  # the statements follow them
        return PoolItems(
            [part.batch for part in commitments + statements],
            _in_id_order(commitments) + [after + n for n in _in_id_order(statements)],
        )

    def _earlier(self, agreement_id: int, same_series: bool) -> _Pooled:
        """An agreement's spans as pool items, made once: each item keeps the words a pool works
        out for it, and the next pool of the batch uses them again."""
        found = self._pooled.get((agreement_id, same_series))
        if found is None:
            loaded = self._loaded[agreement_id]
            found = self._pooled[(agreement_id, same_series)] = _Pooled(
                _part(loaded, loaded.commitments, loaded.commitment_vectors, same_series),
                _part(loaded, loaded.statements, loaded.statement_vectors, same_series),
            )
        return found


@dataclass(frozen=True, slots=True)
class _Part:
    orders: list[int]  # each item's commitment or sentence provision id
    batch: ItemBatch


@dataclass(frozen=True, slots=True)
class _Pooled:
    commitments: _Part
    statements: _Part


_SERIALS = itertools.count(1)  # pool items' numbers, unique in this process (see Earlier.serial)


def _part(loaded: _Loaded, spans: list[_Span], vectors: np.ndarray, same_series: bool) -> _Part:
    items = [
        Earlier(
            span.commitment_id, span.agreement_id, span.document_id, span.start, span.end, span.quote,
            loaded.date, loaded.title, same_series, span.bodies, proper=span.proper, serial=next(_SERIALS),
            lexical=span.lexical,
        )
        for span in spans
    ]  # fmt: skip
    return _Part([span.order for span in spans], ItemBatch(items, vectors))


def _in_id_order(parts: list[_Part]) -> list[int]:
    """Positions in the parts' items end to end, in the order of the items' ids."""
    orders = [order for part in parts for order in part.orders]
    return sorted(range(len(orders)), key=orders.__getitem__)


def _load_agreements(session: Session, agreement_ids: list[int]) -> dict[int, _Loaded]:
    agreements = {
        row.id: row for row in session.scalars(select(AgreementRow).where(AgreementRow.id.in_(agreement_ids)))
    }
    rows = session.execute(
        select(
            CommitmentRow.id, CommitmentRow.agreement_id, CommitmentRow.document_id,
            CommitmentRow.start, CommitmentRow.end, CommitmentRow.quote,
        )
        .where(CommitmentRow.agreement_id.in_(agreement_ids))
        .where(CommitmentRow.review_state != "rejected")
        .order_by(CommitmentRow.id)
    ).all()  # fmt: skip
    ids = [r[0] for r in rows]
    bodies: dict[int, list[str]] = defaultdict(list)
    for chunk in range(0, len(ids), 5000):
        for commitment_id, name, acronym in session.execute(
            select(CommitmentBodyRow.commitment_id, BodyRow.name, BodyRow.acronym)
            .join(BodyRow, BodyRow.id == CommitmentBodyRow.body_id)
            .where(CommitmentBodyRow.commitment_id.in_(ids[chunk : chunk + 5000]))
            .order_by(CommitmentBodyRow.commitment_id, CommitmentBodyRow.body_id)
        ):
            bodies[commitment_id] += _body_words(name, acronym)
    blobs = load_vectors(session, ids)
    missing = [(r[0], r[5]) for r in rows if r[0] not in blobs]
    if missing:
        embed_commitments(session, missing)
        blobs.update(load_vectors(session, [i for i, _ in missing]))
    texts = {
        (document_id, agreement_id): text
        for document_id, agreement_id, text in session.execute(
            select(DocumentRow.id, DocumentRow.agreement_id, DocumentRow.text).where(
                DocumentRow.agreement_id.in_(agreement_ids)
            )
        )
    }
    proper = {document_id: document_proper(text) for (document_id, _), text in texts.items()}
    commitments = [
        _Span(
            r[0],
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            tuple(bodies.get(r[0], ())),
            proper.get(r[2], frozenset()),
        )
        for r in rows
    ]
    commitment_vectors = embedding.from_bytes([blobs[i] for i in ids])
    found = _statements(session, texts, [(r[2], r[3], r[4]) for r in rows])
    statements = [
        _Span(order, None, a, d, st, en, q, (), proper.get(d, frozenset()))
        for order, a, d, st, en, q in found
    ]
    statement_vectors = sentence_vectors([span.quote for span in statements])
    mine: dict[int, list[int]] = defaultdict(list)
    for n, span in enumerate(commitments):
        mine[span.agreement_id].append(n)
    theirs: dict[int, list[int]] = defaultdict(list)
    for n, span in enumerate(statements):
        theirs[span.agreement_id].append(n)
    out: dict[int, _Loaded] = {}
    for agreement_id, agreement in agreements.items():
        out[agreement_id] = _Loaded(
            agreement.date,
            agreement.title,
            [commitments[n] for n in mine[agreement_id]],
            commitment_vectors[mine[agreement_id]],
            [statements[n] for n in theirs[agreement_id]],
            statement_vectors[theirs[agreement_id]],
        )
    return out


def _body_words(name: str, acronym: str | None) -> list[str]:
    """What a body a commitment names adds to its words: its name, and its acronym if it has one."""
    return [name, acronym] if acronym else [name]


def _statements(
    session: Session, texts: dict[tuple[int, int], str], covered: list[tuple[int, int, int]]
) -> list[tuple[int, int, int, int, int, str]]:
    """Sentences of the earlier texts that no commitment covers: the extractor may have passed over
    what a later text reports on ("announced continued progress on ..."). They are linked as spans."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for document_id, start, end in covered:
        spans[document_id].append((start, end))
    by_document = {document_id: Covered(found) for document_id, found in spans.items()}
    nothing = Covered([])
    rows = session.execute(
        select(
            ProvisionRow.id,
            ProvisionRow.agreement_id,
            ProvisionRow.document_id,
            ProvisionRow.start,
            ProvisionRow.end,
        )
        .where(ProvisionRow.document_id.in_([d for d, _ in texts]))
        .where(ProvisionRow.kind == "sentence")
        .order_by(ProvisionRow.id)
    ).all()
    out = []
    for provision_id, agreement_id, document_id, start, end in rows:
        quote = uncovered(
            texts[(document_id, agreement_id)], by_document.get(document_id, nothing), start, end
        )
        if quote is not None:
            out.append((provision_id, agreement_id, document_id, start, end, quote))
    return out


def suggest_links(
    session: Session, agreement_id: int, known: Parties | None = None, pools: PoolCache | None = None
) -> int:
    """Suggest links from the agreement's latest commitment-bearing text; returns how many are new."""
    return start_suggesting(session, [agreement_id], known, pools).write(session)[agreement_id]


def start_suggesting(
    session: Session,
    agreement_ids: list[int],
    known: Parties | None = None,
    pools: PoolCache | None = None,
    ranker: Ranker = rank_now,
    chunk: int = 8,
    stored: dict[int, JustStored] | None = None,
) -> Suggesting:
    """Plan the ranking of each agreement's latest commitment-bearing text and hand it to `ranker`
    (several processes, say), `chunk` texts at a time so that the first are ranked while the next
    are planned; the caller may write other rows while they are ranked, then `write`s them.
    `known`: every agreement's parties, and `pools`, earlier agreements already read, when the
    caller has them. `stored`: the agreements whose only text the caller has just stored, with
    their link units as preparing worked them out (the rows give the same: nothing of a text
    just stored is rejected yet)."""
    known = agreement_parties(session) if known is None else known
    pools = pools or PoolCache()
    chunks: list[tuple[list[_Plan], Ranking]] = []
    for start in range(0, len(agreement_ids), chunk):
        plans = [
            _plan(session, agreement_id, known, pools, (stored or {}).get(agreement_id))
            for agreement_id in agreement_ids[start : start + chunk]
        ]
        planned = [plan for plan in plans if plan is not None]
        chunks.append((planned, ranker([plan.job for plan in planned])))
    return Suggesting(agreement_ids, chunks)


@dataclass(frozen=True, slots=True)
class Suggesting:
    """Rankings under way; `write` waits for them and writes their suggestions, in order."""

    agreement_ids: list[int]
    chunks: list[tuple[list[_Plan], Ranking]]

    def write(self, session: Session) -> dict[int, int]:
        """How many suggestions are new, by agreement."""
        added = dict.fromkeys(self.agreement_ids, 0)
        for plans, ranking in self.chunks:
            _write_all(session, plans, ranking, added)
        return added


def _write_all(session: Session, plans: list[_Plan], ranking: Ranking, added: dict[int, int]) -> None:
    for plan, ranked in zip(plans, ranking.get(), strict=True):
        added[plan.agreement_id] += _write_suggestions(session, plan, ranked)


@dataclass(frozen=True, slots=True)
class JustStored:
    """The text of an agreement to rank: its document, link units and (when preparing made them)
    their vectors. Given by a caller that has just stored the agreement's only text, which has no
    links yet; otherwise read from the rows (`_latest_text`)."""

    document_id: int
    units: list[Unit]
    vectors: np.ndarray | None = None  # the units' (`embed_units`), when preparing made them


@dataclass(frozen=True, slots=True)
class _Plan:
    agreement_id: int
    document_id: int
    existing: dict[tuple[int, int, int, int, int], LinkRow]
    job: RankJob


def _plan(
    session: Session, agreement_id: int, known: Parties, pools: PoolCache, stored: JustStored | None = None
) -> _Plan | None:
    """What ranking the agreement's latest text needs, or None when there is nothing to link to."""
    if agreement_id in known:
        date, parties = known[agreement_id]
    else:  # no parties: every earlier agreement with parties is a partner
        agreement = session.get(AgreementRow, agreement_id)
        assert agreement is not None
        date, parties = agreement.date, frozenset()
    series = partnership_agreements(known, agreement_id, date, parties)
    if not series:
        return None  # nothing earlier to link to: spare the reads below
    if stored is None:
        stored = _latest_text(session, agreement_id)
        if stored is None:
            return None
        existing = {
            (r.to_document_id, r.to_start, r.to_end, r.from_start, r.from_end): r
            for r in session.scalars(select(LinkRow).where(LinkRow.from_document_id == stored.document_id))
        }
    else:
        existing = {}  # a text just stored has no links yet
    pooled = pools.pool(session, series)
    if not pooled.order:
        return None
    vectors = embed_units(stored.units) if stored.vectors is None else stored.vectors
    decided = {key for key, row in existing.items() if row.status != "suggested"}
    return _Plan(
        agreement_id, stored.document_id, existing, RankJob(stored.units, vectors, pooled, date, decided)
    )


def _latest_text(session: Session, agreement_id: int) -> JustStored | None:
    """The agreement's latest text that bears commitments (else its latest), read from the rows."""
    document = (
        session.scalars(
            select(DocumentRow)
            .where(DocumentRow.agreement_id == agreement_id)
            .where(
                select(CommitmentRow.id)
                .where(CommitmentRow.agreement_id == agreement_id)  # indexed; document_id is not
                .where(CommitmentRow.document_id == DocumentRow.id)
                .exists()
            )
            .order_by(DocumentRow.version.desc())
        ).first()
        or session.scalars(
            select(DocumentRow)
            .where(DocumentRow.agreement_id == agreement_id)
            .order_by(DocumentRow.version.desc())
        ).first()
    )
    return None if document is None else JustStored(document.id, later_units(session, document))


def _write_suggestions(session: Session, plan: _Plan, ranked: list[Ranked]) -> int:
    units, items, existing = plan.job.units, plan.job.pool.items, plan.existing
    fresh: set[tuple[int, int, int, int, int]] = set()
    new: list[dict[str, Any]] = []
    for unit_index, item_index, relation, score, explicit, reasons in ranked:
        unit, earlier = units[unit_index], items[item_index]
        key = (earlier.document_id, earlier.start, earlier.end, unit.start, unit.end)
        fresh.add(key)
        row = existing.get(key)
        if row is None:
            new.append(
                {
                    "from_agreement_id": plan.agreement_id, "from_document_id": plan.document_id,
                    "from_start": unit.start, "from_end": unit.end,
                    "to_agreement_id": earlier.agreement_id, "to_document_id": earlier.document_id,
                    "to_start": earlier.start, "to_end": earlier.end,
                    "relation": relation.value, "score": score, "explicit": explicit, "reasons": reasons,
                    "status": "suggested",
                }
            )  # fmt: skip
        elif row.status == "suggested":
            row.relation, row.score, row.explicit, row.reasons = relation.value, score, explicit, reasons
    if new:  # one statement for them all: a new text gets a hundred-odd suggestions
        insert_rows(session, table(LinkRow), new)  # Core: the ORM's bulk path costs 25 ms a text
    for key, row in existing.items():
        if row.status == "suggested" and key not in fresh:
            session.delete(row)  # no longer among the best: an undecided suggestion is not a record
    session.flush()
    return len(new)


class Ranking(Protocol):
    """Rankings under way (a multiprocessing AsyncResult, or ones already done)."""

    def get(self) -> list[list[Ranked]]: ...


Ranker = Callable[[list[RankJob]], Ranking]


def pending_count(session: Session, agreement_ids: list[int] | None = None) -> int:
    """Suggestions waiting for review (from or to the given agreements, if any are given)."""
    query = select(func.count()).select_from(LinkRow).where(LinkRow.status == "suggested")
    if agreement_ids is not None:
        query = query.where(
            LinkRow.from_agreement_id.in_(agreement_ids) | LinkRow.to_agreement_id.in_(agreement_ids)
        )
    return int(session.scalar(query) or 0)


def refresh_links(db: Database) -> int:
    """Vectors for commitments that lack them, then suggestions for every agreement, oldest first."""
    added = 0
    with db.transaction() as session:
        embed_missing(session)
        order = list(session.execute(select(AgreementRow.id, AgreementRow.date)))
        known = agreement_parties(session)
    order.sort(key=lambda r: (r[1] is None, r[1] or 0, r[0]))
    for agreement_id, _ in order:
        with db.transaction() as session:
            added += suggest_links(session, agreement_id, known)
    return added
