"""modality's `_has_hangul` answers what the search of HANGUL in the same window answers, on both
engines, windows reaching past either end of the text included."""

from __future__ import annotations

import importlib

import pytest

from tests.extract.random_texts import engines, random_texts

# The class's ends and the characters either side of them, among others.
_PIECES = [
    "\uabff",
    "\uac00",
    "\uac01",
    "한",
    "\ud7a2",
    "\ud7a3",
    "\ud7a4",
    "ㄱ",
    "a",
    " ",
    ".",
    "\n",
    "é",
    "😀",
]


def _texts() -> list[str]:
    return ["", "한", "\uabff\ud7a4", *random_texts(_PIECES, (3000, 20), (1000, 10))]


@pytest.mark.parametrize("package", engines())
def test_has_hangul_is_the_search(package: str) -> None:
    modality = importlib.import_module(f"{package}.extract.modality")
    units = importlib.import_module(f"{package}.extract.units")
    for text in _texts():
        n = len(text)
        for lo, hi in ((0, n), (-3, n + 3), (n - 12, n), (1, n - 1), (n // 2, n // 2 + 5), (5, 2)):
            searched = units.HANGUL.search(text, lo, hi) is not None
            assert modality._has_hangul(text, lo, hi) == searched, (text, lo, hi)


def test_the_texts_meet_both_ends_of_the_class() -> None:
    """A loop whose bounds were off by one at either end would answer otherwise on some text."""
    texts = _texts()
    for edge, beside in (("\uac00", "\uabff"), ("\ud7a3", "\ud7a4")):
        assert any(edge in text and beside not in text for text in texts)
        assert any(beside in text and edge not in text for text in texts)
