"""Registered extractors with versioned names and declared contracts (spaCy's requires/assigns)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from accord.extract.findings import Finding
from accord.extract.units import Document

_PLACE = attrgetter("start", "end")

Trace = dict[tuple[int, int], list[str]]  # a sentence's [start, end) → its rule trace and verdict


@dataclass(slots=True)
class Findings:
    """Findings by kind, each list in document order, with lookups by span and by unit."""

    by_kind: dict[str, list[Finding]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _units: dict[str, dict[int, list[Finding]]] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)  # extractors' per-document caches
    trace: Trace | None = None  # when given, the assembly writes each sentence's rule trace here

    def add(self, kind: str, findings: list[Finding]) -> None:
        existing = self.by_kind.get(kind)
        if existing:
            existing.extend(findings)
            existing.sort(key=_PLACE)
        else:
            # Most steps return their findings in order already: checked at a tenth of a sort's
            # cost, which makes a (start, end) tuple for every finding.
            self.by_kind[kind] = list(findings) if _in_order(findings) else sorted(findings, key=_PLACE)
        self._starts.pop(kind, None)
        self._units.pop(kind, None)

    def assign(self, kinds: tuple[str, ...], produced: list[Finding]) -> None:
        """Adds each of `kinds`' findings among `produced`; any other kind is not the step's to assign."""
        for kind in kinds:
            self.add(kind, [finding for finding in produced if finding.kind == kind])

    def drop_caches(self) -> None:
        """Forget the lookups and extractors' memos; they are made again when asked for."""
        self._starts.clear()
        self._units.clear()
        self.memo.clear()

    def __getitem__(self, kind: str) -> list[Finding]:
        return self.by_kind.get(kind, [])

    def within(self, kind: str, start: int, end: int) -> list[Finding]:
        """Findings of `kind` lying inside [start, end)."""
        items = self.by_kind.get(kind, [])
        starts = self._starts.get(kind)
        if starts is None:
            starts = self._starts[kind] = [f.start for f in items]
        out = []
        for i in range(bisect_left(starts, start), len(items)):
            finding = items[i]
            if finding.start >= end:
                break
            if finding.end <= end:
                out.append(finding)
        return out

    def ranges(self, kind: str, gap: int = 2) -> list[tuple[int, int]]:
        """The spans of `kind`'s findings, merged where they touch (within `gap` characters)."""
        merged: list[tuple[int, int]] = []
        for finding in self.by_kind.get(kind, []):
            if merged and finding.start - merged[-1][1] <= gap:
                merged[-1] = (merged[-1][0], max(merged[-1][1], finding.end))
            else:
                merged.append((finding.start, finding.end))
        return merged

    def in_unit(self, kind: str, unit: int) -> list[Finding]:
        return self.by_unit(kind).get(unit, [])

    def by_unit(self, kind: str) -> dict[int, list[Finding]]:
        """Findings of `kind` by the unit they lie in (read-only; for loops over every unit)."""
        per_unit = self._units.get(kind)
        if per_unit is None:
            per_unit = self._units[kind] = {}
            for finding in self.by_kind.get(kind, []):
                if finding.unit is not None:
                    per_unit.setdefault(finding.unit, []).append(finding)
        return per_unit


def _in_order(findings: list[Finding]) -> bool:
    """Are `findings` sorted by (start, end), as sorting them by _PLACE would leave them?"""
    last_start = last_end = -1
    for finding in findings:
        start: int = finding.start
        end: int = finding.end
        if start < last_start or (start == last_start and end < last_end):
            return False
        last_start, last_end = start, end
    return True


ExtractFn = Callable[[Document, Findings], list[Finding]]


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str  # "<what>.v<version>", e.g. "modality.v1"
    requires: tuple[str, ...]  # finding kinds it reads
    assigns: tuple[str, ...]  # finding kinds it produces
    run: ExtractFn
    description: str
    # Loads and compiles what the extractor needs (its vocabulary), before any document is read.
    prepare: Callable[[], object] | None = None


REGISTRY: dict[str, Extractor] = {}


def extractor(
    name: str,
    *,
    requires: tuple[str, ...] = (),
    assigns: tuple[str, ...],
    prepare: Callable[[], object] | None = None,
) -> Callable[[ExtractFn], ExtractFn]:
    def register(run: ExtractFn) -> ExtractFn:
        if name in REGISTRY:
            raise ValueError(f"extractor {name} registered twice")
        description = (run.__doc__ or "").strip().split("\n")[0]
        REGISTRY[name] = Extractor(name, requires, assigns, run, description, prepare)
        return run

    return register


class PipelineError(Exception):
    pass


def check_contracts(extractors: list[Extractor]) -> None:
    """Every kind an extractor requires must be assigned by one that runs before it."""
    assigned: set[str] = set()
    for step in extractors:
        missing = [kind for kind in step.requires if kind not in assigned]
        if missing:
            raise PipelineError(
                f"{step.name} requires {', '.join(missing)}, which no earlier extractor assigns"
            )
        assigned.update(step.assigns)
