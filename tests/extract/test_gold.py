"""The extractor measured against hand-made gold: the seeds and our own documents in other styles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.extract.evaluation import evaluate, evaluate_gold
from tests.cli import run_accord
from tests.conftest import ROOT, SEEDS

OWN = ROOT / "tests" / "corpus" / "own"
HOLDOUT = ROOT / "tests" / "corpus" / "holdout"
SCORE_PY = ROOT.parent / "shared" / "corpus" / "score.py"
SEED_GOLD = sorted(SEEDS.glob("*.gold.json"))
OWN_GOLD = sorted(OWN.glob("*.gold.json"))
HOLDOUT_GOLD = sorted(HOLDOUT.glob("*.gold.json"))
HOLDOUT2_GOLD = sorted((ROOT / "tests" / "corpus" / "holdout2").glob("*.gold.json"))


def test_seed_thresholds() -> None:
    _, overall = evaluate(SEED_GOLD)
    assert overall["f1"] >= 0.95
    assert overall["actor_acc"] >= 0.97
    assert overall["strength_acc"] >= 0.90
    assert overall["area_f1"] >= 0.85
    assert overall["amounts"] == "2/2"


def test_fact_sheet_amounts_are_exact() -> None:
    from accord.extract.files import extract_file

    result, _ = extract_file(SEEDS / "us-kr-fact-sheet-2021.txt")
    amounts = sorted(
        (a["value"], a["currency"], a["actor"], a["period"])
        for c in result["commitments"]
        for a in c["amounts"]
    )
    assert amounts == [
        (200_000_000, "USD", "KR", "P5Y"),
        (1_000_000_000, "USD", "KR", None),
        (2_500_000_000, "USD", "US", None),
    ]


def test_mou_terms_are_exact() -> None:
    score = evaluate_gold(SEEDS / "us-kr-tpd-mou-2025.gold.json")
    assert (
        score.terms_pred
        == score.terms_gold
        == {
            "legally_binding": False,
            "entry_into_force": "upon the date of the final signature",
            "amendment": "mutual written consent",
            "termination_notice_days": 180,
            "implementation": "Joint Committee Meeting framework",
        }
    )


@pytest.mark.parametrize("gold", OWN_GOLD, ids=[p.name.removesuffix(".gold.json") for p in OWN_GOLD])
def test_own_documents_in_other_styles(gold: Path) -> None:
    score = evaluate_gold(gold)
    summary = score.counts.summary()
    assert summary["f1"] >= 0.9, (score.counts.missed, score.counts.spurious)
    assert summary["actor_acc"] >= 0.9
    assert summary["strength_acc"] >= 0.85


@pytest.mark.parametrize("golds", [HOLDOUT_GOLD, HOLDOUT2_GOLD], ids=["holdout", "holdout2"])
def test_held_out_documents(golds: list[Path]) -> None:
    """Written and annotated without seeing the extractor (see each folder's README.md)."""
    assert len(golds) >= 4
    _, overall = evaluate(golds)
    assert overall["f1"] >= 0.9
    assert overall["actor_acc"] >= 0.9
    assert overall["strength_acc"] >= 0.9


def test_own_documents_terms() -> None:
    for gold in OWN_GOLD:
        score = evaluate_gold(gold)
        assert score.terms_pred["legally_binding"] == score.terms_gold["legally_binding"], gold.name
        assert score.terms_pred["termination_notice_days"] == score.terms_gold["termination_notice_days"], (
            gold.name
        )


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared/corpus/score.py is not beside the checkout")
def test_eval_gives_the_reference_scorer_figures(tmp_path: Path) -> None:
    from accord.cli.metadata import flags_meta
    from accord.extract.files import document_meta, extract_file

    pairs = []
    for gold in [*SEED_GOLD, *OWN_GOLD]:
        # What `accord extract --json` prints (its command is run in tests/test_commitments.py),
        # made in this process: a process per document cost this test most of its time.
        path = gold.parent / json.loads(gold.read_text())["document"]
        result, _ = extract_file(
            path, document_meta(path, None, flags_meta(title=None, date=None, kind=None, parties=None))
        )
        predicted = tmp_path / f"{gold.stem}.pred.json"
        predicted.write_text(json.dumps(result))
        pairs += [str(gold), str(predicted)]
    reference = subprocess.run(
        [sys.executable, str(SCORE_PY), "--json", *pairs], capture_output=True, text=True, check=True
    )
    ours = run_accord(
        "eval", "--json", *[str(g) for g in [*SEED_GOLD, *OWN_GOLD]], database_url="sqlite:///unused.db"
    )
    assert ours.returncode == 0, ours.stderr
    assert json.loads(ours.stdout)["overall"] == json.loads(reference.stdout)["overall"]


def test_eval_takes_a_folder_for_its_gold_files_and_refuses_what_is_not_gold(tmp_path: Path) -> None:
    by_folder = run_accord("eval", "--json", str(SEEDS), database_url="sqlite:///unused.db")
    by_file = run_accord("eval", "--json", *map(str, SEED_GOLD), database_url="sqlite:///unused.db")
    assert by_folder.returncode == 0, by_folder.stderr
    assert json.loads(by_folder.stdout) == json.loads(by_file.stdout)
    empty = run_accord("eval", str(tmp_path), database_url="sqlite:///unused.db")
    assert empty.returncode == 1 and "holds no gold files" in empty.stderr
    not_gold = run_accord("eval", str(SEEDS / "README.md"), database_url="sqlite:///unused.db")
    assert not_gold.returncode == 1 and "is not a gold file" in not_gold.stderr, not_gold.stderr
    missing = run_accord("eval", str(tmp_path / "nothing.gold.json"), database_url="sqlite:///unused.db")
    assert missing.returncode == 1 and "does not exist" in missing.stderr
