"""Extraction is byte-identical to the stored snapshot on every corpus text (see `snapshot.py`)."""

from __future__ import annotations

import json

from tests.extract.snapshot import SNAPSHOT, serialise, snapshot


def test_every_corpus_text_extracts_as_the_snapshot_says() -> None:
    stored = SNAPSHOT.read_text(encoding="utf-8")
    now = snapshot()
    # The snapshot names every text: a text added to a corpus fails here until it is snapshotted.
    assert sorted(now) == sorted(json.loads(stored))
    # Named first, so that a failure says which document changed rather than only that one did.
    changed = sorted(name for name, value in json.loads(stored).items() if now.get(name) != value)
    assert changed == [], f"extraction changed on {changed}; regenerate only for an intended rule change"
    assert serialise(now) == stored
