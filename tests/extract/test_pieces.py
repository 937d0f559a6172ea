"""bodies.v1 cuts a capitalised phrase into names without the engine where a character test tells
(`_occurrences`, `_lead_end`, `_possessor_end`): on both engines each answers as the search it
stands for, on hand-written and random texts, at every start and at ends short of the text's; and a
deliberately wrong version of each is caught by the same comparison."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

import pytest

from tests.extract.random_texts import engines, random_texts

_LEAD = re.compile(r"The |[A-Z][a-z]+ the ")
_POSSESSOR = re.compile(r"[\w.\-–]+['’]s ")

_TEXTS = [
    "The Department of Energy and the Korea Institute and the Fund",
    "Support the Global Health Security Agenda",
    "NASA’s Commercial Lunar Payload Services, U.S.'s Office, Korea-Japan's  Bank",
    "The  the Theme the Support  the Supportthe ",
    " and  and the and the and the  and and and",
    "Dr.–Kim's s 's ’s x’s \n's",
    "",
]
_PIECES = [
    "The",
    "The ",
    "the",
    " the ",
    "Support",
    "Zz",
    "a",
    "É",
    "é",
    "and",
    " and ",
    " and the ",
    "NASA",
    "U.S.",
    "'s",
    "’s",
    "'",
    "’",
    "s",
    "-",
    "–",
    ".",
    "_",
    "2",
    "한국",
    " ",
    "  ",
    "\n",
    ",",
]


def _texts() -> list[str]:
    return _TEXTS + random_texts(_PIECES, (3000, 14), (3000, 10))


def _windows(text: str) -> list[tuple[int, int]]:
    ends = {len(text), max(0, len(text) - 1), max(0, len(text) - 3)}
    return [(start, end) for start in range(len(text) + 1) for end in ends if start <= end]


def _lead_expected(text: str, start: int, end: int) -> int:
    match = _LEAD.match(text, start, end)
    return match.end() if match else start


def _possessor_expected(text: str, start: int, end: int) -> int:
    match = _POSSESSOR.match(text, start, end)
    return match.end() if match else start


def _lead_mismatches(lead_end: Callable[[str, int, int], int]) -> list[tuple[str, int, int]]:
    return [
        (text, start, end)
        for text in _texts()
        for start, end in _windows(text)
        if lead_end(text, start, end) != _lead_expected(text, start, end)
    ]


def _possessor_mismatches(possessor_end: Callable[[str, int, int], int]) -> list[tuple[str, int, int]]:
    return [
        (text, start, end)
        for text in _texts()
        for start, end in _windows(text)
        if possessor_end(text, start, end) != _possessor_expected(text, start, end)
    ]


@pytest.mark.parametrize("package", engines())
def test_occurrences_are_where_finditer_finds_the_literal(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    for literal in (" and the ", " and "):
        pattern = re.compile(re.escape(literal))
        for text in _texts():
            for start, end in _windows(text)[::3]:
                expected = [m.start() for m in pattern.finditer(text, start, end)]
                assert bodies._occurrences(text, literal, start, end) == expected, (text, start, end)


@pytest.mark.parametrize("package", engines())
def test_the_lead_ends_where_the_pattern_ends(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    assert bodies._LEAD.pattern == _LEAD.pattern
    assert _lead_mismatches(bodies._lead_end) == []


@pytest.mark.parametrize("package", engines())
def test_the_possessor_ends_where_the_pattern_ends(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    assert bodies._POSSESSOR.pattern == _POSSESSOR.pattern
    assert _possessor_mismatches(bodies._possessor_end) == []


def test_wrong_readings_are_caught() -> None:
    # A lead read with a lazy run ("Supportthe the" style texts), and one that ignores the window's end.
    def lazy_lead(text: str, start: int, end: int) -> int:
        match = re.compile(r"The |[A-Z][a-z]+? the ").match(text, start, end)
        return match.end() if match else start

    def unbounded_lead(text: str, start: int, end: int) -> int:
        match = _LEAD.match(text, start)
        return match.end() if match and match.end() <= len(text) else start

    # A possessor looked for only before the last space rather than the first.
    def last_space_possessor(text: str, start: int, end: int) -> int:
        space = text.rfind(" ", start, end)
        if space < start + 3 or text[space - 1] != "s" or text[space - 2] not in "'’":
            return start
        match = _POSSESSOR.match(text, start, end)
        return match.end() if match else start

    assert _lead_mismatches(unbounded_lead)
    assert _possessor_mismatches(last_space_possessor)
    # The lazy run differs from the greedy one only where it can make no difference: not caught,
    # which is the argument of _lead_end (only the longest run can be followed by " the ").
    assert _lead_mismatches(lazy_lead) == []


def test_overlapping_occurrences_are_caught() -> None:
    # Searching again one character on, not from a match's end: " and and " holds two that overlap.
    def overlapping(text: str, literal: str, start: int, end: int) -> list[int]:
        found = []
        at = text.find(literal, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(literal, at + 1, end)
        return found

    pattern = re.compile(re.escape(" and "))
    assert any(
        overlapping(text, " and ", 0, len(text)) != [m.start() for m in pattern.finditer(text)]
        for text in _texts()
    )


# Names and near-names for the shape: suffixes and heads, their cut-off and glued forms, "of"/"for".
_SHAPE_PIECES = [
    "Fund", "Bank", "Banking", "Ministry", "Ministries", "Office", "Task Force", "Experts Group",
    "Expert Group", "Missions", "Centers", "Centres", "Organisation", "Organization", "Organizsation",
    "National", "Science", "Korea", "KOREA", "of", "for", "Of", "the", "and", "fooBank", "_Fund",
    "2Bank", "éBank", "-", "–", "'", ".", ",", "(", ")", " ", "  ", "\n", "x", "한국", "İnstitute",
    "Institute", "Agency", "Board", "Bureau",
]  # fmt: skip


def _shape_texts() -> list[str]:
    return random_texts(_SHAPE_PIECES, (3000, 10), (5000, 8))


@pytest.mark.parametrize("package", engines())
def test_the_shaped_pattern_is_found_where_the_shape_is(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    gazetteer = bodies._gazetteer()
    found = 0
    for text in _shape_texts():
        for lo in range(0, len(text) + 1, 3):
            window = text[lo:]
            expected = gazetteer.shape.search(window) is not None
            found += expected
            assert (gazetteer.shaped.search(window) is not None) == expected, window
    assert found > 1000


def test_a_shaped_pattern_without_the_look_behind_is_caught() -> None:
    from accord.extract import bodies

    gazetteer = bodies._gazetteer()
    wrong = re.compile(gazetteer.shaped.pattern.replace(r"(?<!\w.)", ""))
    assert any(
        (wrong.search(text) is None) != (gazetteer.shape.search(text) is None) for text in _shape_texts()
    )


def test_a_suffix_without_a_capital_of_its_own_is_refused() -> None:
    from accord.extract import bodies

    for words in ("\\w+ Fund", "B?ank", "Fund|Bank", "fund", ""):
        with pytest.raises(ValueError, match="capital of its own"):
            bodies._shaped([words], [])


@pytest.mark.parametrize("package", engines())
def test_written_at_is_startswith(package: str) -> None:
    bodies = importlib.import_module(f"{package}.extract.bodies")
    for text in _texts()[:2000]:
        for at in range(len(text) + 1):
            for end in (len(text), len(text) + 2, at + 3):
                for literal in ("The ", " the ", "of ", "& ", ""):
                    expected = text.startswith(literal, at, end)
                    assert bodies._written_at(text, at, end, literal) == expected, (text, at, end, literal)
            assert bodies._connector_at(text, at) == text.startswith(bodies._CONNECTOR_SPACES, at)
