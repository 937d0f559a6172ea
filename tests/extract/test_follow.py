"""The checks of what follows a trigger (scanner._follow): a hit is given to its pattern only where
the characters after the trigger could continue a match. They must never turn away a place where
the pattern matches: the hits with them are those without them, on the vocabularies themselves."""

from __future__ import annotations

import importlib
import re
from re import _parser as sre_parse  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

import pytest

from tests.extract.random_texts import engines, random_texts

# Pieces meeting the patterns' edges: their words and their first letters in both cases, spaces of
# several kinds, and characters outside ASCII that the engine folds to ASCII letters (ſ, K, ı, İ).
_PIECES = [
    "in",
    "In",
    "IN",
    "international",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "\x1c",
    "the",
    "The",
    "coming",
    "January",
    "june",
    "2024",
    "1999",
    "mid-",
    "early",
    "this",
    "next",
    "year",
    "years",
    "by",
    "end",
    "of",
    "state",
    "States",
    "stated",
    "d",
    "s",
    "our",
    "intention",
    "to",
    "is",
    "are",
    "be",
    "extended",
    "net",
    "zero",
    "-",
    ",",
    ".",
    "people",
    "science",
    "technology",
    "and",
    "cooperation",
    "will",
    "shall",
    "not",
    "work",
    "together",
    "with",
    "welcome",
    "’s",
    "'s",
    "plans",
    "committed",
    "ſ",
    "\u212a",
    "ı",
    "İ",
    "e",
    "x",
    "at",
    "least",
    "once",
    "a",
    "as",
    "soon",
    "possible",
    "research",
    "exchanges",
    "student",
    "markets",
    "global",
    "$",
    "5",
    "billion",
    "won",
    "위원회",
    "양자",
]
_HAND = [
    "The two sides will work together with partners to do it in the coming years.",
    "In January 2024, in international fora, in the spring of 2025, in mid-June 2026, IN 2030.",
    "The United States stated its intention to act; the States are extended; is extended.",
    "net-zero, net zero, network; people-to-people exchanges, student exchanges, ſtate, \u212aorea.",
    "in\u00a0the coming years, in\tJanuary\n2024, once a year, as soon as possible, at least once a year",
]


def _package(package: str) -> tuple[ModuleType, Any, Any]:
    scanner = importlib.import_module(f"{package}.extract.scanner")
    # The vocabularies' scanners, made as the pipeline makes them: each joins the shared automaton.
    for module, prepare in (
        ("actors", "_matchers"),
        ("areas", "_scanner"),
        ("bodies", "_gazetteer"),
        ("modality", "_lexicon"),
        ("money", "_money"),
        ("timeframes", "_scanner"),
    ):
        getattr(importlib.import_module(f"{package}.extract.{module}"), prepare)()
    members, automaton = scanner._Combined.current()
    return scanner, members, automaton


def _hits(scanner: ModuleType, members: Any, automaton: Any, text: str) -> list[list[tuple[int, int, int]]]:
    found = scanner._trigger_hits(automaton, text, 0, len(text), len(members))
    return [[(start, end, order) for start, end, order, _match, _payload in slot] for slot in found]


def _distinct(automaton: Any) -> list[Any]:
    return list({id(entry): entry for entries in automaton.entries for entry in entries}.values())


def _unchecked(automaton: Any) -> list[tuple[Any, Any, Any]]:
    """Turn every check off, keeping what to put back."""
    distinct = _distinct(automaton)  # an entry is under many keys
    for entry in distinct:
        if not entry.ready:
            entry.prepare()
    saved = [(entry, entry.follow, entry.follows) for entry in distinct]
    for entry in distinct:
        entry.follow = None
        entry.follows = [None for _ in entry.candidates]
    return saved


@pytest.mark.parametrize("package", engines())
def test_the_checks_keep_every_hit_of_the_vocabularies(package: str) -> None:
    scanner, members, automaton = _package(package)
    texts = _HAND + random_texts(_PIECES, (1500, 12), (1500, 12))
    checked = [_hits(scanner, members, automaton, text) for text in texts]
    saved = _unchecked(automaton)
    try:
        unchecked = [_hits(scanner, members, automaton, text) for text in texts]
    finally:
        for entry, follow, follows in saved:
            entry.follow, entry.follows = follow, follows
    for text, with_checks, without in zip(texts, checked, unchecked, strict=True):
        assert with_checks == without, text
    # The checks do turn hits away before their patterns are tried (else this test tests nothing).
    checked_entries = [
        entry for entry in _distinct(automaton) if any(f is not None for f in [entry.follow, *entry.follows])
    ]
    assert len(checked_entries) > 100


@pytest.mark.parametrize("package", engines())
def test_a_check_worked_out_at_a_hit_is_the_one_read_from_all_the_paths(package: str) -> None:
    # prepare() walks a pattern led by the trigger, dropping the paths it rules out as it goes; the
    # checks are those read from all the pattern's paths, the trigger's then picked out (as they were
    # worked out for every trigger when the automaton was built).
    scanner, _members, automaton = _package(package)
    compared = checked = 0
    for entry in _distinct(automaton):
        if entry.plain:
            continue
        entry.prepare()
        for (_order, compiled, _payload), program in zip(entry.candidates, entry.follows, strict=True):
            if compiled is None:
                continue
            parsed = sre_parse.parse(compiled.pattern, compiled.flags)
            paths = scanner._pattern_paths(parsed, len(entry.trigger) + scanner._MAX_STEPS)
            assert program == scanner._program(scanner._follow(paths, entry.trigger)), entry.trigger
            compared += 1
            checked += program is not None
    assert compared > 1000 and checked > 300


@pytest.mark.parametrize("package", engines())
def test_a_hit_works_the_checks_out_once(package: str) -> None:
    scanner, members, automaton = _package(package)
    text = "They met in international fora in the coming years."
    entries = [entry for entry in _distinct(automaton) if entry.trigger == "in" and not entry.plain]
    assert entries
    for entry in entries:  # as a new automaton has them
        entry.ready, entry.follow, entry.follows = False, None, []
    first = _hits(scanner, members, automaton, text)
    assert all(entry.ready for entry in entries)
    made = [(entry.follow, entry.follows) for entry in entries]
    assert any(follow is not None for follow, _follows in made)
    assert _hits(scanner, members, automaton, text) == first
    assert [(entry.follow, entry.follows) for entry in entries] == made


@pytest.mark.parametrize("package", engines())
def test_a_check_never_turns_away_a_match_of_its_pattern(package: str) -> None:
    scanner = importlib.import_module(f"{package}.extract.scanner")
    patterns = [
        (r"(?:be|is|are) extended\b", re.IGNORECASE),
        (r"in\s+(?:early\s+|late\s+|mid-)?(?P<m>January|June)\s+(?:19|20)\d\d", re.IGNORECASE),
        (r"(?:announce|state|states|stated) (?:our |its )?(?:\w+ )?intention to", re.IGNORECASE),
        (r"net[- ]zero", re.IGNORECASE),
        (r"net[- ]zero", 0),
        (r"people[- ]to[- ]people exchanges?", 0),
        (r"(?<!'s )will(?! not)", re.IGNORECASE),
        (r"work(?:ing)?(?: (?:\w+ly|together))*(?:,[^,;.]{1,60},)?\s+(?:to|towards?)\b", re.IGNORECASE),
        (r"in\s+the\s+coming\s+(?:months|years)|at\s+least\s+once\s+a\s+year|once\s+a\s+year", re.IGNORECASE),
        (r"(?i:state)s? [a-z]+", 0),
        (r"science,? (?:and )?technology", re.IGNORECASE),
        (r"Korea\b", re.IGNORECASE),
    ]
    texts = _HAND + random_texts(_PIECES, (1500, 10), (1500, 10))
    turned_away = 0
    for source, flags in patterns:
        compiled = re.compile(source, flags)
        prefixes = scanner.literal_prefixes(source, classes=not flags)
        assert prefixes
        triggers = {v for p in prefixes for v in (scanner._case_variants(p) if flags else {p})}
        parsed = sre_parse.parse(source, compiled.flags)
        for trigger in triggers:
            paths = scanner._pattern_paths(parsed, len(trigger) + scanner._MAX_STEPS)
            program = scanner._program(scanner._follow(paths, trigger))
            if program is None:
                continue
            for text in texts:
                at = text.find(trigger)
                while at >= 0:
                    passes = scanner._follows(text, at + len(trigger), program)
                    assert passes or compiled.match(text, at) is None, (source, trigger, text, at)
                    turned_away += not passes
                    at = text.find(trigger, at + 1)
    assert turned_away > 1000


@pytest.mark.parametrize("package", engines())
def test_a_run_at_the_triggers_places_leaves_nothing_to_tell(package: str) -> None:
    # "aab" is a match of a+b that begins with the trigger "a": the path (a run of a, b) must not be
    # left out for a run at the trigger's place, else "ac" alone would tell what follows.
    scanner = importlib.import_module(f"{package}.extract.scanner")
    compiled = re.compile(r"a+b|ac")
    assert compiled.match("aab") is not None
    parsed = sre_parse.parse(compiled.pattern)
    for walked in (scanner._pattern_paths(parsed, 7), scanner._pattern_paths(parsed, 7, "a")):
        assert scanner._follow(walked, "a") is None


@pytest.mark.parametrize("package", engines())
def test_a_wrong_check_is_caught(package: str) -> None:
    # The equivalence above fails when a check forbids a character that a match can have there.
    scanner = importlib.import_module(f"{package}.extract.scanner")
    compiled = re.compile(r"(?:be|is|are) extended\b", re.IGNORECASE)
    parsed = sre_parse.parse(compiled.pattern, compiled.flags)
    follow = scanner._follow(scanner._pattern_paths(parsed, 8), "is")
    assert follow is not None and follow[0] == (scanner._ONE, " ")
    right, wrong = scanner._program(follow), scanner._program(((scanner._ONE, "\t"), *follow[1:]))
    text = "it is extended"
    assert compiled.match(text, 3) is not None
    assert scanner._follows(text, 5, right) and not scanner._follows(text, 5, wrong)
