"""Error analysis against gold: every miss, every spurious finding and every wrong field, with the
rule trace of the sentences involved, grouped by cause (`accord eval -v --explain`).

The causes are read from the trace that `assemble` leaves for each sentence, so that the
groups name the rule to change, not the symptom.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.extract.registry import Trace


@dataclass(frozen=True, slots=True)
class Issue:
    kind: str  # "missed", "spurious", "actors", "strength", "areas", "amounts"
    cause: str  # the group it belongs to
    quote: str
    detail: str = ""  # gold against prediction, for wrong fields
    trace: tuple[str, ...] = ()


def _overlapping(trace: Trace, start: int, end: int) -> list[tuple[str, ...]]:
    """The traces of the sentences that overlap [start, end), in document order."""
    return [
        tuple(lines) for (s_start, s_end), lines in sorted(trace.items()) if s_start < end and start < s_end
    ]


_QUOTED = re.compile(r"'[^']*'")


def _verdict(trace: Iterable[str]) -> str:
    for line in trace:
        if line.startswith("verdict: "):
            return line.removeprefix("verdict: ")
    return "never assembled"


def miss_cause(gold: dict[str, Any], trace: Trace) -> tuple[str, tuple[str, ...]]:
    """Why a gold commitment was not found: the verdict on the sentences it lies in."""
    inside = _overlapping(trace, gold["start"], gold["end"])
    if not inside:
        return "segmentation: no sentence covers the quote", ()
    lines = tuple(line for sentence in inside for line in sentence)
    skips = [line.removeprefix("skipped: ") for line in lines if line.startswith("skipped: ")]
    verdicts = {_verdict(sentence) for sentence in inside}
    if any(v.startswith("commitment") for v in verdicts):
        return "segmentation: found, but the sentence spans differ from the quote", lines
    if skips:
        return f"item skipped: {skips[-1]}", lines
    return _QUOTED.sub("'…'", sorted(verdicts)[0]), lines


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
