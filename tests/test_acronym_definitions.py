"""Acronym definitions found run by run are those the pattern finds over the whole text."""

from __future__ import annotations

import random
from pathlib import Path

from accord.extract.lexical import _DEFINED, acronyms, definitions

ROOT = Path(__file__).resolve().parent.parent


def _whole(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _DEFINED.finditer(text)]


def _runs(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in definitions(text)]


def test_every_corpus_text_gives_the_same_definitions() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    assert sum(len(_whole(t)) for t in texts) > 50
    assert [_runs(t) for t in texts] == [_whole(t) for t in texts]


def test_random_texts_of_brackets_words_and_punctuation_give_the_same_definitions() -> None:
    rng = random.Random(3)
    pieces = [
        "word",
        "Ab",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
        "(",
        ")",
        "(AB)",
        "(US/KR)",
        "(R&D)",
        "-",
        ",",
        ".",
        "é",
        "’",
        "_1",
    ]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    assert sum(len(_whole(t)) for t in texts) > 100
    assert [_runs(t) for t in texts] == [_whole(t) for t in texts]


def test_a_definition_after_punctuation_and_one_of_several_words() -> None:
    text = "Research, the Korea Institute of Science and Technology (KIST) and small modular reactors (SMRs)."
    assert acronyms(text) == {
        "KIST": "Korea Institute of Science and Technology",
        "SMRs": "small modular reactors",
    }
