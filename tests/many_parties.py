"""The G7 Hiroshima fact sheet (eight parties, the EU among them) carried through its life: the
record that the many-party tests, pages, charts and reports share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.lifecycle import Act
from accord.services.assessments import open_cycle, review_cycle, score, write_guideline
from accord.services.commitments import list_commitments
from accord.services.funding import add_flow
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.progress import record_progress
from accord.storage.database import Database

FOLDER = Path(__file__).resolve().parent / "corpus" / "many-parties"
G7_FILE = FOLDER / "g7-hiroshima-summit-fact-sheet-2023-05-21.txt"
G7 = "g7-hiroshima-summit-fact-sheet-2023-05-21"
G7_PARTIES = ["US", "CA", "FR", "DE", "IT", "JP", "GB", "EU"]
LEVELS = [
    "complete",
    "substantial",
    "limited",
    "not_started",
    "substantial",
    "limited",
    "complete",
    "substantial",
]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class G7Record:
    joint: list[int]  # commitments of all eight parties
    health: int  # the joint health-services commitment (due 2025-12-31)


def ingest_g7(db: Database) -> G7Record:
    # A fact sheet is issued on its date and never signed (issue 13); to carry eight parties
    # through a signing lifecycle (issue 11), its text is ingested as an eight-party instrument,
    # the kind given as a flag over the sidecar's.
    ingest_paths(db, [G7_FILE], AgreementMeta(kind=AgreementKind.MOU), by=None)
    views = list_commitments(db, G7)
    joint = [v.id for v in views if v.actors == G7_PARTIES]
    health = next(
        v.id for v in views if v.quote.startswith("G7 leaders committed to work with global partners")
    )
    return G7Record(joint, health)


def sign_by_all(db: Database) -> None:
    """Each party signs on its own day, the EU last."""
    for day, party in enumerate(G7_PARTIES, start=21):
        record(db, G7, Act.SIGN, on=dt.date(2023, 5, day), party=party, by=None)


def carry_through(db: Database) -> G7Record:
    """Signed by every party, progress and money from each, and a reviewed assessment cycle."""
    g7 = ingest_g7(db)
    sign_by_all(db)
    for party, level in zip(G7_PARTIES, LEVELS, strict=True):
        record_progress(
            db, g7.health, party=party, level=level, on=d("2024-03-01"), note=f"{party} report", by=None
        )
        add_flow(
            db,
            G7,
            type="pledge",
            party=party,
            value="250000000",
            currency="USD",
            commitment=g7.health,
            by=None,
        )
        add_flow(
            db,
            G7,
            type="disbursement",
            party=party,
            value="100000000",
            currency="USD",
            commitment=g7.health,
            by=None,
        )
    cycle = open_cycle(db, G7, kind="interim", start=d("2023-05-29"), end=d("2024-05-01"), by=None).id
    for commitment in g7.joint[:3]:
        write_guideline(db, commitment, "+1 delivered in full; 0 under way; -1 nothing done", by=None)
        for position, party in enumerate(G7_PARTIES):
            score(
                db,
                cycle,
                commitment,
                party=party,
                value=position % 3 - 1,
                justification=f"{party} evidence",
                by=None,
            )
    for party in G7_PARTIES:
        review_cycle(db, cycle, party=party, on=d("2024-05-10"), by=None)
    return g7
