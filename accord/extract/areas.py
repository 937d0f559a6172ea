"""areas.v1: the taxonomy's areas named in each sentence, by keyword."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from accord.domain.provisions import ProvisionKind
from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "areas.v1"


# A weak keyword ("data", "training") names a field only when nothing stronger in the sentence does:
# "sharing of missile warning data" is about defence, "data governance" about digital matters.
WEAK = "weak"


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
    entries = [(keyword, tuple(areas)) for keyword, areas in areas_of.items()]
    # Keywords written with capitals (acronyms, proper names) match as written; the rest in any case.
    cases = [keyword == keyword.lower() for keyword, _ in entries]
    return Scanner(entries, ignore_case=cases, word_end=False)


@extractor(NAME, requires=("candidate",), assigns=("area",), prepare=_scanner)
def find_areas(doc: Document, found: Findings) -> list[Finding]:
    """Area keywords in the sentences that may be commitments, and in headings."""
    wanted = {f.unit for f in found["candidate"]}
    headings = [
        (p.start, p.end) for p in doc.provisions[doc.first : doc.last] if p.kind is ProvisionKind.HEADING
    ]
    findings = []
    text = doc.text
    # One pass over the text, then keep what is wanted.
    for hit_start, hit_end, payload, _match in _scanner().scan(text, doc.lo, doc.hi, shared=doc.scans):
        unit = doc.unit_at(hit_start, hit_end)
        if unit in wanted or (unit is None and _inside(headings, hit_start, hit_end)):
            written = text[hit_start:hit_end]
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
