"""terms.v1: the agreement's operating rules — binding or not, entry into force, amendment,
termination notice, and the framework that implements it."""

from __future__ import annotations

import re

from accord.extract.findings import Finding
from accord.extract.literals import folded, may_hold_in, needs
from accord.extract.numbers import WORD_PATTERN, to_number
from accord.extract.registry import Findings, extractor
from accord.extract.scanner import Scanner
from accord.extract.units import Document

NAME = "terms.v1"
_NOT_BINDING = re.compile(
    r"\b(?:(?:does|do|shall|will) not (?:create|constitute|establish|give rise to|impose)\s+(?:any\s+)?legally[- ]binding"
    r"|(?:is|are) not (?:intended to be |)(?:legally )?binding|non-?binding|not (?:legally )?binding under international law"
    r"|(?:does|do) not create (?:any )?(?:legal )?(?:rights or obligations|legal obligations))",
    re.IGNORECASE,
)
_BINDING = re.compile(
    r"\b(?:(?:is|are|shall be) (?:legally )?binding|governed by international law|legally binding (?:obligations|commitments))",
    re.IGNORECASE,
)
_ENTRY = re.compile(
    r"\b(?:take|takes|enter|enters|come|comes|become|becomes)\s+(?:into\s+)?(?:effect|force|effective)\s+"
    r"(?P<rule>(?:up)?on\s+[^.;,]+?|(?:from|as of)\s+[^.;,]+?)(?=\s+and\s+(?:shall|will|remain|may|is|be|continue)\b|[.;,]|$)",
    re.IGNORECASE,
)
_AMENDMENT = re.compile(
    r"\bamend\w*\b[^.;]*?\b(?:through|by|with|upon)\s+(?:the\s+)?(?P<rule>(?:mutual\s+)?(?:written\s+)?"
    r"(?:consent|agreement|exchange of (?:diplomatic )?notes)(?:\s+of\s+the\s+\w+)?)",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    rf"(?P<count>\d+|{WORD_PATTERN})\s*(?:\(\d+\)\s*)?(?P<unit>days?|months?)(?:['’]s?)?",
    re.IGNORECASE,
)
_TERMINATION = re.compile(r"\b(?:terminat\w*|discontinu\w*|withdraw\w*|denounc\w*)\b", re.IGNORECASE)
# The same clauses as Korean agreements write them: "이 양해각서는 서명한 날부터 효력을 발생한다",
# "6개월 전에 서면으로 통보함으로써 ... 종료할 수 있다", "상호 서면 합의에 의하여 개정될 수 있다".
_KOREAN_ENTRY = re.compile(
    r"(?:은|는)\s+(?P<rule>[^.。,]{1,40}?(?:부터|에|후에?))\s*(?:효력을\s?발생|효력이\s?발생|발효)"
)
_KOREAN_NOTICE = re.compile(
    r"(?P<count>\d+)\s?(?P<unit>개월|일)\s?전(?:에|까지)?\s?(?:[가-힣]+\s)?(?:서면으로\s)?(?:통보|통지)"
)
_KOREAN_AMENDMENT = re.compile(
    r"(?P<rule>(?:상호|양\s?(?:참가자|당사자|측)(?:의|간|간의)?|쌍방(?:의)?)\s?(?:서면\s?)?(?:합의|동의))"
    r"(?:에\s?의하여|에\s?따라|로|를\s?통하여)?\s?(?:개정|수정)"
)
_KOREAN_TERMINATION = re.compile(r"종료|폐기")
_KOREAN_NOT_BINDING = re.compile(
    r"법적\s?구속력(?:이|을)?\s?(?:갖지|가지지|발생시키지|창설하지)?\s?(?:않|없|아니)"
)
_FRAMEWORK = re.compile(
    r"\b[Ii]mplement\w*\b[^.;]*?\b(?:through|by|via|under|by means of)\s+(?:a\s+|an\s+|the\s+)?(?P<framework>[A-Z][^.;,]*)"
    r"|(?P<body>(?:Joint|Steering|Management|Coordinating|High-Level|Bilateral)[\w\s-]*?(?:Committee|Council|Commission|Group|Mechanism|Board))"
    r"[^.;]*?\b(?:to\s+)?(?:oversee|coordinate|guide|monitor|supervise|manage)\w*\b",
)


# What every match of each pattern holds (checked by `needs` on import): a sentence that holds none
# of a pattern's literals, in any case, is not searched with it. Most sentences searched here hold
# a telltale of one clause only ("notice", "amend"), and these patterns, matched in any case from a
# word boundary, are tried at every position of the sentence.
_NOT_BINDING_NEEDS = needs(_NOT_BINDING, "binding", "obligations")
_BINDING_NEEDS = needs(_BINDING, "binding", "international law")
_ENTRY_NEEDS = needs(_ENTRY, "effect", "force")
_AMENDMENT_NEEDS = needs(_AMENDMENT, "amend")
_FRAMEWORK_NEEDS = needs(
    _FRAMEWORK, "implement", "committee", "council", "commission", "group", "mechanism", "board"
)
_KOREAN_NOT_BINDING_NEEDS = needs(_KOREAN_NOT_BINDING, "구속력")
_KOREAN_ENTRY_NEEDS = needs(_KOREAN_ENTRY, "효력", "발효")
_KOREAN_AMENDMENT_NEEDS = needs(_KOREAN_AMENDMENT, "개정", "수정")


_TELLTALE = Scanner(
    [
        (word, word)
        for word in (
            "binding", "international law", "take effect", "takes effect", "come into effect", "comes into effect",
            "into force", "become effective", "becomes effective", "amend", "notice", "terminat", "discontinu",
            "withdraw", "implementation", "implemented", "oversee", "supervise",
            "효력", "발효", "개정", "수정", "종료", "폐기", "구속력",
        )
    ],
    word_end=False,
)  # fmt: skip


@extractor(NAME, assigns=("term",))
def find_terms(doc: Document, _found: Findings) -> list[Finding]:
    """Operating clauses, each as a term finding whose value is (field, value)."""
    findings: list[Finding] = []
    seen: set[str] = set()

    def add(field: str, value: object, start: int, end: int, explanation: str, unit: int) -> None:
        if field in seen:
            return
        seen.add(field)
        findings.append(Finding("term", start, end, f"{NAME}:{field}", explanation, (field, value), unit))

    text = doc.text
    # Operating clauses use a few telltale words; the full patterns run only on sentences that have one.
    candidates = sorted(
        {
            u
            for hit_start, hit_end, _payload, _match in _TELLTALE.scan(text, doc.lo, doc.hi, shared=doc.scans)
            if (u := doc.unit_at(hit_start, hit_end)) is not None
        }
    )
    for index in candidates:
        unit = doc.units[index]
        start, end = unit.start, unit.end
        # The sentence lowered once for the tests of all patterns (None: it cannot tell; see folded).
        window = folded(text, start, end)
        if "legally_binding" in seen:
            pass
        elif match := _search(_NOT_BINDING, _NOT_BINDING_NEEDS, window, text, start, end) or _search(
            _KOREAN_NOT_BINDING, _KOREAN_NOT_BINDING_NEEDS, window, text, start, end
        ):
            add(
                "legally_binding",
                False,
                match.start(),
                match.end(),
                f"'{match.group(0)}': not legally binding",
                unit.index,
            )
        elif match := _search(_BINDING, _BINDING_NEEDS, window, text, start, end):
            add(
                "legally_binding",
                True,
                match.start(),
                match.end(),
                f"'{match.group(0)}': legally binding",
                unit.index,
            )
        if "entry_into_force" not in seen and (
            match := _search(_ENTRY, _ENTRY_NEEDS, window, text, start, end)
            or _search(_KOREAN_ENTRY, _KOREAN_ENTRY_NEEDS, window, text, start, end)
        ):
            rule = match.group("rule").strip()
            add(
                "entry_into_force",
                rule,
                match.start("rule"),
                match.end("rule"),
                f"takes effect {rule}",
                unit.index,
            )
        if "amendment" not in seen and (
            match := _search(_AMENDMENT, _AMENDMENT_NEEDS, window, text, start, end)
            or _search(_KOREAN_AMENDMENT, _KOREAN_AMENDMENT_NEEDS, window, text, start, end)
        ):
            rule = match.group("rule").strip()
            add("amendment", rule, match.start("rule"), match.end("rule"), f"amended by {rule}", unit.index)
        if "termination_notice_days" not in seen and (match := _notice(text, start, end, window)):
            count = to_number(match.group("count"))
            if count:
                days = count * (30 if match.group("unit").lower().startswith(("month", "개월")) else 1)
                add(
                    "termination_notice_days",
                    days,
                    match.start(),
                    match.end(),
                    f"ends {days} days after notice",
                    unit.index,
                )
        if "implementation" not in seen and (
            match := _search(_FRAMEWORK, _FRAMEWORK_NEEDS, window, text, start, end)
        ):
            group = "framework" if match.group("framework") else "body"
            framework = match.group(group).strip()
            add(
                "implementation",
                framework,
                match.start(group),
                match.start(group) + len(framework),
                f"implemented through {framework}",
                unit.index,
            )
    return findings


def _search(
    pattern: re.Pattern[str], literals: tuple[str, ...], window: str | None, text: str, start: int, end: int
) -> re.Match[str] | None:
    """pattern.search(text, start, end), where `window` is text[start:end] as `folded` lowers it and
    every match of `pattern` holds one of `literals`."""
    return pattern.search(text, start, end) if may_hold_in(window, literals) else None


def _notice(text: str, start: int, end: int, window: str | None) -> re.Match[str] | None:
    """The period of notice in a sentence about ending the agreement, in English or Korean; `window`
    is text[start:end] as `folded` lowers it."""
    # The cheap test first: most sentences that speak of ending the agreement name no notice.
    # (`folded` answers text[start:end].lower() where it answers at all.)
    lowered = window if window is not None else text[start:end].lower()
    if "notice" in lowered and _TERMINATION.search(text, start, end):
        return _NOTICE.search(text, start, end)
    if _KOREAN_TERMINATION.search(text, start, end):
        return _KOREAN_NOTICE.search(text, start, end)
    return None
