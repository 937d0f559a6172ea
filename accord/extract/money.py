"""money.v1: amounts of money with their ISO 4217 currency and, when written, the period they cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.numbers import WORD_PATTERN, duration, to_number
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "money.v1"
# Starts with a digit class, so that the engine can skip quickly to the next digit.
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_PERIOD = re.compile(
    rf"[^.;]{{0,40}}?\b(?:over|during|for|across|within)\s+(?:the\s+|its\s+|a\s+)?(?:next\s+|first\s+|coming\s+)?"
    rf"(?P<count>\d+|{WORD_PATTERN})[- ](?P<unit>years?|months?)"
    r"|[^.;]{0,30}?\b(?P<yearly>annually|per year|a year|each year|every year|per annum)\b"
    # Korean: "5년간", "3년 동안", "18개월간".
    r"|[^.;]{0,30}?(?<!\d)(?P<kcount>\d{1,2})\s?(?P<kunit>년|개월)\s?(?:간|동안)"
    # A span of years, counted whole: "for the 2021-2025 period", "from 2026 to 2028" (five, three).
    r"|[^.;]{0,40}?\b(?:for|over|during|across|in|from|between)\s+(?:the\s+)?(?:period\s+(?:of\s+)?|years\s+)?"
    r"(?:FY\s?)?(?P<first>(?:19|20)\d\d)\s*(?:-|–|—|to|through|until|and)\s*(?:FY\s?)?(?P<last>(?:19|20)?\d\d)\b(?!-)",
    re.IGNORECASE,
)
_KOREAN_UNITS = {"년": "years", "개월": "months"}
_FIGURE = re.compile(r"[$€£¥₩]\s?\d|\b(?:USD|EUR|KRW|JPY|GBP)\s?\d")
# "(approximately $8.6 million)": the same money in another currency, not a second pledge.
_EQUIVALENT = re.compile(
    r"\((?:approximately|approx\.|about|around|roughly|some|nearly|almost|equivalent to|equal to|c\.|약)\s*$",
    re.IGNORECASE,
)


_PERIOD_ANYWHERE = re.compile(
    _PERIOD.pattern.replace("[^.;]{0,40}?", "").replace("[^.;]{0,30}?", ""), re.IGNORECASE
)


# "an 18-month, $410,000 activity", "a five-year $10 million programme": the period written before.
_PERIOD_BEFORE = re.compile(
    rf"\b(?P<count>\d+|{WORD_PATTERN})[- ](?P<unit>years?|months?)(?:[- ]long)?,?\s*$", re.IGNORECASE
)


def _period_before(text: str, start: int, end: int) -> str | None:
    match = _PERIOD_BEFORE.search(text, start, end)
    if match is None:
        return None
    count = to_number(match.group("count"))
    return duration(count, match.group("unit")) if count else None


_MOST_YEARS = 30  # a longer span is more likely two dates than a funding period


def _years_between(first: str, last: str) -> str | None:
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    return duration(end - start + 1, "years") if 0 < end - start < _MOST_YEARS else None


def _period(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    if match.group("yearly"):
        return "P1Y"
    if match.group("kcount"):
        return duration(int(match.group("kcount")), _KOREAN_UNITS[match.group("kunit")])
    if match.group("first"):
        return _years_between(match.group("first"), match.group("last"))
    count = to_number(match.group("count"))
    return duration(count, match.group("unit")) if count else None


@dataclass(slots=True)
class Money:
    value: float
    currency: str
    period: str | None


@dataclass(frozen=True, slots=True)
class _Money:
    scanner: Scanner[str]
    lookup: dict[str, str]  # symbol, code or word → ISO 4217
    scales: dict[str, float]


@cache
def _money() -> _Money:
    data = lexicon.load("currencies")
    symbols: dict[str, str] = data["symbols"]
    words: dict[str, str] = data["words"]
    codes = {code: code for code in data["codes"]["list"]}
    scales: dict[str, float] = {k: float(v) for k, v in data["scales"].items()}
    latin_scales = "|".join(sorted((s for s in scales if s.isascii()), key=len, reverse=True))
    korean_scales = "|".join(sorted((s for s in scales if not s.isascii()), key=len, reverse=True))
    symbol = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    code = "|".join(codes)
    word = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isascii())
    korean_word = "|".join(re.escape(w) for w in words if not w.isascii())
    scale = rf"(?:[ ]?(?P<scale>{latin_scales})\b)?"
    entries = [
        # "$2.5 billion", "$90+ million" (at least 90 million)
        (rf"(?P<currency>{symbol})[ ]?(?P<number>{_NUMBER})\+?{scale}", "symbol"),
        (rf"(?P<currency>{code})[ ]?(?P<number>{_NUMBER}){scale}", "code"),  # KRW 50 billion
        # "3 trillion won", "100억 원": one pattern, so that the text is searched for figures once.
        (
            rf"(?P<number>{_NUMBER})(?:{scale}[ ](?P<currency>{word}|{code})\b"
            rf"|[ ]?(?P<k1>{korean_scales})?[ ]?(?P<k2>{korean_scales})?[ ]?(?P<kcurrency>{korean_word}))",
            "figure first",
        ),
    ]
    return _Money(Scanner(entries, ignore_case=False, word_end=False), {**symbols, **words, **codes}, scales)


@extractor(NAME, requires=("candidate",), assigns=("amount",), prepare=_money)
def find_money(doc: Document, found: Findings) -> list[Finding]:
    """Money amounts: '$2.5 billion', 'KRW 50 billion', '3 trillion won', '100억 원'."""
    money = _money()
    findings = []
    # One pass over the text (cheaper than one per sentence); only candidate sentences keep their hits.
    candidates = {f.unit for f in found["candidate"]}
    for hit_start, hit_end, _payload, match in money.scanner.scan(doc.text, doc.lo, doc.hi, shared=doc.scans):
        unit = doc.unit_at(hit_start, hit_end)
        if (
            match is None
            or unit is None
            or unit not in candidates
            or doc.text[hit_start - 1 : hit_start] == "."
            or (
                doc.text.find("(", max(0, hit_start - 20), hit_start) >= 0  # it opens with one
                and _EQUIVALENT.search(doc.text, max(0, hit_start - 20), hit_start)
            )
        ):
            continue
        groups = match.groupdict()
        value = float(groups["number"].replace(",", ""))
        for key in ("scale", "k1", "k2"):
            if groups.get(key):
                value *= money.scales[groups[key]]
        currency = money.lookup[groups["currency"] or groups["kcurrency"]]
        sentence = doc.units[unit]
        period = _period(_PERIOD.match(doc.text, match.end(), sentence.end)) or _period_before(
            doc.text, max(sentence.start, hit_start - 30), hit_start
        )
        if period is None:
            # "During its first three years, ... USD 10 million": one period phrase in the sentence
            # covers its first figure, or every figure when it is written before all of them
            # ("$150 million over three years, and Japan $300 million": the second has none).
            anywhere = list(_PERIOD_ANYWHERE.finditer(doc.text, sentence.start, sentence.end))
            first = _FIGURE.search(doc.text, sentence.start, sentence.end)
            if len(anywhere) == 1 and (
                first is None or first.start() >= hit_start or anywhere[0].end() <= first.start()
            ):
                period = _period(anywhere[0])
        written = match.group(0)
        findings.append(
            Finding(
                "amount",
                match.start(),
                match.end(),
                f"{NAME}:amount",
                f"'{written}' is {value:,.0f} {currency}" + (f" over {period}" if period else ""),
                Money(value, currency, period),
                unit,
            )
        )
    return findings
