"""areas.v1: the taxonomy's areas named in each sentence, by keyword."""

from __future__ import annotations

import re
from functools import cache

from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.registry import Findings, extractor
from accord.extract.units import Document

NAME = "areas.v1"


@cache
def _pattern() -> tuple[re.Pattern[str], list[str]]:
    areas = lexicon.load("areas")["areas"]
    groups: list[str] = []
    alternatives: list[str] = []
    for area, keywords in areas.items():
        for keyword in keywords:
            # Keywords written with capitals (acronyms, proper names) must match as written.
            flags = "" if keyword != keyword.lower() else "(?i:"
            alternatives.append(f"({flags}{keyword}{')' if flags else ''})")
            groups.append(area)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")"), groups


@extractor(NAME, assigns=("area",))
def find_areas(doc: Document, _found: Findings) -> list[Finding]:
    """Area keywords in sentences and headings."""
    pattern, groups = _pattern()
    findings = []
    for match in pattern.finditer(doc.text):
        unit = doc.unit_at(match.start(), match.end())
        area = groups[match.lastindex - 1]  # type: ignore[operator]
        findings.append(
            Finding(
                "area",
                match.start(),
                match.end(),
                f"{NAME}:{area}",
                f"'{match.group(0)}' is about {area}",
                area,
                unit,
            )
        )
    return findings
