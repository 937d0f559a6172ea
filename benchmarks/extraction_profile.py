"""Where extraction spends its time: CPU seconds per pipeline step on the benchmark corpus.

`python -m benchmarks extraction-profile [--mb N]`. Each registered extractor runs wrapped in a
CPU timer (no profiler: its overhead would inflate the steps that call many small functions), and
the text is segmented before it is handed over, so that segmentation is timed on its own. The
automaton pass that all vocabularies share runs inside the first extractor that scans (actors.v1);
it is also timed alone, over the same texts, and shown indented under the steps. It profiles the
engine `accord --version` names (compiled twin or sources; ACCORD_PURE_PYTHON=1 for the sources).
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from accord.extract import engine, extract_text
from accord.extract.extraction import ENGINE
from accord.extract.findings import Finding
from benchmarks.corpus import corpus

if TYPE_CHECKING:
    from accord.extract.registry import Findings
    from accord.extract.units import Document

    Step = Callable[[Document, Findings], list[Finding]]

# The chosen engine's modules: the pipeline, its steps and the shared automaton all of one engine.
_modules = engine.modules(ENGINE.package)
scanning, segment = _modules.scanner, _modules.segment.segment


def _timed(name: str, run: Step, spent: dict[str, float]) -> Step:
    def timed(document: Document, found: Findings) -> list[Finding]:
        started = time.process_time()
        try:
            return run(document, found)
        finally:
            spent[name] += time.process_time() - started

    return timed


def run(megabytes: float = 20.0) -> None:
    documents = corpus(megabytes)
    size_mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    # CPU seconds by step: floats, which a Counter (of integers, to mypy) would not hold.
    spent: defaultdict[str, float] = defaultdict(float)
    plain = _modules.pipeline.build()
    timed = _modules.pipeline.Pipeline(
        tuple(dataclasses.replace(step, run=_timed(step.name, step.run, spent)) for step in plain.extractors)
    )
    extract_text(documents[0], pipeline=timed)
    spent.clear()
    started = time.process_time()
    for text in documents:
        begun = time.process_time()
        provisions = segment(text)
        spent["segmentation"] += time.process_time() - begun
        extract_text(text, parties=("US", "KR"), provisions=provisions, pipeline=timed)
    total = time.process_time() - started
    members, automaton = scanning._Combined.current()
    begun = time.process_time()
    for text in documents:
        scanning._trigger_hits(automaton, text, 0, len(text), len(members))
    shared_pass = time.process_time() - begun
    print(
        f"Extraction on {size_mb:.1f} MB: {total:.2f} s CPU = {size_mb / total:.2f} MB/s "
        f"(engine: {ENGINE.describe()})"
    )
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<16} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")
        if name == "actors.v1":
            print(
                f"    shared automaton pass, in it {shared_pass:6.2f} s  {100 * shared_pass / total:5.1f} %"
            )
    rest = total - sum(spent.values())
    print(f"  {'the rest':<16} {rest:6.2f} s  {100 * rest / total:5.1f} %  (units, parts, results)")
