"""areas.v1: the taxonomy's areas named in each sentence, by keyword."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Final

from accord.domain.provisions import ProvisionKind
from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.literals import FOLDING_ONTO_ASCII, may_hold, needs
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "areas.v1"


# A weak keyword ("data", "training") names a field only when nothing stronger in the sentence does:
# "sharing of missile warning data" is about defence, "data governance" about digital matters.
WEAK = "weak"


# The name of a government organ or office says who acts, not what about: "Japan's Ministry of
# Economy, Trade and Industry" is no evidence of trade, nor "the Department of Energy" of energy,
# nor "meetings of our foreign and defense ministers" of defence.
_ORGAN_BEFORE = re.compile(
    r"\b(?:Ministr(?:y|ies)|Departments?|Ministers?|Secretar(?:y|ies))[ ]+(?:of|for)[ ]+(?:the[ ]+)?"
    r"(?:[A-Z][\w'’.-]*(?:,[ ]+|[ ]+(?:and|&|of|for|the)[ ]+|[ ]+))*$"
)
_ORGAN_REACH = 80
_OFFICE_AFTER = re.compile(
    r"[ ]+(?:ministers?|ministr(?:y|ies)|secretar(?:y|ies)|advis[eo]rs?|officials)\b", re.IGNORECASE
)
# Every match holds one of these (checked on import), in its last word of at most 11 letters.
_OFFICE_NEEDS = needs(_OFFICE_AFTER, "minist", "secretar", "advis", "official")
_OFFICE_LONGEST = len("secretaries")
# The letters the words of _OFFICE_AFTER open with, in either case, and what re.IGNORECASE matches to
# them outside ASCII (accord.extract.literals.FOLDING_ONTO_ASCII: "ſ" for "s").
_OFFICE_INITIALS = "msao"
_OFFICE_FIRST = "".join(
    [*_OFFICE_INITIALS, *_OFFICE_INITIALS.upper()]
    + [char for char, letter in FOLDING_ONTO_ASCII.items() if letter in _OFFICE_INITIALS]
)


def _office_after(text: str, at: int) -> bool:
    """_OFFICE_AFTER.match(text, at) is not None, without the engine where the word after the spaces at
    `at` holds none of its literals: a match is those spaces (the pattern's only ones), then a word
    of at most 11 letters, so it ends by the end of the spaces + 11. Most keywords are followed by
    a space and some other word."""
    # Indexed, not `text.startswith(" ", end)`: compiled, that is a generic method call (~1,000
    # instructions) per space, and most keywords are followed by one.
    end = at
    while end < len(text) and text[end] == " ":
        end += 1
    if end == at:
        return False  # a match opens with a space
    if end == len(text) or text[end] not in _OFFICE_FIRST:
        return False  # after its spaces, a match opens with one of the words: most words are others
    return (
        may_hold(_OFFICE_NEEDS, text, at, end + _OFFICE_LONGEST) and _OFFICE_AFTER.match(text, at) is not None
    )


# Values named as the manner of an action ("develop AI in ways consistent with our democratic values
# and human rights", "systems that respect human rights") are not what the action is about; the
# same words as its object ("promote respect for human rights", "defend democracy") are diplomacy.
_AS_A_VALUE_BEFORE = re.compile(
    r"\b(?:in ways?\b|consistent with\b|in line with\b|(?:that|which|and) (?:respects?|reinforces?|upholds?)\b"
    r"|respects\b(?! for))[^.;:]*$",
    re.IGNORECASE,
)
_VALUE_REACH = 100
_VALUE_AREA = "diplomacy"
# Every match holds one of these (checked on import); most windows before a keyword hold none.
_AS_A_VALUE_NEEDS = needs(
    _AS_A_VALUE_BEFORE, "in way", "consistent with", "in line with", "respect", "reinforce", "uphold"
)


def _is_a_value(payload: tuple[tuple[str, bool], ...], text: str, start: int) -> bool:
    lo = max(0, start - _VALUE_REACH)
    return (
        any(area == _VALUE_AREA for area, _ in payload)
        and may_hold(_AS_A_VALUE_NEEDS, text, lo, start)
        and _AS_A_VALUE_BEFORE.search(text, lo, start) is not None
    )


# Every match of _ORGAN_BEFORE holds one of these words: where none is near, it is not searched.
_ORGAN_WORDS = ("Ministr", "Minister", "Department", "Secretar")


def _in_organ_name(text: str, start: int) -> bool:
    lo = max(0, start - _ORGAN_REACH)
    for word in _ORGAN_WORDS:
        if text.find(word, lo, start) >= 0:
            return _ORGAN_BEFORE.search(text, lo, start) is not None
    return False


@cache
def _scanner() -> Scanner[tuple[tuple[str, bool], ...]]:
    vocabulary = lexicon.load("areas")
    # A keyword listed under two areas names both ("lithium": batteries and supply chains); the
    # scanner keeps one hit per place, so the hit carries every area of its keyword.
    areas_of: dict[str, list[tuple[str, bool]]] = {}
    for tier in ("areas", WEAK):
        for area, keywords in vocabulary.get(tier, {}).items():
            for keyword in keywords:
                areas_of.setdefault(keyword, []).append((area, tier == WEAK))
    entries = [(_any_first_case(keyword), tuple(areas)) for keyword, areas in areas_of.items()]
    # Keywords written with capitals (acronyms, proper names) match as written, but for the case of
    # their first letter ("open RAN" in a sentence, "Open RAN" as a label); the rest in any case.
    cases = [keyword == keyword.lower() for keyword in areas_of]
    return Scanner(entries, ignore_case=cases, word_end=False, hangul_inside_words=True)


def _any_first_case(keyword: str) -> str:
    first = keyword[:1]
    if keyword == keyword.lower() or not first.isalpha() or first.upper() == first.lower():
        return keyword
    return f"[{first.upper()}{first.lower()}]{keyword[1:]}"


# Read once: compiled, `ProvisionKind.HEADING` asks the enum's metaclass for it on every provision
# (its __getattr__ hook, ~700 instructions each); a Final name is a C static.
_HEADING: Final = ProvisionKind.HEADING


@extractor(NAME, requires=("candidate",), assigns=("area",), prepare=_scanner)
def find_areas(doc: Document, found: Findings) -> list[Finding]:
    """Area keywords in the sentences that may be commitments, and in headings."""
    wanted = {f.unit for f in found["candidate"]}
    headings = [(p.start, p.end) for p in doc.provisions[doc.first : doc.last] if p.kind is _HEADING]
    findings = []
    text = doc.text
    # One pass over the text, then keep what is wanted.
    for hit_start, hit_end, payload, _match in _scanner().scan(text, doc.lo, doc.hi, shared=doc.scans):
        unit = doc.unit_at(hit_start, hit_end)
        if unit in wanted or (unit is None and _inside(headings, hit_start, hit_end)):
            written = text[hit_start:hit_end]
            if (written[0].isupper() and _in_organ_name(text, hit_start)) or (_office_after(text, hit_end)):
                continue
            if _is_a_value(payload, text, hit_start):
                continue
            for area, weak in payload:
                if weak:
                    explanation = f"'{written}' is about {area}, if nothing else is named"
                    rule = f"{NAME}:{WEAK}:{area}"
                else:
                    explanation, rule = f"'{written}' is about {area}", f"{NAME}:{area}"
                findings.append(Finding("area", hit_start, hit_end, rule, explanation, area, unit))
    return findings


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
