"""Scoring link suggestions against hand-made lineage gold (`accord eval-links`, and its test).

A gold file lists links {"later": {"document": FILE, "quote"}, "earlier": {"document": FILE,
"quote"}, "relation", "explicit"?}. Documents are found by slug (the file name's stem).
A *gold item* is one later quote with every earlier commitment the gold links it to:

- Recall@3: an item is found when one of the top 3 suggestions (by score) of a stored later span
  overlapping its quote points to a span overlapping one of its gold earlier quotes.
- Top-1 precision: over the items that got any suggestion, the share whose single best
  suggestion (over every overlapping later span) points to a gold earlier quote.
- Explicit: every gold link marked explicit must be among the top 3 of an overlapping span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.services.links import LinkView, list_links
from accord.services.queries import agreement_detail
from accord.storage.database import Database


@dataclass(frozen=True, slots=True)
class ItemResult:
    document: str
    quote: str
    found: bool  # Recall@3
    suggested: bool
    top1_correct: bool
    explicit_links: int
    explicit_found: int


@dataclass(frozen=True, slots=True)
class LinkScores:
    items: list[ItemResult] = field(default_factory=list)

    @property
    def recall_at_3(self) -> float:
        return sum(i.found for i in self.items) / len(self.items) if self.items else 0.0

    @property
    def top1_precision(self) -> float:
        made = [i for i in self.items if i.suggested]
        return sum(i.top1_correct for i in made) / len(made) if made else 0.0

    @property
    def explicit(self) -> tuple[int, int]:
        return sum(i.explicit_found for i in self.items), sum(i.explicit_links for i in self.items)

    def as_json(self) -> dict[str, Any]:
        found, total = self.explicit
        return {
            "items": len(self.items),
            "recall_at_3": round(self.recall_at_3, 4),
            "top1_precision": round(self.top1_precision, 4),
            "suggested_items": sum(i.suggested for i in self.items),
            "explicit_found": found,
            "explicit_total": total,
            "missed": [{"document": i.document, "quote": i.quote} for i in self.items if not i.found],
        }


def _span(text: str, quote: str, where: str) -> tuple[int, int]:
    start = text.find(quote)
    if start < 0:
        raise InputError(f"gold quote not found in {where}: {quote[:60]!r}…", hint="is it the same text?")
    return start, start + len(quote)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_links(db: Database, gold_files: list[Path]) -> LinkScores:
    gold: list[dict[str, Any]] = []
    for path in gold_files:
        try:
            gold += json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(
                f"{path}: not a lineage gold file ({error})", hint="a JSON list of links"
            ) from None
    texts: dict[str, str] = {}

    def text(document: str) -> str:
        slug = document.split(".")[0]
        if slug not in texts:
            texts[slug] = agreement_detail(db, slug).text
        return texts[slug]

    links = list_links(db)
    items: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for link in gold:
        items.setdefault((link["later"]["document"], link["later"]["quote"]), []).append(link)
    results = []
    for (document, quote), gold_links in items.items():
        slug = document.split(".")[0]
        later = _span(text(document), quote, slug)
        targets = [
            (g["earlier"]["document"].split(".")[0], _span(text(g["earlier"]["document"]), g["earlier"]["quote"], g["earlier"]["document"]), bool(g.get("explicit")))
            for g in gold_links
        ]  # fmt: skip
        mine = [
            v for v in links if v.later.agreement == slug and _overlaps((v.later.start, v.later.end), later)
        ]
        mine = [v for v in mine if v.status != "rejected"]

        def hits(view: LinkView, target: tuple[str, tuple[int, int], bool]) -> bool:
            return view.earlier.agreement == target[0] and _overlaps(
                (view.earlier.start, view.earlier.end), target[1]
            )

        top3: list[LinkView] = []
        for span in {(v.later.start, v.later.end) for v in mine}:
            ranked = sorted((v for v in mine if (v.later.start, v.later.end) == span), key=lambda v: -v.score)
            top3 += ranked[:3]
        best = max(mine, key=lambda v: v.score, default=None)
        explicit = [t for t in targets if t[2]]
        results.append(
            ItemResult(
                slug,
                quote,
                found=any(hits(v, t) for v in top3 for t in targets),
                suggested=best is not None,
                top1_correct=best is not None and any(hits(best, t) for t in targets),
                explicit_links=len(explicit),
                explicit_found=sum(any(hits(v, t) for v in top3) for t in explicit),
            )
        )
    return LinkScores(results)
