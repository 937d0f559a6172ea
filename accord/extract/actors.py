"""actors.v1: mentions of parties — names, adjectives with "Side"/"Government", capitals,
leaders by title and name, and collective subjects that stand for every party."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.domain.parties import all_parties
from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "actors.v1"
_REGION_BEFORE = re.compile(r"\b(?:North|South|Central|Latin)\s+$")


@dataclass(slots=True)
class Mention:
    codes: tuple[str, ...]  # empty for a collective subject until resolved against the document's parties
    how: str  # "name", "government", "capital", "leader", "collective"
    possessive: bool


@dataclass(frozen=True, slots=True)
class _Matchers:
    named: Scanner[tuple[str, str]]  # payload: (code, how)
    collective: Scanner[str]


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
    # Names are matched as written (case matters: "US" is not "us").
    named = Scanner([(re.escape(phrase), where) for phrase, where in lookup.items()], ignore_case=False)
    collective = Scanner(
        [(pattern, "collective") for pattern in vocabulary["collective"]["case_insensitive"]]
    )
    return _Matchers(named, collective)


@extractor(NAME, assigns=("actor",), prepare=_matchers)
def find_actors(doc: Document, _found: Findings) -> list[Finding]:
    """Party mentions in every sentence, resolved to party codes."""
    matchers = _matchers()
    findings: list[Finding] = []
    everyone = doc.parties
    text = doc.text
    for hit_start, hit_end, payload, _match in matchers.named.scan(text, doc.lo, doc.hi, shared=doc.scans):
        if text[hit_start - 1 : hit_start] == "." or (unit := doc.unit_at(hit_start, hit_end)) is None:
            continue
        if text[hit_end : hit_end + 1] == "$":
            continue  # "US$50 billion": a currency, not a party
        if text.startswith("America", hit_start) and _REGION_BEFORE.search(
            text, max(0, hit_start - 9), hit_start
        ):
            continue  # "North America", "Latin America": a region, not the United States
        code, how = payload
        if everyone and code not in everyone:
            continue
        phrase = text[hit_start:hit_end]
        possessive = text[hit_end : hit_end + 2] in ("'s", "’s")
        findings.append(
            Finding(
                "actor",
                hit_start,
                hit_end,
                f"{NAME}:{how}",
                f"'{phrase}' names {code}",
                Mention((code,), how, possessive),
                unit,
            )
        )
    for group_start, group_end, _payload, _match in matchers.collective.scan(
        text, doc.lo, doc.hi, shared=doc.scans
    ):
        if (unit := doc.unit_at(group_start, group_end)) is None:
            continue
        findings.append(
            Finding(
                "actor",
                group_start,
                group_end,
                f"{NAME}:collective",
                f"'{text[group_start:group_end]}' stands for every party ({', '.join(everyone) or 'all'})",
                Mention(tuple(everyone), "collective", False),
                unit,
            )
        )
    findings.sort(key=lambda f: f.start)
    return findings
