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


# A line's head: the pieces that meet the edges of the patterns each line is tried against.
_HEAD_PIECES = [
    *_PIECES,
    "\r",
    "\u00a0",
    "\ufeff",
    "\f",
    "\u2003",
    "Article",
    "ARTICLE",
    "Part",
    "Annex",
    "Section",
    "Chapter",
    "Articles",
    "제",
    "3조",
    "12",
    "IV",
    "iv",
    "xii",
    "Mix",
    "civil",
    "CD",
    "b",
    "B",
    ")",
    "(",
    "٣",
    "’",
    "”",
    "'",
    "]",
    "a.",
    "iv)",
    "IV.",
    "(iv)",
    "(b)",
    "1.",
    "2)",
    "1.2",
    "Article 7",
    "PART II",
    "제 3 조",
    "xxxviii.",
    "XXXVIII)",
    "xxxviiii.",
    "Mdccclx.",
]


def _heads() -> list[str]:
    return random_texts(_HEAD_PIECES, (3000, 12), (3000, 8))


def _content_start(text: str, start: int, end: int) -> int:
    """Where `_classify` finds a line's content: after its indentation."""
    while start < end and text[start] in " \t\r\f\v\ufeff\u00a0":
        start += 1
    return start


@pytest.mark.parametrize("package", engines())
def test_line_heads_are_read_as_the_patterns_read_them(package: str) -> None:
    """`bullet_end` is the end of `_BULLET`'s match, `may_be_enumerated` refuses no line `_ENUM`
    matches, and no line that begins otherwise than `_ARTICLE_WORDS` is matched by `_ARTICLE`."""
    lines = importlib.import_module(f"{package}.text.lines")
    counts = [0, 0, 0]
    for text in _heads():
        for end in {len(text), text.find("\n") % (len(text) + 1)}:
            for start in range(end):
                at = _content_start(text, start, end)
                if at == end:
                    continue
                if text[at] in lines._BULLETS:
                    match = lines._BULLET.match(text, start, end)
                    assert lines.bullet_end(text, start, at, end) == (-1 if match is None else match.end())
                    counts[0] += match is not None
                if lines._ENUM.match(text, start, end) is not None:
                    assert lines.may_be_enumerated(text, at, end), (text, start, end)
                    counts[1] += 1
                if lines._ARTICLE.match(text, start, end) is not None:
                    assert text[at] in lines._ARTICLE_INITIALS, (text, start, end)
                    assert text.startswith(lines._ARTICLE_WORDS, at), (text, start, end)
                    counts[2] += 1
    assert min(counts) > 1000, counts  # each pattern matched often enough for the test to mean something


_CLOSING_PIECES = [
    ".",
    "!",
    "?",
    ":",
    ";",
    "…",
    "。",
    '"',
    "'",
    "”",
    "’",
    ")",
    "]",
    "\n",
    " ",
    "a",
    "A",
    ",",
    "(",
    "“",
]


@pytest.mark.parametrize("package", engines())
def test_is_closed_is_the_search(package: str) -> None:
    lines = importlib.import_module(f"{package}.text.lines")
    for text in random_texts(_CLOSING_PIECES, (6000, 10), (0, 1)):
        n = len(text)
        for start in range(n + 1):
            for end in (n, n - 1, start + 2):
                if start <= end <= n:
                    searched = lines._CLOSED.search(text, max(start, end - 4), end) is not None
                    assert lines.is_closed(text, start, end) == searched, (text, start, end)


@pytest.mark.parametrize("package", engines())
def test_a_line_runs_on_after_its_last_word(package: str) -> None:
    """`_runs_on` reads the last word back from the end: it is the last of `split()`."""
    lines = importlib.import_module(f"{package}.text.lines")
    segment = importlib.import_module(f"{package}.text.segment")
    pieces = ["the", "The", "and", "of", "end", " ", "\t", "\u00a0", "\u2003", ",", "-", "THE"]
    for text in ["", " ", *random_texts(pieces, (3000, 8), (1000, 5))]:
        for start, end in ((0, len(text)), (1, len(text)), (0, len(text) - 1)):
            if 0 <= start <= end:
                line = lines.Line(start, end, start, end, 0, lines.LineKind.TEXT)
                words = text[start:end].split()
                expected = bool(words) and words[-1].lower() in segment._RUNS_ON
                assert segment._runs_on(text, line) == expected, (text, start, end)
