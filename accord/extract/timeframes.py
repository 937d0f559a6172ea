"""timeframe.v1: when a commitment is due, as written, and as a date when the document's date allows."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from accord.extract.findings import Finding
from accord.extract.numbers import WORD_PATTERN, to_number
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "timeframe.v1"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR = r"(?:19|20)\d\d"
# One pattern per way of writing a time; the Scanner tries each only where its first word occurs.
_PATTERNS = [
    rf"(?P<by>(?:by|before|no later than|until)\s+(?:the\s+end\s+of\s+|end[- ]|the\s+end-)?"
    rf"(?:(?P<by_month>{_MONTHS})\s+)?(?P<by_year>{_YEAR}|this\s+year|next\s+year|the\s+year))",
    rf"(?P<within>within\s+(?:the\s+next\s+|the\s+coming\s+)?(?P<count>\d+|{WORD_PATTERN}|a)\s*(?:\(\d+\)\s*)?(?P<unit>days?|weeks?|months?|years?))",
    rf"(?P<in_month>in\s+(?:early\s+|late\s+|mid-)?(?P<month>{_MONTHS})\s+(?P<month_year>{_YEAR}))",
    rf"(?P<in_year>in\s+(?:the\s+)?(?:(?:spring|summer|autumn|fall|winter|first\s+half|second\s+half|course)\s+of\s+)?(?P<year>{_YEAR}))",
    r"(?P<this_year>(?:later\s+|early\s+|by\s+the\s+end\s+of\s+)?(?:this|next)\s+year)",
    rf"(?P<open>(?:beginning|starting|from)\s+in\s+{_YEAR}|in\s+the\s+coming\s+(?:months|years|weeks)|at\s+least\s+once\s+a\s+year"
    r"|once\s+a\s+year|twice\s+a\s+year|annually|every\s+year|each\s+year|as\s+soon\s+as\s+possible|without\s+delay"
    r"|ahead\s+of\s+(?:its|the|their)\s+next\s+\w+)",
]


_GROUPS = (
    "by",
    "by_month",
    "by_year",
    "within",
    "count",
    "unit",
    "in_month",
    "month",
    "month_year",
    "in_year",
    "year",
    "this_year",
    "open",
)


@cache
def _scanner() -> Scanner[int]:
    return Scanner([(pattern, order) for order, pattern in enumerate(_PATTERNS)])


@dataclass(slots=True)
class Timeframe:
    text: str
    due: dt.date | None


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _add(date: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return date + dt.timedelta(days=count)
    if unit == "week":
        return date + dt.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month_name: str) -> dt.date:
    month = [m.lower() for m in _MONTHS.split("|")].index(month_name.lower()) + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def resolve(match: re.Match[str], date: dt.date | None) -> dt.date | None:
    """The due date a timeframe names, against the document's date where it is relative."""
    groups: dict[str, Any] = {name: None for name in _GROUPS} | match.groupdict()
    if groups["by"]:
        year_text = groups["by_year"].lower()
        if year_text[:2] in ("19", "20"):
            year = int(year_text)
        elif date is None:
            return None
        else:
            year = date.year + (1 if year_text.startswith("next") else 0)
        return _month_end(year, groups["by_month"]) if groups["by_month"] else _year_end(year)
    if groups["within"]:
        count = to_number(groups["count"])
        return _add(date, count, groups["unit"]) if date and count else None
    if groups["in_month"]:
        return _month_end(int(groups["month_year"]), groups["month"])
    if groups["in_year"]:
        return _year_end(int(groups["year"]))
    if groups["this_year"] and date is not None:
        return _year_end(date.year + (1 if "next" in groups["this_year"].lower() else 0))
    return None


@extractor(NAME, requires=("candidate",), assigns=("timeframe",), prepare=_scanner)
def find_timeframes(doc: Document, found: Findings) -> list[Finding]:
    """Time phrases ('this year', 'by 2024', 'within 180 days'), resolved against the document date."""
    findings = []
    candidates = {f.unit for f in found["candidate"]}
    for hit_start, hit_end, _payload, match in _scanner().scan(doc.text, doc.lo, doc.hi, shared=doc.scans):
        unit = doc.unit_at(hit_start, hit_end)
        if match is None or unit is None or unit not in candidates:
            continue
        due = resolve(match, doc.date)
        written = match.group(0)
        explanation = f"'{written}'" + (f" is due {due.isoformat()}" if due else " names no single due date")
        findings.append(
            Finding(
                "timeframe",
                match.start(),
                match.end(),
                f"{NAME}:time",
                explanation,
                Timeframe(written, due),
                unit,
            )
        )
    return findings
