"""An ingest keeps the earlier agreements it read from one batch to the next only while nobody
else writes: the links are those a fresh read would give."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import String, cast, select, update

from accord.extract import embedding
from accord.extract.references import find_references
from accord.services import span_words, suggestions
from accord.services.commitments import review
from accord.services.ingest import store_batch
from accord.services.linking import Earlier
from accord.services.preparing import prepare_for_store
from accord.services.span_words import lexical_of
from accord.services.suggestions import PoolCache, later_units, suggest_links
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import BodyRow, CommitmentRow, DocumentRow, LinkRow

SERIES = [
    (
        "2021-05-21",
        "The United States and the Republic of Korea will launch the Quantum Bridge Fellowship. "
        "Both sides will co-fund joint research on semiconductor supply chains. "
        "The two space agencies will cooperate on the Artemis programme and on lunar science.",
    ),
    (
        "2022-05-21",
        "The United States and the Republic of Korea will expand the Quantum Bridge Fellowship. "
        "The partners will hold a workshop on 6G standards in Seoul every year from now on.",
    ),
    (
        "2023-05-21",
        "The two sides welcomed the first researchers of the Quantum Bridge Fellowship. "
        "The partners reaffirmed their cooperation on the Artemis programme and on lunar science. "
        "They held the first workshop on 6G standards in Seoul, as planned in the earlier statement.",
    ),
]


def _files(folder: Path) -> list[Path]:
    paths = []
    for n, (date, text) in enumerate(SERIES):
        path = folder / f"statement-{n}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".meta.json").write_text(json.dumps({"parties": ["US", "KR"], "date": date}))
        paths.append(path)
    return paths


def _links(db: Database) -> list[tuple[int, int, int, int, str, float, list[str]]]:
    with db.reading() as session:
        rows = session.scalars(select(LinkRow).order_by(LinkRow.id)).all()
        return [
            (r.from_start, r.from_end, r.to_start, r.to_end, r.relation, r.score, r.reasons) for r in rows
        ]


def test_a_kept_pool_is_forgotten_when_someone_else_wrote_between_batches(
    db: Database, tmp_path: Path
) -> None:
    prepared = [prepare_for_store(path) for path in _files(tmp_path)]
    pools = PoolCache()
    store_batch(db, prepared[:2], by=None, pools=pools)  # the second text reads the first
    with db.reading() as session:
        artemis = session.scalars(
            select(CommitmentRow.id).where(CommitmentRow.quote.contains("Artemis"))
        ).one()
    review(db, artemis, reject=True, reviewer="analyst", by=None)  # another writer, between batches
    (third,) = store_batch(db, prepared[2:], by=None, pools=pools)
    kept = _links(db)
    with db.transaction() as session:
        suggest_links(session, third.agreement_id)  # read afresh: the same suggestions, nothing changes
    assert _links(db) == kept
    # The rejected commitment is no longer a commitment to link to: its sentence is, as such.
    assert any("earlier sentence not extracted as a commitment" in link[6] for link in kept), kept


def test_a_pool_is_forgotten_after_a_transaction_that_did_not_commit(db: Database) -> None:
    pools = PoolCache()
    with db.transaction() as session:
        pools.begin(session)
        head = audit.head(session)
    pools.committed(head)
    try:
        with db.transaction() as session:
            pools.begin(session)
            pools._loaded[1] = None  # type: ignore[assignment]  # something read in a transaction that fails
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    with db.transaction() as session:
        pools.begin(session)
        assert pools._loaded == {}


def test_the_storing_process_embeds_nothing_that_preparing_embedded(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `--jobs N` the workers prepare and the writer stores: every sentence vector linking
    reads for a stored text (its link units, its uncovered sentences as earlier spans) comes with
    the prepared text, so the writer embeds nothing while it stores and ranks."""
    prepared = [prepare_for_store(path) for path in _files(tmp_path)]
    embedded: list[str] = []
    real = embedding.embed

    def counting(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return real(texts)

    monkeypatch.setattr(embedding, "embed", counting)
    span_words._KEPT.start_afresh()  # nothing left over from other tests in this process
    for document in prepared:
        store_batch(db, [document], by=None, pools=PoolCache())
    assert _links(db), "the series links: the writer had vectors to compare"
    assert embedded == []


def test_the_link_units_preparing_works_out_are_those_the_stored_rows_give(db: Database) -> None:
    """The writer ranks a text it has just stored by the units preparing worked out for their
    vectors; those must be the units `later_units` works out from the rows (which `accord links
    --refresh` and every later re-ranking read)."""
    real = sorted((Path(__file__).parent / "corpus" / "real").glob("*.txt"))
    prepared = [prepare_for_store(path) for path in real]
    results = store_batch(db, prepared, by=None)
    checked = 0
    with db.reading() as session:
        for document, result in zip(prepared, results, strict=True):
            row = session.scalars(
                select(DocumentRow).where(DocumentRow.agreement_id == result.agreement_id)
            ).one()
            assert document.link_units == later_units(session, row), document.source.path
            for unit in document.link_units or []:  # what preparing worked out beside them
                assert unit.references == tuple(find_references(unit.text))
                assert unit.lexical in (None, lexical_of(unit.compared, unit.proper))
                assert unit.lexical is not None or unit.compared != unit.text
            checked += sum(not unit.is_commitment for unit in document.link_units or [])
            # and their vectors, taken from those preparing made, are the rows `embed_units` gives
            vectors = document.link_unit_vectors()
            assert vectors is not None and document.link_units is not None
            assert np.array_equal(vectors, embedding.embed([u.compared for u in document.link_units]))
    assert checked, "some sentences outside every commitment were compared too"
    assert any(unit.context for document in prepared for unit in document.link_units or [])


def test_texts_kept_as_stored_are_what_reading_them_back_gives(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer keeps the texts it has just stored in its pools as they would be read back (their
    commitments with their bodies' names and acronyms, their vectors as stored, their sentences
    outside every commitment) rather than reading them back."""
    real = sorted((Path(__file__).parent / "corpus" / "real").glob("*.txt"))
    store_batch(db, [prepare_for_store(path) for path in real[::2]], by=None)
    with db.transaction() as session:  # bodies registered before: their acronyms are the stored ones
        session.execute(update(BodyRow).values(acronym="B" + cast(BodyRow.id, String)))
    kept = PoolCache()
    results = store_batch(db, [prepare_for_store(path) for path in real[1::2]], by=None, pools=kept)
    series = {result.agreement_id: True for result in results}
    with db.transaction() as session:
        kept.begin(session)  # nobody wrote since: what it kept stays
        with monkeypatch.context() as patched:
            patched.setattr(suggestions, "_load_agreements", _not_read)
            ours = kept.pool(session, series)
        read = PoolCache().pool(session, series)
    assert [_fields(item) for item in ours.items] == [_fields(item) for item in read.items]
    assert np.array_equal(ours.vectors, read.vectors)
    # The terms and names preparing worked out for each span are those its words are made of.
    assert all(item.lexical == lexical_of(item.quote, item.proper) for item in ours.items)
    assert any(item.commitment_id is None for item in read.items)  # sentences outside commitments
    assert any(part.startswith("B") for item in read.items for part in item.bodies)  # acronyms


def _not_read(*_: object) -> None:
    raise AssertionError("the texts just stored were read back")


def _fields(item: Earlier) -> tuple[object, ...]:
    """What an item is, less the number its process gave it."""
    return tuple(
        getattr(item, name) for name in Earlier.__slots__ if name not in ("serial", "words", "lexical")
    )
