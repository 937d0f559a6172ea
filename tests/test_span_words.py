"""What link ranking keeps of spans between ingests: kept by content, the same as worked out afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import numpy as np
import pytest

from accord.extract import embedding
from accord.extract.references import find_references
from accord.services import span_words
from accord.services.linking import Earlier, Pool, Unit, embed_units, rank

DAY = dt.date(2023, 5, 1)
QUOTES = [
    "The partners will launch the Quantum Bridge Fellowship for thirty researchers a year.",
    "KISTEP and the NSF will co-fund joint research on semiconductor supply chains.",
    "Both sides will hold the Joint Committee on Science and Technology every two years.",
    "The two space agencies will cooperate on the Artemis programme and lunar science.",
]


def _earlier(n: int, quote: str) -> Earlier:
    return Earlier(n, 1, 1, 0, len(quote), quote, DAY, "Joint Statement", True)


def test_two_spans_with_the_same_ids_and_other_texts_have_their_own_words() -> None:
    # Two databases in one process (a server's tests, say) give the same ids to other texts.
    first = Pool.of([_earlier(1, QUOTES[0])], embedding.embed(QUOTES[:1]))
    second = Pool.of([_earlier(1, QUOTES[1])], embedding.embed(QUOTES[1:2]))
    assert "quantum" in first.words[0].stems and "quantum" not in second.words[0].stems
    assert "kistep" in second.words[0].names


def test_sentence_vectors_are_embeddings_bit_for_bit_also_when_the_kept_ones_overflow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(span_words, "_VECTORS", 3)
    texts = [QUOTES[0], QUOTES[1], QUOTES[0], QUOTES[2], QUOTES[3], "", QUOTES[1]]
    assert span_words.sentence_vectors(texts[:2]).tobytes() == embedding.embed(texts[:2]).tobytes()
    # Past the limit the kept vectors start afresh, in the middle of a call that needs old ones.
    assert span_words.sentence_vectors(texts).tobytes() == embedding.embed(texts).tobytes()
    assert span_words.sentence_vectors([]).shape == (0, embedding.DIMENSIONS)


def test_a_pool_whose_words_outlived_their_numbering_ranks_as_a_fresh_one() -> None:
    items = [_earlier(n, quote) for n, quote in enumerate(QUOTES)]
    vectors = embedding.embed(QUOTES)
    units = [Unit(0, 60, "The Quantum Bridge Fellowship welcomed its first researchers.", False)]
    before = rank(units, embed_units(units), Pool.of(items, vectors), later_date=DAY)
    span_words._KEPT.start_afresh()  # as when the kept words reach their limit
    assert items[0].words is not None and not span_words.is_current(items[0].words)
    after = rank(units, embed_units(units), Pool.of(items, vectors), later_date=DAY)
    assert [(p.earlier.quote, p.score, p.reasons) for p in after] == [
        (p.earlier.quote, p.score, p.reasons) for p in before
    ]
    assert before and before[0].earlier.quote == QUOTES[0]
    assert np.array_equal(Pool.of(items, vectors).words[0].ids, items[0].words.ids)


def test_an_item_sent_to_another_process_arrives_whole_without_its_words() -> None:
    item = dataclasses.replace(_earlier(3, QUOTES[0]), bodies=("National Science Foundation",), serial=9)
    Pool.of([item], embedding.embed(QUOTES[:1]))  # works its words out
    assert item.words is not None
    sent = pickle.loads(pickle.dumps(item))
    assert sent.words is None  # their terms' numbers mean nothing there
    assert dataclasses.replace(sent, words=item.words) == item


def test_a_unit_sent_back_from_a_worker_arrives_with_every_field() -> None:
    text = "This programme will build on the Quantum Bridge Fellowship launched in 2023."
    unit = Unit(
        40, 40 + len(text), text, True, context="The partners met.", proper=frozenset({"Quantum Bridge"}),
        lexical=span_words.lexical_of(text, frozenset({"Quantum Bridge"})),
        references=tuple(find_references(text)),
    )  # fmt: skip
    assert unit.lexical is not None and unit.references
    sent = pickle.loads(pickle.dumps(unit))
    # lexical and references are left out of ==: compared one by one
    assert [getattr(sent, f.name) for f in dataclasses.fields(Unit)] == [
        getattr(unit, f.name) for f in dataclasses.fields(Unit)
    ]


def test_a_pool_larger_than_the_kept_words_limit_is_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [_earlier(n, quote) for n, quote in enumerate(QUOTES)]
    vectors = embedding.embed(QUOTES)
    units = [Unit(0, 60, "The Quantum Bridge Fellowship welcomed its first researchers.", False)]
    expected = [
        (p.earlier.quote, p.score)
        for p in rank(units, embed_units(units), Pool.of(items, vectors), later_date=DAY)
    ]
    monkeypatch.setattr(span_words, "_LIMIT", 2)  # fewer than the pool's items
    fresh = [_earlier(n, quote) for n, quote in enumerate(QUOTES)]
    pool = Pool.of(fresh, vectors)  # would start afresh for ever if the limit were checked mid-pool
    assert all(span_words.is_current(words) for words in pool.words)
    assert [
        (p.earlier.quote, p.score) for p in rank(units, embed_units(units), pool, later_date=DAY)
    ] == expected
