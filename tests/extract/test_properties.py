"""Every finding points at its own characters, and every commitment lies inside one provision."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.extract import Extraction, extract_text
from tests.conftest import EXAMPLES, ROOT
from tests.test_segment_properties import documents

REAL = sorted(EXAMPLES.glob("*.txt")) + sorted((ROOT / "tests" / "corpus" / "own").glob("*.txt"))

PHRASES = st.sampled_from(
    [
        "The United States will",
        "Korea plans to",
        "We aspire to",
        "The Participants intend to",
        "Both sides may",
        "대한민국 정부는",
        "launch a $2.5 billion fund over five years",
        "provide KRW 50 billion by 2026",
        "establish a Joint Working Group on quantum this year",
        "within 180 days",
        "the National Science Foundation (NSF)",
        "지원할 예정이다.",
        "This MOU will take effect upon signature.",
        "- Explore AI safety;",
        "Together, Japan and Korea will:",
    ]
)


@st.composite
def agreement_texts(draw: st.DrawFn) -> str:
    base = draw(documents())
    words = base.split(" ")
    for _ in range(draw(st.integers(1, 8))):
        words.insert(draw(st.integers(0, len(words))), draw(PHRASES))
    return " ".join(words)


def check(extraction: Extraction) -> None:
    text = extraction.text
    provisions = extraction.provisions
    for kind, findings in extraction.findings.by_kind.items():
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(text), kind
    for commitment in extraction.commitments:
        assert text[commitment.start : commitment.end] == commitment.quote
        provision = provisions[commitment.provision]
        assert provision.start <= commitment.start and commitment.end <= provision.end
        for amount in commitment.amounts:
            assert commitment.start <= amount.start < amount.end <= commitment.end
        assert set(commitment.actors) <= {"US", "KR", "JP"}


@settings(max_examples=75, deadline=None)
@given(agreement_texts())
def test_generated_documents(text: str) -> None:
    check(extract_text(text, parties=("US", "KR", "JP")))


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    extraction = extract_text(text, parties=("US", "KR", "JP"))
    check(extraction)
    assert extraction.commitments
