"""bodies.v1 looks for capitalised phrases only around the marks that every phrase with a body's
shape holds (`_marks`, found by the shared automaton pass), from a place where searching the whole
text would resume (`_phrases`, `_cut_before`): on both engines, it finds every phrase the whole-text
search finds that has a shape word, and only phrases that search finds, in its order."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.extract.random_texts import engines, random_texts

_TEXTS = [
    "The Department of Energy and the Korea Institute of Science and Technology (KIST) will meet.",
    "the scope of the Agreement, the Ministry of Science and ICT, and the U.S.-KOREA Task Force",
    "Support the Global Health Security Agenda; NASA’s Commercial Lunar Payload Services",
    "Bureau of  the  Census of  Korea of the and Bank, Office of & Trade, Fund of de Paris",
    "fooBank Group, xNational Science Foundation, U.S. Department of State’s Office",
    "A B C D E F G H I J K L M N O P Q Agency of the Korea Fund",
    "한국 Ministry of 과학기술정보통신부 and the İnstitute of Énergie, Ünited Bank (KDB) Fund",
    "Office\nof Korea, Council of\nthe Parties, (Fund of Korea), Board of (Trade)",
    "",
    "of Korea",
    # "of" the only shape word, after more spaces and connectors.
    "a Korea of  Japan, a Korea of the  Japan, a Korea of the and Japan, a Korea of de & the Japan",
    "a Korea of & Japan, a Korea of on  Japan, a Korea of for for  of Japan, a Korea of  the U.S.",
]
_PIECES = [
    "Ministry",
    "Bank",
    "Banking",
    "Fund",
    "Task Force",
    "Korea",
    "Energy",
    "U.S.",
    "U.S.-",
    "KOREA",
    "(KDB)",
    "(",
    ")",
    "of",
    "Of",
    "the",
    "and",
    "for",
    "on",
    "&",
    "de",
    "scope",
    "x",
    " ",
    " ",
    "  ",
    "\n",
    ",",
    ".",
    "’s",
    "'",
    "-",
    "–",
    "é",
    "İ",
    "Ü",
    "한국",
    "위원회",
    "2",
    "National",
    "Office",
    "Group",
]


def _places(marks: list[str], text: str, lo: int, hi: int) -> list[int]:
    """Where a mark begins in text[lo:hi], lying whole in it (the search sees nothing past `hi`): by
    the standard library, not the automaton."""
    every = re.compile("(?=(?:" + "|".join(map(re.escape, marks)) + "))")
    return [m.start() for m in every.finditer(text, lo, hi)]


def _texts() -> list[str]:
    # Half of them pieces joined by spaces, as phrases are: most places are then inside one.
    return _TEXTS + random_texts(_PIECES, (4000, 40), (4000, 25))


@pytest.mark.parametrize("package", engines())
def test_phrases_found_around_the_marks_are_those_the_whole_text_search_finds(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    gazetteer = bodies._gazetteer()
    marks = bodies._marks(set(gazetteer.shape_words))

    def shaped(match: re.Match[str]) -> bool:
        phrase = match.group(0)
        return " " in phrase and not gazetteer.shape_words.isdisjoint(phrase.split())

    for text in _texts():
        for lo, hi in ((0, len(text)), (min(3, len(text)), max(0, len(text) - 2))):
            places = _places(marks, text, lo, hi)
            searched = [m.span() for m in bodies._PHRASE.finditer(text, lo, hi)]
            narrowed = [m.span() for m in bodies._phrases(text, lo, hi, places)]
            # In finditer's order, each once: a part of what it finds.
            kept = set(narrowed)
            assert narrowed == [span for span in searched if span in kept], (text, lo, hi)
            assert len(set(narrowed)) == len(narrowed), (text, lo, hi)
            # Every phrase with a shape word among them, and every one that holds a place.
            wanted = [
                m.span()
                for m in bodies._PHRASE.finditer(text, lo, hi)
                if shaped(m) or any(m.start() <= at < m.end() for at in places)
            ]
            assert set(wanted) <= kept, (text, lo, hi, sorted(set(wanted) - kept))


@pytest.mark.parametrize("package", engines())
def test_the_automaton_finds_every_mark(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    gazetteer = bodies._gazetteer()
    marks = bodies._marks(set(gazetteer.shape_words))
    for text in _texts()[:1000]:
        expected = sorted({at for mark in marks for at in range(len(text)) if text.startswith(mark, at)})
        assert gazetteer.marks.places(text) == expected, text
        lo, hi = min(3, len(text)), max(0, len(text) - 2)
        inside = sorted(
            {
                at
                for mark in marks
                for at in range(lo, hi)
                if text.startswith(mark, at) and at + len(mark) <= hi
            }
        )
        assert gazetteer.marks.places(text, lo, hi) == inside, text


def test_every_hangul_name_of_a_body_holds_a_korean_syllable() -> None:
    # bodies.v1 reads the Hangul names' hits in every text, not only in one with a Korean syllable.
    from accord.extract import lexicon
    from accord.extract.units import HANGUL

    names = [name for body in lexicon.load("bodies")["body"] for name in body.get("korean", [])]
    assert names
    assert [name for name in names if HANGUL.search(name) is None] == []
