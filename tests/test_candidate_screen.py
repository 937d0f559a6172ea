"""The candidate screen only spares work: ranking with it keeps what scoring every candidate keeps."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from accord.domain.continuity import THRESHOLD, TOP
from accord.extract import embedding
from accord.extract.lexical import names, terms
from accord.extract.references import find_references
from accord.services.linking import NEIGHBOURS, Earlier, Pool, Unit, _signals, embed_units, rank
from accord.text.sentences import sentence_spans

CORPUS = Path(__file__).parent / "corpus"
LATER = dt.date(2024, 6, 1)
# Sentences written for this test, so that back-references and shared names meet the pool.
INVENTED = [
    "Building on the 2023 Joint Statement, the two sides launched the Quantum Bridge Fellowship.",
    "The Quantum Bridge Fellowship will fund thirty researchers in each country every year.",
    "As announced last year, the partners opened the Seoul office of the Moonshot Network.",
    "The partners reaffirm their commitment to the Moonshot Network and its open data platform.",
    "Pursuant to the memorandum signed in March 2022, the agencies held a joint 6G workshop.",
    "KISTEP and the NSF will publish a joint report on semiconductor supply chains.",
]


def _texts() -> list[str]:
    out = list(INVENTED)
    for path in sorted(CORPUS.glob("real/*.txt")) + sorted(CORPUS.glob("holdout/*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[s:e] for s, e in sentence_spans(text, 0, len(text)) if len(text[s:e].split()) >= 6]
    return out


def _scored_one_by_one(units: list[Unit], vectors: np.ndarray, pool: Pool) -> list[tuple[int, int, float]]:
    """What `rank` keeps when every candidate is scored exactly, without a screen."""
    similarities = vectors @ pool.vectors.T
    out = []
    for row, unit in enumerate(units):
        stems = dict.fromkeys(terms(unit.compared))
        unit_names = names(unit.compared, unit.proper)
        references = find_references(unit.text)
        sims = similarities[row]
        k = min(NEIGHBOURS, len(pool.items))
        candidates = set(np.argpartition(-sims, k - 1)[:k].tolist()) | pool.rare_name_candidates(unit_names)
        weights = {t: pool.squared_idf(t) for t in stems}
        norm = sum(weights.values()) ** 0.5 or 1.0
        scored = []
        for index in candidates:
            signals, _ = _signals(
                unit, weights, unit_names, norm, references, float(sims[index]), pool, index, LATER
            )
            if signals.score() >= THRESHOLD:
                scored.append((signals.score(), index))
        scored.sort(key=lambda found: (-found[0], pool.items[found[1]].start))
        out += [(row, index, score) for score, index in scored[:TOP]]
    return out


@pytest.mark.parametrize("seed", range(6))
def test_the_screen_keeps_every_suggestion_that_scoring_each_candidate_keeps(seed: int) -> None:
    rng = random.Random(seed)
    texts = _texts()
    chosen = rng.sample(texts, 300)
    dates = [dt.date(2021 + n % 3, 1 + n % 12, 1) for n in range(len(chosen))]
    items = [
        Earlier(
            None if rng.random() < 0.3 else n,  # some sentences no commitment covers
            n // 30,
            n // 30,
            n,
            n + len(text),
            text,
            dates[n],
            rng.choice(["Joint Statement", "Memorandum of Understanding", "Summit Fact Sheet"]),
            rng.random() < 0.7,  # some from documents of other parties
            ("National Science Foundation",) if rng.random() < 0.1 else (),
        )
        for n, text in enumerate(chosen)
    ]
    pool = Pool.of(items, embedding.embed(chosen))
    later = rng.sample(texts, 40) + INVENTED
    units = [Unit(n * 1000, n * 1000 + len(t), t, rng.random() < 0.6) for n, t in enumerate(later)]
    vectors = embed_units(units)

    ranked = rank(units, vectors, pool, later_date=LATER)

    by_unit = {id(unit): row for row, unit in enumerate(units)}
    by_item = {id(item): n for n, item in enumerate(items)}
    kept = [(by_unit[id(p.unit)], by_item[id(p.earlier)], p.score) for p in ranked]
    assert kept == _scored_one_by_one(units, vectors, pool)
    assert len(kept) > len(units)  # the pool is close enough for many units to keep several
    assert any(p.explicit for p in ranked)  # the back-references were scored too
