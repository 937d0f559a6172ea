"""Extraction is byte-identical to the stored snapshot on every corpus text (see `snapshot.py`),
on both engines: the sources and their compiled twin (`accord.extract.engine`)."""

from __future__ import annotations

import json
import os

import pytest

from accord.extract import engine
from accord.extract.extraction import default_pipeline
from accord.extract.pipeline import Pipeline
from tests.extract.snapshot import SNAPSHOT, serialise, snapshot

# CI builds the twin (`make install`) and sets this, so that a twin that failed to build fails here.
REQUIRE_COMPILED = "ACCORD_REQUIRE_COMPILED"


@pytest.fixture(params=[engine.PURE, engine.COMPILED_NAME])
def pipeline(request: pytest.FixtureRequest) -> Pipeline:
    if request.param == engine.PURE:
        return default_pipeline("accord")
    chosen = engine.choose()
    if chosen.name != engine.COMPILED_NAME:
        if os.environ.get(REQUIRE_COMPILED):
            pytest.fail(f"{REQUIRE_COMPILED} is set but the compiled engine is not used: {chosen.reason}")
        pytest.skip(f"the compiled engine is not used: {chosen.reason}")
    return default_pipeline(engine.PACKAGE)


def test_every_corpus_text_extracts_as_the_snapshot_says(pipeline: Pipeline) -> None:
    stored = SNAPSHOT.read_text(encoding="utf-8")
    now = snapshot(pipeline)
    # The snapshot names every text: a text added to a corpus fails here until it is snapshotted.
    assert sorted(now) == sorted(json.loads(stored))
    # Named first, so that a failure says which document changed rather than only that one did.
    changed = sorted(name for name, value in json.loads(stored).items() if now.get(name) != value)
    assert changed == [], f"extraction changed on {changed}; regenerate only for an intended rule change"
    assert serialise(now) == stored
