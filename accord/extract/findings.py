"""What extractors return: a span, the rule that found it, why, and a value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)  # not frozen: made by the hundred thousand, and frozen init is slow
class Finding:
    kind: str  # "actor", "body", "chain", "area", "amount", "timeframe", "term", "not_commitment"
    start: int
    end: int
    rule: str  # "<extractor name>:<rule>", e.g. "modality.v1:plan to"
    explanation: str
    value: Any
    unit: int | None = None  # the sentence unit it lies in; None for document-level findings
