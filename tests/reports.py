"""A scored assessment cycle of the MOU, built through the services, for the report tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.services.assessments import open_cycle, score, write_guideline
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.progress import record_progress
from accord.storage.database import Database
from tests.conftest import EXAMPLES

SLUG = "us-kr-tpd-mou-2025"
KOREAN_NOTE = "과학기술정보통신부 중간 보고서"
KOREAN_JUSTIFICATION = "한국 측 이행 진행 중"


@dataclass(frozen=True, slots=True)
class Scored:
    cycle: int
    scores: dict[tuple[int, str], int]  # (commitment, party) → score
    commitments: list[int]


def scored_mou(db: Database) -> Scored:
    """Every commitment × actor of the MOU scored, the scores spread over −1, 0 and +1 so that
    each cell differs from its neighbours; KR's evidence and justifications are in Korean."""
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    cycle = open_cycle(
        db, SLUG, kind="interim", start=dt.date(2025, 10, 29), end=dt.date(2026, 10, 28), by=None
    )
    scores: dict[tuple[int, str], int] = {}
    views = list_commitments(db, SLUG)
    for i, view in enumerate(views):
        write_guideline(db, view.id, "+1: acted on as written; 0: work under way; −1: nothing done", by=None)
        for j, party in enumerate(view.actors):
            value = (i + j) % 3 - 1
            if party == "KR":
                record_progress(
                    db, view.id, party="KR", level="substantial", on=dt.date(2026, 3, 1),
                    evidence_url=f"https://www.msit.go.kr/report/{view.id}", note=KOREAN_NOTE, by=None,
                )  # fmt: skip
                justification = f"{KOREAN_JUSTIFICATION} ({view.id})"
            else:
                justification = f"U.S. agencies report on commitment {view.id}."
            score(db, cycle.id, view.id, party=party, value=value, justification=justification, by=None)
            scores[(view.id, party)] = value
    # Recorded after the period ends: not evidence for this cycle.
    record_progress(
        db,
        views[0].id,
        party="US",
        level="complete",
        on=dt.date(2026, 11, 5),
        note="after the period",
        by=None,
    )
    return Scored(cycle.id, scores, [v.id for v in views])
