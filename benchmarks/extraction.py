"""Extraction throughput and memory: accord vs spaCy (sentencizer + Matcher for the same modal
verbs) vs a bare regular-expression split and modal scan, each in its own process, in one run."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import corpus
from benchmarks.report import Row, print_rows


def _measure(which: str, path: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", which, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run(megabytes: float = 20.0, single_megabytes: float = 100.0, rounds: int = 2) -> None:
    documents = corpus(megabytes)
    size_mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text("\f".join(documents), encoding="utf-8")
        runs = (
            ("accord", "accord extract (all rules)", "commitments"),
            ("spacy", "spaCy sentencizer + Matcher", "modal sentences"),
            ("regex", "bare regex split + modal scan", "modal sentences"),
        )
        # The runs take turns, `rounds` times, and each keeps its best time: a burst of other work on
        # the shared machine then slows one round of a run, not the run's figure.
        results: dict[str, list[dict[str, Any]]] = {which: [] for which, _, _ in runs}
        for _ in range(rounds):
            for which, _, _ in runs:
                results[which].append(_measure(which, path))
        rows = []
        cpu: dict[str, float] = {}
        for which, name, unit in runs:
            best = min(results[which], key=lambda r: r["seconds"])
            cpu[which] = min(r["cpu_seconds"] for r in results[which])
            rows.append(
                Row(
                    name,
                    size_mb,
                    best["seconds"],
                    int(best["found"]),
                    unit,
                    max(r["peak_mb"] - r["baseline_mb"] for r in results[which]),
                )
            )
        title = f"Extraction on {size_mb:.1f} MB ({len(documents)} documents), best of {rounds} rounds"
        print_rows(title, rows, baseline=1, floor=2)
        engines = sorted({f"{r['engine']} ({r['engine_reason']})" for r in results["accord"]})
        print(f"accord's extraction engine: {', '.join(engines)}")
        accord = rows[0]
        print(
            f"accord: {accord.units / accord.seconds:,.0f} commitments/s, "
            f"{accord.mb_per_s / rows[1].mb_per_s:.1f}× spaCy's throughput; peak working memory above the "
            f"loaded corpus: accord {accord.peak_mb:.0f} MB, spaCy {rows[1].peak_mb:.0f} MB"
        )
        # On a shared machine the wall clock also counts the time others' work kept a run waiting;
        # CPU time counts only each run's own work, so its ratio moves less from run to run.
        print(
            f"on CPU time: accord {cpu['spacy'] / cpu['accord']:.1f}× spaCy, "
            f"bare regex {cpu['spacy'] / cpu['regex']:.1f}× spaCy"
        )

        single = Path(folder) / "single.txt"
        repeats = int(single_megabytes / size_mb) + 1
        with single.open("w", encoding="utf-8") as handle:
            for _ in range(repeats):
                handle.write("\n\n".join(documents))
        single_mb = single.stat().st_size / 1e6
        result = _measure("accord", single)  # the same engine: the twin is current or it is not
        used = result["peak_mb"] - result["baseline_mb"]
        print(
            f"one {single_mb:.0f} MB document: {result['seconds']:.1f} s ({single_mb / result['seconds']:.1f} MB/s), "
            f"{int(result['found']):,} commitments, peak memory above the loaded text {used:,.0f} MB "
            f"= {used / single_mb:.1f}× the input size"
        )
