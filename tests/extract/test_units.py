"""The units' narrowed searches, on both engines: `announces_list` says what the search of
`_ANNOUNCES_LIST` says, and `Document.unit_at` finds the unit that `bisect_right` finds."""

from __future__ import annotations

import importlib
from bisect import bisect_right

import pytest

from tests.extract.random_texts import engines, random_texts

_TEXTS = [
    "We will work on the following areas.",
    "as follows.",
    "As Follows .",
    "in THE FOLLOWING three key areas:\n.",
    "the following a b c d.",
    "the following.\n.",
    "the followings.",
    "unfollowed.",
    "the  following\tsub-areas  .",
    ":.",
    ".",
]
_PIECES = [
    "the following",
    "The Following",
    "THE FOLLOWING",
    "as follows",
    "AS FOLLOWS",
    "following",
    "follows",
    "follow",
    "the",
    "as",
    "areas",
    "sub-areas",
    "key",
    "x",
    ".",
    ":",
    " ",
    "\t",
    "\n",
    "\u00a0",
    "-",
    "_",
    "ſ",
    "K",
    "é",
]


def _texts() -> list[str]:
    made = random_texts(_PIECES, (6000, 40), (3000, 20))
    return _TEXTS + [text if text.endswith(".") else text + "." for text in made]


@pytest.mark.parametrize("package", engines())
def test_announces_list_is_the_search(package: str) -> None:
    units = importlib.import_module(f"{package}.extract.units")
    pattern = units._ANNOUNCES_LIST
    checked = 0
    for text in _texts():
        n = len(text)
        for end in {n, text.rfind(".", 0, n - 1) + 1}:
            if end <= 0 or text[end - 1] != ".":
                continue
            for start in {0, max(0, end - 80), end // 2, end - 1}:
                searched = pattern.search(text, start, end) is not None
                assert units.announces_list(text, start, end) == searched, (text, start, end)
                checked += searched
    assert checked > 1000  # the texts announce lists often enough to test the search's side too


_DOCUMENTS = [
    "Title\n\nIt ended. Then it began!\n\n- One item; two.\n- Another: here.\n\n1. First. Second.",
    "A. B. C.\n\nThe Parties shall:\n(a) act;\n(b) report.",
    "",
    "   ",
    "Short.",
]
_DOCUMENT_PIECES = [". ", "! ", "? ", "\n", "\n\n", "- ", "(a) ", "1. ", ": ", "Word", "word", "U.S. ", " "]


@pytest.mark.parametrize("package", engines())
def test_unit_at_is_bisect(package: str) -> None:
    units = importlib.import_module(f"{package}.extract.units")
    segment = importlib.import_module(f"{package}.text.segment")
    for text in _DOCUMENTS + random_texts(_DOCUMENT_PIECES, (300, 60), (100, 30)):
        document = units.Document(text, segment.segment(text))
        starts = [unit.start for unit in document.units]
        for start in range(-1, len(text) + 2):
            for end in (start, start + 1, start + 7):
                i = bisect_right(starts, start) - 1
                expected = i if i >= 0 and end <= document.units[i].end else None
                assert document.unit_at(start, end) == expected, (text, start, end)
