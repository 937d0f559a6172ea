"""Measuring extraction against gold files, with the matching rule of ANNOTATION.md.

A prediction matches a gold commitment when their spans overlap by at least half of the
shorter one; each gold entry matches at most one prediction (the one it overlaps most).
Borderline gold entries neither reward nor punish. The figures equal those of
shared/corpus/score.py on the same inputs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.extract.diagnosis import Issue, field_issues, miss_cause, spurious_cause
from accord.extract.extraction import extract_text, extraction_json
from accord.extract.registry import Trace
from accord.text.loaders import load


@dataclass(slots=True)
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    actors_ok: int = 0
    strength_ok: int = 0
    area_tp: int = 0
    area_gold: int = 0
    area_pred: int = 0
    amount_gold: int = 0
    amount_ok: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # filled when asked to explain

    def add(self, other: Counts) -> None:
        for name in (
            "gold",
            "pred",
            "tp",
            "actors_ok",
            "strength_ok",
            "area_tp",
            "area_gold",
            "area_pred",
            "amount_gold",
            "amount_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> dict[str, Any]:
        precision = self.tp / self.pred if self.pred else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        area_p = self.area_tp / self.area_pred if self.area_pred else 0.0
        area_r = self.area_tp / self.area_gold if self.area_gold else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "actor_acc": round(self.actors_ok / self.tp, 3) if self.tp else 0.0,
            "strength_acc": round(self.strength_ok / self.tp, 3) if self.tp else 0.0,
            "area_f1": round(2 * area_p * area_r / (area_p + area_r), 3) if area_p + area_r else 0.0,
            "amounts": f"{self.amount_ok}/{self.amount_gold}",
            "gold": self.gold,
            "pred": self.pred,
            "tp": self.tp,
        }


@dataclass(frozen=True, slots=True)
class DocumentScore:
    document: str
    counts: Counts
    terms_gold: dict[str, Any]
    terms_pred: dict[str, Any]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return shorter > 0 and inter >= 0.5 * shorter


def match(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs, used = [], set()
    for g in gold:
        best, best_inter = None, 0
        for j, p in enumerate(predicted):
            if j in used or not _overlaps(g, p):
                continue
            inter = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if inter > best_inter:
                best, best_inter = j, inter
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def _amounts_key(commitment: dict[str, Any]) -> list[tuple[float, Any, Any]]:
    return sorted(
        (float(a.get("value") or 0), a.get("currency"), a.get("actor"))
        for a in commitment.get("amounts") or []
    )


def score(
    gold: dict[str, Any],
    text: str,
    predicted: list[dict[str, Any]],
    name: str,
    trace: Trace | None = None,
) -> Counts:
    """The counts of one document; with the extraction's `trace`, every issue with its cause too."""
    everything = []
    for entry in gold["commitments"]:
        start = text.find(entry["quote"])
        if start < 0:
            raise InputError(
                f"{name}: gold quote not in the text: {entry['quote'][:60]!r}",
                hint="gold quotes must be exact substrings",
            )
        everything.append({**entry, "start": start, "end": start + len(entry["quote"])})
    borderline = [c for c in everything if c.get("borderline")]
    on_border = {id(p) for _, p in match(borderline, predicted)}
    gold_entries = [c for c in everything if not c.get("borderline")]
    preds = [p for p in predicted if id(p) not in on_border]
    pairs = match(gold_entries, preds)
    counts = Counts(gold=len(gold_entries), pred=len(preds), tp=len(pairs))
    counts.actors_ok = sum(sorted(g["actors"]) == sorted(p.get("actors") or []) for g, p in pairs)
    counts.strength_ok = sum(g["strength"] == p.get("strength") for g, p in pairs)
    counts.area_tp = sum(len(set(g["areas"]) & set(p.get("areas") or [])) for g, p in pairs)
    counts.area_gold = sum(len(set(g["areas"])) for g, _ in pairs)
    counts.area_pred = sum(len(set(p.get("areas") or [])) for _, p in pairs)
    with_amounts = [(g, p) for g, p in pairs if g.get("amounts")]
    counts.amount_gold = len(with_amounts)
    counts.amount_ok = sum(_amounts_key(g) == _amounts_key(p) for g, p in with_amounts)
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    counts.missed = [c["quote"] for c in gold_entries if id(c) not in matched_gold]
    counts.spurious = [p.get("quote", "") for p in preds if id(p) not in matched_pred]
    if trace is not None:
        for entry in gold_entries:
            if id(entry) not in matched_gold:
                cause, lines = miss_cause(entry, trace)
                counts.issues.append(Issue("missed", cause, entry["quote"], trace=lines))
        for p in preds:
            if id(p) not in matched_pred:
                lines = tuple(p.get("explanations") or ())
                counts.issues.append(Issue("spurious", spurious_cause(p), p.get("quote", ""), trace=lines))
        for g, p in pairs:
            counts.issues.extend(field_issues(g, p))
    return counts


def evaluate_gold(path: Path, explain: bool = False) -> DocumentScore:
    """Extract the gold file's document (named in it, beside it) and score the result."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", hint="pass gold files (*.gold.json)") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: malformed JSON at line {error.lineno}: {error.msg}", hint="check the gold file"
        ) from None
    if not isinstance(gold, dict) or "document" not in gold or "commitments" not in gold:
        raise InputError(
            f"{path}: not a gold file", hint='a gold file has "document" and "commitments" (ANNOTATION.md)'
        )
    source = load(path.parent / gold["document"])
    date = dt.date.fromisoformat(gold["date"]) if gold.get("date") else None
    # One extraction serves both the scores and, when asked, the trace that explains them.
    trace: Trace | None = {} if explain else None
    extraction = extract_text(source.text, parties=tuple(gold.get("parties") or ()), date=date, trace=trace)
    predicted = extraction_json(extraction, gold)["commitments"]
    if explain:
        for record, commitment in zip(predicted, extraction.commitments, strict=True):
            record["explanations"] = list(commitment.explanations)
    counts = score(gold, source.text, predicted, str(path), trace)
    terms_gold = {"legally_binding": gold.get("legally_binding"), **(gold.get("terms") or {})}
    terms_pred = {"legally_binding": extraction.terms.legally_binding, **extraction.terms.as_json()}
    return DocumentScore(gold["document"], counts, terms_gold, terms_pred)


def gold_files(paths: list[Path]) -> list[Path]:
    """The gold files given, a folder standing for the gold files in it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.gold.json"))
            if not found:
                raise InputError(f"{path} holds no gold files", hint="gold files are named NAME.gold.json")
            out += found
        elif not path.is_file():
            raise InputError(f"{path} does not exist")
        elif not path.name.endswith(".gold.json"):
            raise InputError(f"{path} is not a gold file", hint="gold files are named NAME.gold.json")
        else:
            out.append(path)
    return out


def evaluate(paths: list[Path], explain: bool = False) -> tuple[list[DocumentScore], dict[str, Any]]:
    scores = [evaluate_gold(path, explain) for path in paths]
    total = Counts()
    for document in scores:
        total.add(document.counts)
    return scores, total.summary()
