"""The extraction snapshot: what accord extracts from every corpus text, serialised canonically.

`test_snapshot.py` compares today's extraction with the stored snapshot, so that a change made
for speed (or a move of code) cannot change a single finding unnoticed.

Regenerate the snapshot ONLY for an intended change of the rules or the vocabulary, never to make
a failing speed change pass, and read the diff before committing it:

    .venv/bin/python -m tests.extract.snapshot

Every field of every commitment is kept, its rule explanations included, with the document's
terms and the bodies its commitments name. Besides each text on its own, all of them joined make
one long document, which is read part by part (the path a long document takes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.extract import Extraction, extract_text
from accord.extract.files import document_meta

if TYPE_CHECKING:
    from accord.extract.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).resolve().parent / "data" / "extraction-snapshot.json"
JOINED = "(all texts joined)"


def corpus_texts() -> list[Path]:
    """Every text the tests and the benchmark corpus are made of, in a fixed order."""
    return sorted([*(ROOT / "tests" / "corpus").rglob("*.txt"), *(ROOT / "examples").rglob("*.txt")])


def canonical(extraction: Extraction) -> dict[str, Any]:
    terms = extraction.terms
    return {
        "terms": {
            "legally_binding": terms.legally_binding,
            "entry_into_force": terms.entry_into_force,
            "amendment": terms.amendment,
            "termination_notice_days": terms.termination_notice_days,
            "implementation": terms.implementation,
        },
        "bodies": {name: list(value) for name, value in sorted(extraction.bodies.items())},
        "commitments": [
            {
                "span": [c.start, c.end],
                "provision": c.provision,
                "actors": list(c.actors),
                "strength": c.strength.value,
                "areas": list(c.areas),
                "bodies": list(c.bodies),
                "amounts": [[a.value, a.currency, a.actor, a.period, a.start, a.end] for a in c.amounts],
                "timeframe": c.timeframe,
                "due": c.due.isoformat() if c.due else None,
                "explanations": list(c.explanations),
            }
            for c in extraction.commitments
        ],
    }


def snapshot(pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Each text's canonical extraction by its path, and that of all of them joined.

    `pipeline` names the engine (see `accord.extract.engine`): by default, the chosen one."""
    out: dict[str, Any] = {}
    texts = []
    for path in corpus_texts():
        meta = document_meta(path)
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        out[path.relative_to(ROOT).as_posix()] = canonical(
            extract_text(text, parties=meta.parties, date=meta.date, pipeline=pipeline)
        )
    out[JOINED] = canonical(extract_text("\n\n".join(texts), pipeline=pipeline))
    return out


def serialise(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(serialise(snapshot()), encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
