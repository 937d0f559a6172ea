"""Error analysis against gold: every miss, every spurious finding and every wrong field, with the
rule trace of the sentences involved, grouped by cause (`accord eval -v --explain`).

The causes are read from the trace that `assemble` leaves for each sentence, so that the
groups name the rule to change, not the symptom.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accord.extract.units import Document
from accord.services.extraction import assemble, default_pipeline
from accord.text.segment import segment


@dataclass(frozen=True, slots=True)
class Issue:
    kind: str  # "missed", "spurious", "actors", "strength", "areas", "amounts"
    cause: str  # the group it belongs to
    quote: str
    detail: str = ""  # gold against prediction, for wrong fields
    trace: tuple[str, ...] = ()


@dataclass(slots=True)
class Diagnosis:
    document: str
    issues: list[Issue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    trace: tuple[str, ...]


def traced_sentences(text: str, parties: tuple[str, ...], date: dt.date | None) -> list[_Sentence]:
    """Every sentence of the text with the trace that assembly left for it."""
    document = Document(text, segment(text), parties, date)
    found = default_pipeline()(document)
    trace: dict[int, list[str]] = {}
    assemble(document, found, trace)
    return [
        _Sentence(unit.start, unit.end, tuple(trace.get(unit.index, ["no candidate verb: never assembled"])))
        for unit in document.units
    ]


def _overlapping(sentences: list[_Sentence], start: int, end: int) -> list[_Sentence]:
    return [s for s in sentences if s.start < end and start < s.end]


_QUOTED = re.compile(r"'[^']*'")


def _verdict(trace: Iterable[str]) -> str:
    for line in trace:
        if line.startswith("verdict: "):
            return line.removeprefix("verdict: ")
    return "never assembled"


def miss_cause(gold: dict[str, Any], sentences: list[_Sentence]) -> tuple[str, tuple[str, ...]]:
    """Why a gold commitment was not found: the verdict on the sentences it lies in."""
    inside = _overlapping(sentences, gold["start"], gold["end"])
    if not inside:
        return "segmentation: no sentence covers the quote", ()
    trace = tuple(line for s in inside for line in s.trace)
    skips = [line.removeprefix("skipped: ") for line in trace if line.startswith("skipped: ")]
    verdicts = {_verdict(s.trace) for s in inside}
    if any(v.startswith("commitment") for v in verdicts):
        return "segmentation: found, but the sentence spans differ from the quote", trace
    if skips:
        return f"item skipped: {skips[-1]}", trace
    return _QUOTED.sub("'…'", sorted(verdicts)[0]), trace


def spurious_cause(prediction: dict[str, Any]) -> str:
    """The rule that made a spurious commitment: its first trace line, with its words kept."""
    trace = prediction.get("explanations") or []
    if not trace:
        return "no trace"
    first = trace[0]
    if "lead-in lends" in " ".join(trace):
        return "a list item under a lead-in"
    if first.startswith("a follow-on sentence"):
        return "a follow-on sentence"
    return first.split(" → ")[0].split(";")[0]


def field_issues(gold: dict[str, Any], pred: dict[str, Any]) -> list[Issue]:
    """Wrong actors, strength, areas or amounts on a matched pair."""
    trace = tuple(pred.get("explanations") or ())
    out: list[Issue] = []
    if sorted(gold["actors"]) != sorted(pred.get("actors") or []):
        detail = f"gold {'+'.join(gold['actors'])}, found {'+'.join(pred.get('actors') or [])}"
        out.append(Issue("actors", detail, gold["quote"], detail, trace))
    if gold["strength"] != pred.get("strength"):
        detail = f"gold {gold['strength']}, found {pred.get('strength')}"
        out.append(Issue("strength", detail, gold["quote"], detail, trace))
    gold_areas, found_areas = set(gold["areas"]), set(pred.get("areas") or [])
    for area in sorted(gold_areas - found_areas):
        out.append(Issue("areas", f"missing {area}", gold["quote"], f"found {sorted(found_areas)}", trace))
    for area in sorted(found_areas - gold_areas):
        out.append(Issue("areas", f"extra {area}", gold["quote"], f"gold {sorted(gold_areas)}", trace))
    if gold.get("amounts") and gold.get("amounts") != [
        {k: a.get(k) for k in ("value", "currency", "actor", "period")} for a in pred.get("amounts") or []
    ]:
        detail = f"gold {gold['amounts']}, found {pred.get('amounts')}"
        out.append(Issue("amounts", "amount differs", gold["quote"], detail, trace))
    return out


def group(issues: Iterable[Issue]) -> dict[tuple[str, str], list[Issue]]:
    """Issues by (kind, cause), the largest groups first."""
    groups: dict[tuple[str, str], list[Issue]] = {}
    for issue in issues:
        groups.setdefault((issue.kind, issue.cause), []).append(issue)
    return dict(sorted(groups.items(), key=lambda item: (item[0][0], -len(item[1]), item[0][1])))
