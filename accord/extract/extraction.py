"""Extraction's entry point: text in, commitments and terms out. Pure: it never touches the
database; `services.commitments` stores what it returns.

The pipeline's last step, `assembly.v1`, builds the commitments from the other extractors'
findings; a long document is read part by part so that findings never pile up for all of it.

The pipeline, the document and the segmentation come from one engine (`engine`): the compiled
twin of the extraction path when it is built and matches the sources, the sources otherwise.
A pipeline given by the caller brings its own engine's.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from accord.domain.commitments import Commitment, Terms
from accord.domain.provisions import Provision
from accord.extract import engine
from accord.extract.findings import Finding

if TYPE_CHECKING:
    from accord.extract.pipeline import Pipeline
    from accord.extract.registry import Findings, Trace

ENGINE = engine.chosen()


@cache
def default_pipeline(package: str | None = None) -> Pipeline:
    """The default pipeline of the chosen engine, or of the engine whose modules are in `package`."""
    pipeline: Pipeline = engine.modules(package or ENGINE.package).pipeline.build()
    return pipeline


def _engine_of(pipeline: Pipeline) -> engine.Modules:
    """The modules of the engine `pipeline` was built by."""
    package = _PACKAGES.get(type(pipeline))
    if package is None:
        for cls in type(pipeline).__mro__:
            if cls.__name__ == "Pipeline" and cls.__module__.endswith(".extract.pipeline"):
                package = _PACKAGES[type(pipeline)] = cls.__module__.split(".")[0]
                break
        else:
            raise TypeError(f"{type(pipeline).__qualname__} is not an extraction pipeline")
    return engine.modules(package)


_PACKAGES: dict[type, str] = {}


@dataclass(frozen=True, slots=True)
class Extraction:
    text: str
    provisions: list[Provision]
    commitments: list[Commitment]
    terms: Terms
    findings: Findings = field(repr=False)  # all of them for a short document; none for a long one
    version: str
    bodies: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # name → (party, kind), as used


def segment(text: str) -> list[Provision]:
    """The provision tree of `text`, segmented by the chosen engine: `extract_text` takes only
    provisions of its own engine's class, the compiled one checking it."""
    provisions: list[Provision] = engine.modules(ENGINE.package).segment.segment(text)
    return provisions


def extract_text(
    text: str,
    *,
    parties: tuple[str, ...] = (),
    date: dt.date | None = None,
    provisions: list[Provision] | None = None,
    pipeline: Pipeline | None = None,
    trace: Trace | None = None,
) -> Extraction:
    """`trace`, when given, receives every sentence's rule trace (error analysis)."""
    with _collector_paused():
        return _extract(text, parties, date, provisions, pipeline or default_pipeline(), trace)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Extraction allocates many small objects and no cycles; scanning them all again and again
    for garbage cycles made long documents slower per megabyte than short ones."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(
    text: str,
    parties: tuple[str, ...],
    date: dt.date | None,
    provisions: list[Provision] | None,
    pipeline: Pipeline,
    trace: Trace | None = None,
) -> Extraction:
    modules = _engine_of(pipeline)
    new_document, new_findings = modules.units.Document, modules.registry.Findings
    provisions = provisions if provisions is not None else modules.segment.segment(text)
    # The reading text is a second copy of the text: for an agreement it costs nothing, for a
    # book-sized file it would double the memory that the parts are there to keep low.
    reading = modules.segment.unwrapped(text, provisions) if len(text) <= UNWRAP_CHARS else text
    # A text no longer than a part is one part whatever its tree: its parts need not be worked out.
    parts = list(_parts(provisions, PART_CHARS)) if len(text) > PART_CHARS else []
    if len(parts) <= 1:
        document = new_document(reading, provisions, parties, date, source=text)
        found = pipeline(document, trace)
        whole = _commitments(found)
        found.drop_caches()  # the findings are kept with the result; the lookups built on them need not be
        return Extraction(
            text, provisions, whole, _terms(found), found, pipeline.version, _bodies_used(found, whole)
        )
    # A long document is read part by part, so that findings never pile up for all of it at once;
    # of each part only its commitments, terms and the bodies they name are kept.
    commitments: list[Commitment] = []
    bodies: dict[str, tuple[str | None, str]] = {}
    term_findings: list[Finding] = []
    for first, last, lo, hi in parts:
        document = new_document(
            reading, provisions, parties, date, first=first, last=last, lo=lo, hi=hi, source=text
        )
        found = pipeline(document, trace)
        part = _commitments(found)
        commitments.extend(part)
        bodies.update(_bodies_used(found, part))
        term_findings.extend(found["term"])
    terms_found = new_findings()
    terms_found.add("term", _first_per_field(term_findings))
    return Extraction(
        text, provisions, commitments, _terms(terms_found), new_findings(), pipeline.version, bodies
    )


def _commitments(found: Findings) -> list[Commitment]:
    return [finding.value for finding in found["commitment"]]


def _bodies_used(found: Findings, commitments: list[Commitment]) -> dict[str, tuple[str | None, str]]:
    used = {name for commitment in commitments for name in commitment.bodies}
    out: dict[str, tuple[str | None, str]] = {}
    for finding in found["body"]:
        if finding.value.name in used:
            out.setdefault(finding.value.name, (finding.value.party, finding.value.kind))
    return out


PART_CHARS = 200_000  # a part's findings are a few times its size; small parts keep the peak low
UNWRAP_CHARS = 2_000_000  # the longest text whose wrapped lines are read as one (a long treaty is 500,000)


def _first_per_field(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in sorted(findings, key=lambda f: f.start):
        seen.setdefault(finding.value[0], finding)
    return list(seen.values())


def _parts(provisions: list[Provision], size: int) -> Iterator[tuple[int, int, int, int]]:
    """(first, last, lo, hi): ranges of whole subtrees of the provision tree, each about `size` characters.

    A subtree larger than `size` is split among its children.
    """
    count = len(provisions)
    if count == 0:
        return
    subtree_end = [count] * count
    stack: list[int] = []
    for provision in provisions:
        while stack and provisions[stack[-1]].depth >= provision.depth:
            subtree_end[stack.pop()] = provision.index
        stack.append(provision.index)
    pending: list[int] = [i for i in range(count) if provisions[i].parent_index < 0][::-1]
    current: tuple[int, int, int, int] | None = None
    while pending:
        index = pending.pop()
        node = provisions[index]
        end = subtree_end[index]
        if node.end - node.start > size and end > index + 1:
            children = [i for i in range(index + 1, end) if provisions[i].parent_index == index]
            pending.extend(reversed(children))
            continue
        if current is not None and current[1] == index and node.end - current[2] <= size:
            current = (current[0], end, current[2], node.end)
            continue
        if current is not None:
            yield current
        current = (index, end, node.start, node.end)
    if current is not None:
        yield current


def extraction_json(extraction: Extraction, meta: dict[str, Any]) -> dict[str, Any]:
    """The `accord extract --json` shape: document metadata and terms, then the commitments."""
    terms = extraction.terms
    return {
        "document": {
            "title": meta.get("title"),
            "date": meta.get("date"),
            "kind": meta.get("kind"),
            "parties": list(meta.get("parties") or []),
            "legally_binding": terms.legally_binding,
            "terms": terms.as_json(),
        },
        "commitments": [commitment.as_json() for commitment in extraction.commitments],
    }


def _terms(found: Findings) -> Terms:
    values = {f.value[0]: f.value[1] for f in found["term"]}
    return Terms(
        legally_binding=values.get("legally_binding"),
        entry_into_force=values.get("entry_into_force"),
        amendment=values.get("amendment"),
        termination_notice_days=values.get("termination_notice_days"),
        implementation=values.get("implementation"),
    )
