"""An extraction survives pickling and copying on both engines: the compiled classes that write
their own __init__ (see `accord.extract.engine`, "Dataclasses") are pickled through __reduce__."""

from __future__ import annotations

import copy
import pickle

import pytest

from accord.extract import extract_text
from accord.extract.pipeline import Pipeline
from tests.extract.test_snapshot import pipeline  # noqa: F401  (the fixture: both engines)

TEXT = (
    "The United States and the Republic of Korea will invest $5 million over five years in joint "
    "AI research by 2030.\n\nThe National Science Foundation plans to:\n\n- fund quantum research;\n"
)


@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_an_extraction_and_its_findings_come_back_equal(pipeline: Pipeline, how: str) -> None:  # noqa: F811
    extraction = extract_text(TEXT, parties=("US", "KR"), pipeline=pipeline)
    back = pickle.loads(pickle.dumps(extraction)) if how == "pickle" else copy.deepcopy(extraction)
    assert back.provisions == extraction.provisions
    assert back.commitments == extraction.commitments
    kinds = ("actor", "body", "chain", "amount", "timeframe")
    assert all(extraction.findings[kind] for kind in kinds)
    for kind in kinds:
        assert back.findings[kind] == extraction.findings[kind]
        assert [type(f.value) for f in back.findings[kind]] == [
            type(f.value) for f in extraction.findings[kind]
        ]
