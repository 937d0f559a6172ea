"""terms.v1: the agreement's operating rules — binding or not, entry into force, amendment,
termination notice, and the framework that implements it."""

from __future__ import annotations

import re

from accord.extract.findings import Finding
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
_FRAMEWORK = re.compile(
    r"\b[Ii]mplement\w*\b[^.;]*?\b(?:through|by|via|under|by means of)\s+(?:a\s+|an\s+|the\s+)?(?P<framework>[A-Z][^.;,]*)"
    r"|(?P<body>(?:Joint|Steering|Management|Coordinating|High-Level|Bilateral)[\w\s-]*?(?:Committee|Council|Commission|Group|Mechanism|Board))"
    r"[^.;]*?\b(?:to\s+)?(?:oversee|coordinate|guide|monitor|supervise|manage)\w*\b",
)


_TELLTALE = Scanner(
    [
        (word, word)
        for word in (
            "binding", "international law", "take effect", "takes effect", "come into effect", "comes into effect",
            "into force", "become effective", "becomes effective", "amend", "notice", "terminat", "discontinu",
            "withdraw", "implementation", "implemented", "oversee", "supervise",
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
        if "legally_binding" in seen:
            pass
        elif match := _NOT_BINDING.search(text, start, end):
            add(
                "legally_binding",
                False,
                match.start(),
                match.end(),
                f"'{match.group(0)}': not legally binding",
                unit.index,
            )
        elif match := _BINDING.search(text, start, end):
            add(
                "legally_binding",
                True,
                match.start(),
                match.end(),
                f"'{match.group(0)}': legally binding",
                unit.index,
            )
        if "entry_into_force" not in seen and (match := _ENTRY.search(text, start, end)):
            rule = match.group("rule").strip()
            add(
                "entry_into_force",
                rule,
                match.start("rule"),
                match.end("rule"),
                f"takes effect {rule}",
                unit.index,
            )
        if "amendment" not in seen and (match := _AMENDMENT.search(text, start, end)):
            rule = match.group("rule").strip()
            add("amendment", rule, match.start("rule"), match.end("rule"), f"amended by {rule}", unit.index)
        if (
            "termination_notice_days" not in seen
            and _TERMINATION.search(text, start, end)
            and "notice" in text[start:end].lower()
            and (match := _NOTICE.search(text, start, end))
        ):
            count = to_number(match.group("count"))
            if count:
                days = count * (30 if match.group("unit").lower().startswith("month") else 1)
                add(
                    "termination_notice_days",
                    days,
                    match.start(),
                    match.end(),
                    f"ends {days} days after notice",
                    unit.index,
                )
        if "implementation" not in seen and (match := _FRAMEWORK.search(text, start, end)):
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
