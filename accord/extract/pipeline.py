"""The extraction pipeline: registered extractors in order, contracts checked when it is built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Imported for their registrations.
from accord.extract import (  # noqa: F401
    actors,
    areas,
    assembly,
    bodies,
    lexicon,
    modality,
    money,
    terms,
    timeframes,
)
from accord.extract.registry import REGISTRY, Extractor, Findings, Trace, check_contracts
from accord.extract.units import Document

DEFAULT = (
    "actors.v1",
    "bodies.v1",
    "modality.v1",
    "areas.v1",
    "money.v1",
    "timeframe.v1",
    "terms.v1",
    "assembly.v1",
)


@dataclass(frozen=True, slots=True)
class Pipeline:
    extractors: tuple[Extractor, ...]

    @property
    def version(self) -> str:
        """Names the extractors and the vocabulary they ran with, so two runs can be compared."""
        return "+".join(e.name for e in self.extractors) + f"@{lexicon.checksum()}"

    def __call__(self, document: Document, trace: Trace | None = None) -> Findings:
        """`trace`, when given, receives every sentence's rule trace (error analysis)."""
        found = Findings(trace=trace)
        for step in self.extractors:
            found.assign(step.assigns, step.run(document, found))
        return found


def build(names: Sequence[str] = DEFAULT) -> Pipeline:
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise KeyError(f"unknown extractors: {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}")
    steps = [REGISTRY[name] for name in names]
    check_contracts(steps)
    # Their scanners are made now, so that the first document is read in one shared pass too.
    for step in steps:
        if step.prepare is not None:
            step.prepare()
    return Pipeline(tuple(steps))
