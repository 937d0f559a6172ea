"""bodies.v1: agencies, institutes, programmes and groups — from the gazetteer, or by the shape of their names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.patterns import trie_pattern, word_bounded
from accord.extract.registry import Findings, extractor
from accord.extract.units import Document

NAME = "bodies.v1"
_WORD = r"(?:U\.S\.|[A-Z][\w'’\-–]*)"
_PHRASE = re.compile(
    rf"{_WORD}(?:(?:[ ]+(?:of|and|for|on|the|&|de))*[ ]+{_WORD}){{0,10}}(?:[ ]+\((?P<acronym>[A-Z][A-Za-z]{{1,9}})\))?"
)


@dataclass(frozen=True, slots=True)
class Body:
    name: str  # as written, or its short form when the text gives one in brackets
    party: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    known: re.Pattern[str]
    by_phrase: dict[str, tuple[str, str | None, str]]  # phrase → (name, party, kind)
    shape: re.Pattern[str]
    adjectives: dict[str, str]


@cache
def _gazetteer() -> _Gazetteer:
    data = lexicon.load("bodies")
    by_phrase: dict[str, tuple[str, str | None, str]] = {}
    for body in data["body"]:
        entry = (body["name"], body["party"] or None, body["kind"])
        by_phrase[body["name"]] = entry
        if body["acronym"]:
            by_phrase[body["acronym"]] = entry
    suffixes = "|".join(data["patterns"]["suffixes"])
    heads = "|".join(data["patterns"]["heads"])
    shape = re.compile(
        rf"(?:\b(?:{suffixes})\b(?![ ]+(?:of|for)[ ]+[A-Z])|\b(?:{heads})[ ]+(?:of|for)[ ]+[A-Z])"
    )
    adjectives = {}
    for code, entry in lexicon.load("actors")["parties"].items():
        for adjective in entry.get("adjectives", []):
            adjectives[adjective] = code
    known = re.compile(word_bounded("(?:" + trie_pattern(by_phrase) + ")"))
    return _Gazetteer(known, by_phrase, shape, adjectives)


@extractor(NAME, requires=("actor",), assigns=("body",))
def find_bodies(doc: Document, found: Findings) -> list[Finding]:
    """Named bodies, each with the party it acts for when the gazetteer or its name tells."""
    gazetteer = _gazetteer()
    findings: dict[tuple[int, int], Finding] = {}
    for match in _PHRASE.finditer(doc.text):
        start, end = match.start(), match.end()
        phrase = match.group(0)
        words = phrase.split()
        if words[0] == "The":
            start += 4
            phrase = phrase[4:]
        unit = doc.unit_at(start, end)
        if unit is None:
            continue
        if gazetteer.shape.search(phrase) is None or len(phrase.split()) < 2:
            continue
        party = _party_of(phrase, start, end, gazetteer, found)
        known = gazetteer.by_phrase.get(phrase.split(" (")[0].removeprefix("U.S. "))
        name = match.group("acronym") or phrase
        kind = known[2] if known else "other"
        findings[(start, end)] = Finding(
            "body",
            start,
            end,
            f"{NAME}:shape",
            f"'{phrase}' is named like a body",
            Body(name, party, kind),
            unit,
        )
    for match in gazetteer.known.finditer(doc.text):
        unit = doc.unit_at(match.start(), match.end())
        if unit is None or any(s <= match.start() and match.end() <= e for s, e in findings):
            continue
        name, party, kind = gazetteer.by_phrase[match.group(0)]
        findings[(match.start(), match.end())] = Finding(
            "body",
            match.start(),
            match.end(),
            f"{NAME}:gazetteer",
            f"'{match.group(0)}' is {name} in the gazetteer",
            Body(match.group(0), party, kind),
            unit,
        )
    return sorted(findings.values(), key=lambda f: f.start)


def _party_of(phrase: str, start: int, end: int, gazetteer: _Gazetteer, found: Findings) -> str | None:
    core = phrase.split(" (")[0]
    known = gazetteer.by_phrase.get(core.removeprefix("U.S. ")) or gazetteer.by_phrase.get(core)
    if known and known[1]:
        return known[1]
    codes = {code for f in found.within("actor", start, end) for code in f.value.codes}
    if len(codes) == 1:
        return codes.pop()
    first = phrase.split()[0]
    return gazetteer.adjectives.get(first)
