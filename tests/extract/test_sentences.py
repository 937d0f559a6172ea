"""sentence_spans tries its pattern only at the final marks (`candidates`): on both engines, it
finds the matches the search of the same span finds, in its order."""

from __future__ import annotations

import importlib
import re
import sys

import pytest

from tests.extract.random_texts import engines, random_texts

_TEXTS = [
    'It ended. Then it began! Did it? Yes… 끝났다。 다음 U.S. Army e.g. Fig. 2. (Quoted.) "So." Next',
    'a.b. c... D?! "E." ’F’ (G.) [H.]  I.\n\tJ. k. 1.5 2. 3',
    "...",
    ". A",
    "A .",
    "",
    " ",
    "。。 A",
    "…\n a",
    "?!\u00a0B",
]
_PIECES = [
    ".",
    "!",
    "?",
    "…",
    "。",
    '"',
    "'",
    "”",
    "’",
    ")",
    "]",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "\u3000",
    "a",
    "z",
    "A",
    "Z",
    "0",
    "é",
    "É",
    "한",
    "(",
    ",",
    ";",
    "e.g.",
    "U.S.",
    "No.",
    "word",
]


def _texts() -> list[str]:
    return _TEXTS + random_texts(_PIECES, (6000, 60), (3000, 30))


@pytest.mark.parametrize("package", engines())
def test_candidates_are_those_the_search_finds(package: str) -> None:
    sentences = importlib.import_module(f"{package}.text.sentences")
    pattern = sentences._CANDIDATE
    for text in _texts():
        n = len(text)
        marks = sentences.final_marks(text)
        for start, end in ((0, n), (min(2, n), max(0, n - 1)), (n // 3, n // 3 * 2 + 1)):
            searched = [(m.start(), m.end(1), m.end()) for m in pattern.finditer(text, start, end)]
            assert sentences.candidates(text, start, end) == searched, (text, start, end)
            assert sentences.candidates(text, start, end, marks) == searched, (text, start, end)


def test_whitespace_is_isspace() -> None:
    """`\\s` (str patterns) and `str.isspace` agree on every code point: `_match_at` reads one as the other."""
    space = re.compile(r"\s")
    assert all((space.fullmatch(chr(c)) is not None) == chr(c).isspace() for c in range(sys.maxunicode + 1))


_TOKENS = ["a", "z", "A", "`", "{", ".", "-", "é", "k", "\u212a", "ı", "1", " ", "e.g."]


@pytest.mark.parametrize("package", engines())
def test_initials_are_those_the_pattern_matches(package: str) -> None:
    sentences = importlib.import_module(f"{package}.text.sentences")
    pattern = sentences._INITIALS
    for token in ["", *random_texts(_TOKENS, (6000, 8), (0, 1))]:
        for variant in (token, token.lower()):
            assert sentences.is_initials(variant) == (pattern.fullmatch(variant) is not None), variant
