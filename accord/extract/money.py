"""money.v1: amounts of money with their ISO 4217 currency and, when written, the period they cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accord.extract import lexicon
from accord.extract.findings import Finding
from accord.extract.numbers import WORD_PATTERN, duration, to_number
from accord.extract.registry import Findings, extractor
from accord.extract.units import Document

NAME = "money.v1"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PERIOD = re.compile(
    rf"[^.;]{{0,40}}?\b(?:over|during|for|across|within)\s+(?:the\s+|its\s+|a\s+)?(?:next\s+|first\s+|coming\s+)?"
    rf"(?P<count>\d+|{WORD_PATTERN})[- ](?P<unit>years?|months?)"
    r"|[^.;]{0,30}?\b(?P<yearly>annually|per year|a year|each year|every year|per annum)\b",
    re.IGNORECASE,
)


_PERIOD_ANYWHERE = re.compile(
    _PERIOD.pattern.replace("[^.;]{0,40}?", "").replace("[^.;]{0,30}?", ""), re.IGNORECASE
)


def _period(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    if match.group("yearly"):
        return "P1Y"
    count = to_number(match.group("count"))
    return duration(count, match.group("unit")) if count else None


@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str
    period: str | None


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str], dict[str, float]]:
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
    pattern = re.compile(
        rf"(?P<symbol>{symbol})[ ]?(?P<n1>{_NUMBER}){scale.replace('scale', 's1')}"
        rf"|\b(?P<code>{code})[ ]?(?P<n2>{_NUMBER}){scale.replace('scale', 's2')}"
        rf"|(?<![\w.])(?P<n3>{_NUMBER}){scale.replace('scale', 's3')}[ ](?P<word>{word}|{code})\b"
        rf"|(?<![\w.])(?P<n4>{_NUMBER})[ ]?(?P<k1>{korean_scales})?[ ]?(?P<k2>{korean_scales})?[ ]?(?P<kword>{korean_word})"
    )
    lookup = {**symbols, **words, **codes}
    return pattern, lookup, scales


@extractor(NAME, assigns=("amount",))
def find_money(doc: Document, _found: Findings) -> list[Finding]:
    """Money amounts: '$2.5 billion', 'KRW 50 billion', '3 trillion won', '100억 원'."""
    pattern, lookup, scales = _pattern()
    findings = []
    for match in pattern.finditer(doc.text):
        unit = doc.unit_at(match.start(), match.end())
        if unit is None:
            continue
        groups = match.groupdict()
        number = groups["n1"] or groups["n2"] or groups["n3"] or groups["n4"]
        currency_key = groups["symbol"] or groups["code"] or groups["word"] or groups["kword"]
        value = float(number.replace(",", ""))
        for key in ("s1", "s2", "s3", "k1", "k2"):
            if groups.get(key):
                value *= scales[groups[key]]
        currency = lookup[currency_key]
        sentence = doc.units[unit]
        period = _period(_PERIOD.match(doc.text, match.end(), sentence.end))
        if period is None:
            # "During its first three years, ... USD 10 million": one period phrase in the sentence covers it.
            anywhere = list(_PERIOD_ANYWHERE.finditer(doc.text, sentence.start, sentence.end))
            if len(anywhere) == 1:
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
