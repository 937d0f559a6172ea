"""modality.v1 asks the engine whether a sentence's subject is the instrument itself only where the
first words of the sentence hold one of the literals every match holds (`_instrument_subject_at`,
`_instrument_reach`): on both engines it answers as the match alone, on hand-written and random
texts with words of every length, runs of spaces and other whitespace; the lexicon's instruments
hold their literal where the reach assumes; and a reach one word short is caught."""

from __future__ import annotations

import importlib
import re
from types import ModuleType

import pytest

from tests.extract.random_texts import engines, random_texts

_HAND = [
    "its Xx Yy of the implementing arrangement will",
    "Its  Xx \u00a0Yy\nunder   THIS Joint Statement is",
    "The objective of this MOU is to",
    "the present memorandum of understanding, which",
    "This Agreement, as amended",
    "Annex of the annex",
    "wordwordword wordword of present protocol",
    "a b c of the instrument",
    " this MOU",
    "",
]
_PIECES = [
    "its", "Its", "the", "The", "this", "THIS", "present", "of", "under", "Under", "memorandum",
    "Memorandum", "of understanding", "mou", "MOU", "agreement", "arrangement", "implementing",
    "implementing arrangement", "instrument", "declaration", "joint", "joint statement", "statement",
    "protocol", "annex", "Annex", "Xx", "Yy", "wordwordwordword", "a", "1", "_", "ſ", "İ", " ", " ",
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", ",", ".", "-",
]  # fmt: skip


def _texts() -> list[str]:
    return _HAND + random_texts(_PIECES, (3000, 12), (4000, 10))


def _differences(modality: ModuleType) -> list[tuple[str, int, int]]:
    lex = modality._lexicon()
    wrong = []
    for text in _texts():
        n = len(text)
        for lo in range(n + 1):
            for hi in {n, max(lo, n - 2), min(n, lo + 20)}:
                expected = lex.instrument_subject.match(text, lo, hi) is not None
                if modality._instrument_subject_at(text, lo, hi, lex) != expected:
                    wrong.append((text, lo, hi))
    return wrong


@pytest.mark.parametrize("package", engines())
def test_the_gated_match_answers_as_the_match(package: str) -> None:
    modality = importlib.import_module(f"{package}.extract.modality")
    assert _differences(modality) == []


def test_the_texts_meet_the_reach() -> None:
    # Many matches, among them (hand-written) ones whose literal lies in their seventh word, one of
    # them with whitespace other than spaces.
    from accord.extract import modality

    lex = modality._lexicon()
    matches = [
        match.group(0)
        for text in _texts()
        for lo in range(len(text) + 1)
        for match in [lex.instrument_subject.match(text, lo)]
        if match is not None
    ]
    assert len(matches) >= 500
    assert len([match for match in matches if len(match.split()) >= 7]) >= 2


def test_a_reach_one_word_short_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.extract import modality

    monkeypatch.setattr(modality, "_INSTRUMENT_WORDS", modality._INSTRUMENT_WORDS - 1)
    assert _differences(modality) != []


def test_each_instrument_holds_its_literal_within_its_first_two_words() -> None:
    # The reach counts "its", two words, "of"/"under", the determiner, and two words of the
    # instrument; an instrument named in three words would need a longer one.
    from accord.extract import lexicon, modality

    instrument = lexicon.load("modality")["not_commitment"]["instrument"]
    shape = re.fullmatch(r"\(\?:([a-z|]+)\) \(\?:(.*)\)", instrument)
    assert shape is not None, instrument
    determiners, names = shape.groups()
    assert all(" " not in determiner for determiner in determiners.split("|"))
    needs = modality._lexicon().instrument_needs
    for name in re.sub(r"\(\?:[^)]*\)\?", "", names).split("|"):
        assert any(literal in " ".join(name.split()[:2]) for literal in needs), name
