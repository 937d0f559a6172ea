"""modality.v1 searches a clause for a relative or conditional word only where the clause holds one
of the literals every match holds as written (`_may_be_subordinate`): on both engines the gated
search answers as the search alone on hand-written and random texts; `needs` refuses a literal set
that leaves a word out, and a gate without one is caught."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from accord.extract import literals
from tests.extract.random_texts import engines, random_texts

_PIECES = [
    "which", "who", "whom", "whose", "where", "when", "whereby", "if", "unless", "until", "once",
    "Which", "IF", "Once", "what", "whit", "specific", "iff", "ones", "onc", "unles", "untill",
    "the", "Participants", "will", "support", "x", "_", "2", "é", " ", "  ", ",", ";", "\n", "-",
]  # fmt: skip


def _texts() -> list[str]:
    return ["..., under which X will", "if_ once2 _until", "", *random_texts(_PIECES, (3000, 8), (3000, 6))]


def _differences(modality: ModuleType) -> list[tuple[str, int, int]]:
    wrong = []
    for text in _texts():
        n = len(text)
        for lo in range(n + 1):
            for hi in {n, max(lo, n - 1), min(n, lo + 9)}:
                expected = modality._SUBORDINATE.search(text, lo, hi) is not None
                gated = modality._may_be_subordinate(text, lo, hi) and (
                    modality._SUBORDINATE.search(text, lo, hi) is not None
                )
                if gated != expected:
                    wrong.append((text, lo, hi))
    return wrong


@pytest.mark.parametrize("package", engines())
def test_the_gated_search_answers_as_the_search(package: str) -> None:
    modality = importlib.import_module(f"{package}.extract.modality")
    assert _differences(modality) == []


def test_a_gate_without_once_is_caught_and_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.extract import modality

    with pytest.raises(ValueError):
        literals.needs(modality._SUBORDINATE, "wh", "if", "unless", "until")
    monkeypatch.setattr(modality, "_SUBORDINATE_NEEDS", ("wh", "if", "unless", "until"))
    assert _differences(modality) != []


@pytest.mark.parametrize("package", engines())
def test_a_noun_reading_is_gated_by_its_first_letter_alone(package: str) -> None:
    # _read_as_noun looks at the readings only after a first letter of one: as startswith alone.
    modality = importlib.import_module(f"{package}.extract.modality")
    pieces = ["the", "The", "our", "COP28", "pledge", "plan", "aim", "bid", "goal", "commitment", "intent",
              "plans", "Plan", "will", "to", " ", "  ", "\n", "x", "p", "a", "é"]  # fmt: skip
    for text in random_texts(pieces, (1500, 8), (1500, 6)):
        for at in range(len(text) + 2):
            expected = text.startswith(modality._NOUN_READINGS, at) and (
                modality._DETERMINER_BEFORE.search(text, max(0, at - 30), at) is not None
            )
            assert modality._read_as_noun(text, 0, at) == expected, (text, at)
