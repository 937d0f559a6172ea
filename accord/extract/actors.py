"""actors.v1: mentions of parties — names, adjectives with "Side"/"Government", capitals,
leaders by title and name, and collective subjects that stand for every party."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.domain.parties import all_parties
from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.patterns import trie_pattern, word_bounded
from accord.extract.registry import Findings, extractor
from accord.extract.units import Document

NAME = "actors.v1"


@dataclass(frozen=True, slots=True)
class Mention:
    codes: tuple[str, ...]  # empty for a collective subject until resolved against the document's parties
    how: str  # "name", "government", "capital", "leader", "collective"
    possessive: bool


@dataclass(frozen=True, slots=True)
class _Matchers:
    named: re.Pattern[str]
    lookup: dict[str, tuple[str, str]]  # phrase → (code, how)
    collective: re.Pattern[str]


@cache
def _matchers() -> _Matchers:
    vocabulary = lexicon.load("actors")
    lookup: dict[str, tuple[str, str]] = {}
    for code, party in all_parties().items():
        for name in (party.name_en, party.name_ko, f"the {party.name_en}"):
            lookup.setdefault(name, (code, "name"))
    government_nouns = vocabulary["government_nouns"]["words"]
    titles = vocabulary["leader_titles"]["words"]
    for code, entry in vocabulary["parties"].items():
        for name in entry.get("names", []) + entry.get("korean", []):
            lookup[name] = (code, "name")
        for adjective in entry.get("adjectives", []):
            for noun in government_nouns:
                lookup[f"{adjective} {noun}"] = (code, "government")
        for capital in entry.get("capitals", []):
            lookup[capital] = (code, "capital")
        for leader in entry.get("leaders", []):
            for title in titles:
                lookup[f"{title} {leader}"] = (code, "leader")
        for title in entry.get("titles", []):
            lookup[title] = (code, "leader")
    named = re.compile(word_bounded("(?:" + trie_pattern(lookup) + ")") + r"(?P<possessive>['’]s\b)?")
    collective = re.compile(
        r"(?<![\w.])(?:" + "|".join(vocabulary["collective"]["case_insensitive"]) + r")(?!\w)", re.IGNORECASE
    )
    return _Matchers(named, lookup, collective)


@extractor(NAME, assigns=("actor",))
def find_actors(doc: Document, _found: Findings) -> list[Finding]:
    """Party mentions in every sentence, resolved to ISO codes."""
    matchers = _matchers()
    findings: list[Finding] = []
    everyone = doc.parties
    for match in matchers.named.finditer(doc.text):
        unit = doc.unit_at(match.start(), match.end())
        if unit is None:
            continue
        phrase = match.group(0)
        possessive = match.group("possessive") is not None
        if possessive:
            phrase = phrase[: match.start("possessive") - match.start()]
        code, how = matchers.lookup[phrase]
        if everyone and code not in everyone:
            continue
        end = match.start() + len(phrase)
        findings.append(
            Finding(
                "actor",
                match.start(),
                end,
                f"{NAME}:{how}",
                f"'{phrase}' names {code}",
                Mention((code,), how, possessive),
                unit,
            )
        )
    for match in matchers.collective.finditer(doc.text):
        unit = doc.unit_at(match.start(), match.end())
        if unit is None:
            continue
        findings.append(
            Finding(
                "actor",
                match.start(),
                match.end(),
                f"{NAME}:collective",
                f"'{match.group(0)}' stands for every party ({', '.join(everyone) or 'all'})",
                Mention(tuple(everyone), "collective", False),
                unit,
            )
        )
    findings.sort(key=lambda f: f.start)
    return findings
