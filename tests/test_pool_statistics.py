"""A pool's word and name statistics, summed over its batches, are those counted item by item in the
pool's order; above the sample size they come from every k-th item, as before."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter

import pytest

from accord.extract import embedding
from accord.services import linking
from accord.services.batch_words import words_of
from accord.services.linking import Earlier, Pool
from accord.services.pool_items import ItemBatch, PoolItems

DAY = dt.date(2023, 5, 1)
SENTENCES = [
    "The partners will launch the Quantum Bridge Fellowship for thirty researchers a year.",
    "KISTEP and the NSF will co-fund joint research on semiconductor supply chains.",
    "Both sides will hold the Joint Committee on Science and Technology every two years.",
    "The two space agencies will cooperate on the Artemis programme and lunar science.",
    "NASA and KASA will share data from the Korea Pathfinder Lunar Orbiter.",
    "The Quantum Bridge Fellowship will add twenty places for early-career researchers.",
    "The NSF will open a joint call on 6G standards with the Ministry of Science and ICT.",
    "Both sides will map biotechnology supply chains with the Department of Commerce.",
]


def _pool(seed: int) -> tuple[Pool, list[Earlier]]:
    """Three batches whose items interleave, as a partnership's agreements' commitments do."""
    rng = random.Random(seed)
    batches, flat = [], []
    for b in range(3):
        quotes = [rng.choice(SENTENCES) + f" Item {b}-{n}." for n in range(rng.randint(4, 9))]
        items = [
            Earlier(
                100 * b + n,
                b,
                b,
                n,
                n + len(q),
                q,
                DAY,
                "Joint Statement",
                True,
                ("National Science Foundation",) if n % 3 == 0 else (),
            )
            for n, q in enumerate(quotes)
        ]
        batches.append(ItemBatch(items, embedding.embed(quotes)))
        flat += items
    order = list(range(len(flat)))
    rng.shuffle(order)
    pool = Pool(PoolItems(batches, order))
    return pool, [flat[n] for n in order]


def _expected(items: list[Earlier], step: int) -> tuple[int, Counter[str], Counter[str]]:
    sample = [words_of(item) for item in items[::step]]
    return (
        len(sample),
        Counter(t for w in sample for t in w.stems),
        Counter(k for w in sample for k in w.names),
    )


@pytest.mark.parametrize(("seed", "sample"), [(0, 20_000), (1, 20_000), (2, 5), (3, 4)])
def test_the_statistics_are_those_of_the_items_in_the_pools_order(
    seed: int, sample: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linking, "SAMPLE", sample)
    pool, items = _pool(seed)
    step = max(1, len(items) // sample)
    n, word_df, name_df = _expected(items, step)
    assert pool.items == items
    for term in {t for item in items for t in words_of(item).stems} | {"absent"}:
        assert pool.idf(term) == math.log(1.0 + n / (1 + word_df[term])), term
    for key in {k for item in items for k in words_of(item).names} | {"absent"}:
        held = [i for i, item in enumerate(items) if key in words_of(item).names]
        assert pool.holding(key).tolist() == held, key
        df = name_df[key]
        if df == 0:
            assert pool.name_rarity(key) == (1.0 if held else 0.0)
        else:
            assert pool.name_rarity(key) == max(0.0, 1.0 - math.log(df) / math.log(max(n, 2) + 1))
    if step > 1:  # the sampled path was taken
        assert n < len(items)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_holders_of_many_names_at_once_are_those_of_each_name_alone(seed: int) -> None:
    pool, items = _pool(seed)
    keys = [*sorted({k for item in items for k in words_of(item).names}), "absent"]
    alone = {key: _pool(seed)[0].holding(key).tolist() for key in keys[::3]}  # fresh pools: none held yet
    pool.hold(keys)
    for key in keys:
        held = [i for i, item in enumerate(items) if key in words_of(item).names]
        assert pool.holding(key).tolist() == held, key
    assert all(pool.holding(key).tolist() == found for key, found in alone.items())


@pytest.mark.parametrize(("seed", "sample"), [(0, 20_000), (2, 5)])
def test_terms_weighed_at_once_weigh_as_one_by_one(
    seed: int, sample: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linking, "SAMPLE", sample)
    pool, items = _pool(seed)
    terms = [t for item in items for t in words_of(item).stems] + ["absent", "also absent"]
    one_by_one = _pool(seed)[0]  # a fresh pool: nothing weighed yet
    pool.weigh(terms)
    assert set(pool.idfs) == set(terms)
    for term in terms:  # exactly: the same counts and the same math.log
        assert pool.idf(term) == one_by_one.idf(term), term
        assert pool.squared_idf(term) == one_by_one.squared_idf(term), term
