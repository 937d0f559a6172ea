"""The extractor on nine real published documents (2021–2025), with gold made by hand under
ANNOTATION.md (copied unchanged from shared/corpus/real). The thresholds are issue 11's acceptance
figures; the rules were tuned on five of these documents, then measured on the other four."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.extract.evaluation import evaluate, evaluate_gold
from tests.conftest import ROOT

REAL = ROOT / "tests" / "corpus" / "real"
REAL_GOLD = sorted(REAL.glob("*.gold.json"))


def test_the_real_corpus_is_all_here() -> None:
    assert len(REAL_GOLD) == 9


def test_real_detection_actors_and_strength() -> None:
    _, overall = evaluate(REAL_GOLD)
    assert overall["f1"] >= 0.95
    assert overall["actor_acc"] >= 0.95
    assert overall["strength_acc"] >= 0.90


@pytest.mark.parametrize("gold", REAL_GOLD, ids=[p.name.removesuffix(".gold.json") for p in REAL_GOLD])
def test_every_real_document(gold: Path) -> None:
    score = evaluate_gold(gold).counts
    if score.gold == 0:
        assert score.pred == 0, f"a statement with no commitment yields {score.spurious}"
    else:
        assert score.summary()["f1"] >= 0.90


def test_every_real_amount_is_exact_joint_ones_with_no_actor() -> None:
    _, overall = evaluate(REAL_GOLD)
    assert overall["amounts"] == "10/10"
