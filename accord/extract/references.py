"""Back-references: where a later text says it reports on, carries forward or restates an earlier one.

"fulfills a commitment made during last year's State Visit", "building on their previous
commitment to ...", "reaffirmed their commitment", "as agreed at the 2023 Summit",
"since JUMPP's launch in 2019". Each finding names its kind (the relation it suggests),
its span, and what it says about *when* or *where* the earlier commitment was made (years,
a month, "last year", event words such as "Summit" or "Framework Agreement"), so the
ranking can prefer earlier documents of that date or with that title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from accord.domain.continuity import Relation

_CUE = r"[^.;]{0,80}?"
# Order matters only for the relation: the first pattern that matches a span names it.
_PATTERNS: tuple[tuple[Relation, str, re.Pattern[str]], ...] = tuple(
    (relation, rule, re.compile(pattern, re.IGNORECASE))
    for relation, rule, pattern in (
        (Relation.FULFILLS, "fulfils", r"\bfulfil{1,2}(?:s|ed|ing|ment of)?\b"),
        (
            Relation.FULFILLS,
            "delivers on",
            r"\b(?:deliver(?:s|ed|ing)?|follow(?:s|ed|ing)? through|make[s]? good|made good|act(?:s|ed|ing)?)\s+on\s+(?:a|an|the|their|our|its|his|her|this)\b",
        ),
        (
            Relation.FULFILLS,
            "implements",
            r"\bimplement(?:s|ed|ing)\s+(?:a|the|their|our|its)\s+(?:[\w\-’']+\s+){0,3}(?:commitment|pledge|promise|agreement|decision)s?\b",
        ),
        (
            Relation.REAFFIRMS,
            "reaffirms",
            r"\b(?:re-?affirm(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|recommit(?:s|ted|ting)?|renew(?:s|ed|ing)?\s+(?:their|our|its)\s+commitment)\b",
        ),
        (Relation.CONTINUES, "builds on", r"\bbuil(?:d|ds|t|ding)\s+(?:up)?on\b"),
        (
            Relation.CONTINUES,
            "as agreed",
            r"\bas\s+(?:agreed|announced|decided|committed|pledged|set out|outlined|envisioned)\s+(?:at|in|during|by|under|through)\b",
        ),
        (
            Relation.CONTINUES,
            "following up",
            r"\b(?:following|follow(?:s|ed)?)\s+(?:up\s+)?on\b|\bfurther\s+to\b|\bpursuant\s+to\b",
        ),
        (
            Relation.CONTINUES,
            "previous commitment",
            r"\b(?:previous|prior|earlier|past|existing|longstanding|long-standing)\s+(?:[\w\-’']+\s+){0,2}(?:commitment|pledge|agreement|announcement|statement|declaration)s?\b",
        ),
        (
            Relation.CONTINUES,
            "made at",
            r"\b(?:commitment|pledge|promise|agreement)s?\s+(?:made|announced|set out|reached)\s+(?:at|in|during|on|under)\b",
        ),
        (
            Relation.PROGRESS,
            "progress on",
            r"\bprogress\s+(?:made\s+)?(?:on|under|in|toward|towards|through)\b",
        ),
        (
            Relation.PROGRESS,
            "since launch",
            r"\bsince\s+(?:its|their|the|[\w\-’']+)\s*(?:’s|'s)?\s+(?:launch|establishment|creation|inception|signing|start)\b",
        ),
    )
)
# Where a cue may begin: what every pattern above opens with (the one that opens with a word as
# common as "as" or "agreement" with what must follow it). Most spans hold no cue; one scan for
# these spares them the eleven.
_MAY_CUE = re.compile(
    r"\b(?:fulfil|deliver|follow|make|made|act|implement|re-?affirm|reiterat|recommit|renew|buil"
    r"|as\s+(?:agreed|announced|decided|committed|pledged|set out|outlined|envisioned)"
    r"|further|pursuant|previous|prior|earlier|past|existing|long-?standing"
    r"|(?:commitment|pledge|promise|agreement)s?\s+(?:made|announced|set out|reached)|progress|since)",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\s+(?:\d{1,2},?\s+)?(19[5-9]\d|20\d\d)\b", re.IGNORECASE
)
_LAST = re.compile(r"\blast\s+(year|month|" + "|".join(_MONTHS) + r")\b|\bprevious\s+year\b", re.IGNORECASE)
_EVENT = re.compile(
    r"\b(summit|state visit|official visit|visit|leaders[’']? (?:meeting|statement|summit)|joint statement|"
    r"fact sheet|memorandum of understanding|mou|framework agreement|agreement|dialogue|ministerial|"
    r"declaration|communiqu[eé]|accords?|meeting|conference|initiative|partnership)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reference:
    relation: Relation
    rule: str
    start: int  # into the text given
    end: int
    phrase: str
    years: tuple[int, ...] = ()
    month: int | None = None
    last: str | None = None  # "year", "month" or a month's name: relative to the later text's date
    events: tuple[str, ...] = field(default=())

    def explain(self) -> str:
        said = [str(y) for y in self.years] + ([f"last {self.last}"] if self.last else []) + list(self.events)
        return f"'{self.phrase}' ({self.rule})" + (f" naming {', '.join(said)}" if said else "")


def find_references(text: str) -> list[Reference]:
    """Every back-reference cue of the text, with what its clause says of when and where."""
    if _MAY_CUE.search(text) is None:
        return []
    return every_reference(text)


def every_reference(text: str) -> list[Reference]:
    """`find_references` without its first look for where a cue may begin (tests compare the two)."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for relation, rule, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            clause = text[match.start() : _clause_end(text, match.end())]
            month_year = _MONTH_YEAR.search(clause)
            last = _LAST.search(clause)
            found.append(
                Reference(
                    relation,
                    rule,
                    match.start(),
                    match.end(),
                    match.group(),
                    tuple(int(y) for y in _YEAR.findall(clause)),
                    _MONTHS[month_year.group(1).lower()] if month_year else None,
                    (last.group(1) or "year").lower() if last else None,
                    tuple(sorted({e.lower().replace("’", "'") for e in _EVENT.findall(clause)})),
                )
            )
    return sorted(found, key=lambda r: r.start)


def _clause_end(text: str, start: int) -> int:
    """The clause a cue governs: up to the next sentence end or semicolon, at most 160 characters."""
    stop = re.compile(r"[.;](?:\s|$)").search(text, start)
    end = stop.start() if stop else len(text)
    return min(end, start + 160)
