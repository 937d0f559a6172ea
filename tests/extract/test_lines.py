"""classify_lines finds the list items that begin mid-line from their bullets (`midline_items`),
not by searching every line: on both engines, it finds the matches the whole-text search finds, in
its order, and those that searching each line between newlines finds."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.extract.random_texts import engines, random_texts

_TEXTS = [
    'The plan is agreed. - Advanced research; • Joint work! * Exchanges? – 2 sites… — "Quoted"',
    "End.  \t- A\nNext line.\t-\tB. ▪ C.o D; ◦ E, ○ F. ● G. ■ H. □ I. ► J. ➢ K. ✓ L. ‣ M. ⁃ N.",
    ". - A",
    " - A",
    "- A",
    ".- A",
    ". -A",
    ". - a",
    ". -  \t“Q",
    ". \uf0b7 X. \uf0a7 Y; \uf0d8 1",
    "a.b - C. - - D. -- E.\n- F.\n. -\nG",
    "",
    "정부는 지원한다. - 연구 협력. - A 사업; • 2 건",
]
_PIECES = [
    ".",
    ";",
    "!",
    "?",
    "…",
    "。",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "-",
    "•",
    "*",
    "–",
    "—",
    "·",
    "▪",
    "◦",
    "○",
    "●",
    "■",
    "□",
    "►",
    "➢",
    "✓",
    "‣",
    "⁃",
    "\uf0b7",
    "\uf0a7",
    "\uf0d8",
    "A",
    "Z",
    "0",
    "9",
    '"',
    "“",
    "a",
    "o",
    "x",
    "word",
    "한국",
    "(",
    ":",
]


def _texts() -> list[str]:
    return _TEXTS + random_texts(_PIECES, (6000, 60), (3000, 30))


def _by_lines(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """What the search of each line between newlines, resumed after each match, finds."""
    found: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        newline = text.find("\n", position)
        line_end = len(text) if newline < 0 else newline
        match = pattern.search(text, position, line_end)
        while match is not None:
            found.append((match.start("gap"), match.end()))
            match = pattern.search(text, match.end(), line_end)
        position = line_end + 1
    return found


@pytest.mark.parametrize("package", engines())
def test_midline_items_are_those_the_whole_text_search_finds(package: str) -> None:
    lines = importlib.import_module(f"{package}.text.lines")
    pattern = lines._MIDLINE_ITEM
    for text in _texts():
        searched = [(m.start("gap"), m.end()) for m in pattern.finditer(text)]
        assert lines.midline_items(text) == searched, text
        assert _by_lines(pattern, text) == searched, text
