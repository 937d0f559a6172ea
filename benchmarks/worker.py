"""One measured run in its own process, so that peak memory belongs to that run alone.

python -m benchmarks.worker accord|spacy|regex CORPUS_FILE  → prints one JSON line.
The corpus file holds documents separated by form feeds. accord's line names the extraction
engine it measured ("compiled" or "pure", see accord.extract.engine; ACCORD_PURE_PYTHON=1 forces
the pure one).
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Forget the peak so far (Linux: writing 5 to clear_refs resets VmHWM), so the run's own peak shows."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _modal_phrases() -> list[str]:
    """The literal modal phrases of accord's own vocabulary, for the baselines to look for."""
    from accord.extract import lexicon

    data = lexicon.load("modality")
    phrases = []
    for strength in ("firm", "intent", "aspiration"):
        for group in data[strength]:
            for pattern in group["patterns"]:
                if re.fullmatch(r"[a-z' ]+", pattern):
                    phrases.append(pattern)
    return phrases


# Each run is made ready first (vocabularies compiled, models and matchers built, one short text
# read), outside the timer: the table compares throughput, not start-up.
Run = Callable[[], tuple[int, int]]


def prepare_accord(documents: list[str]) -> Run:
    from accord.extract import extract_text

    extract_text(_WARM_UP, parties=("US", "KR"))

    def run() -> tuple[int, int]:
        commitments = 0
        for text in documents:
            commitments += len(extract_text(text, parties=("US", "KR")).commitments)
        return commitments, 0

    return run


def prepare_spacy(documents: list[str]) -> Run:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max(len(d) for d in documents) + 1
    matcher = Matcher(nlp.vocab)
    matcher.add("MODAL", [[{"LOWER": word} for word in phrase.split()] for phrase in _modal_phrases()])
    matcher(nlp(_WARM_UP))

    def run() -> tuple[int, int]:
        found = 0
        sentences = 0
        for doc in nlp.pipe(documents, batch_size=32):
            starts = {doc[start].sent.start for _, start, _ in matcher(doc)}
            found += len(starts)
            sentences += sum(1 for _ in doc.sents)
        return found, sentences

    return run


_WARM_UP = "The Parties will cooperate on research. Korea plans to host the next meeting."


def _trie_pattern(phrases: list[str]) -> str:
    """One alternation of `phrases`, factored by shared beginnings ("agree(?:d|s)? to" ...).

    Python's engine tries the alternatives of a flat alternation one after another at every
    position; factored, it tries a character once. Both match at the same places.
    """
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def prepare_regex(documents: list[str]) -> Run:
    split = re.compile(r"(?<=[.!?])\s+")
    modal = re.compile(r"\b" + _trie_pattern(_modal_phrases()) + r"\b", re.IGNORECASE)

    def run() -> tuple[int, int]:
        found = sentences = 0
        for text in documents:
            for sentence in split.split(text):
                sentences += 1
                if modal.search(sentence):
                    found += 1
        return found, sentences

    return run


PREPARE = {"accord": prepare_accord, "spacy": prepare_spacy, "regex": prepare_regex}


def main() -> None:
    which, path = sys.argv[1], Path(sys.argv[2])
    if which == "spacy":
        import spacy  # noqa: F401  (imported before the baseline so its own size is not counted)
    import accord.extract  # noqa: F401

    documents = path.read_text(encoding="utf-8").split("\f")
    gc.collect()
    _reset_peak()
    baseline = _status_mb("VmRSS")  # before the run is made ready: its vocabulary or model counts
    run = PREPARE[which](documents)
    start, cpu_start = time.perf_counter(), time.process_time()
    found, sentences = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = _status_mb("VmHWM")
    engine: dict[str, str] = {}
    if which == "accord":
        from accord.extract.extraction import ENGINE

        engine = {"engine": ENGINE.name, "engine_reason": ENGINE.reason}
    print(
        json.dumps(
            {
                **engine,
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "found": found,
                "sentences": sentences,
                "peak_mb": peak,
                "baseline_mb": baseline,
            }
        )
    )


if __name__ == "__main__":
    main()
