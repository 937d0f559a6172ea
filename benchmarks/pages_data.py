"""A dashboard database of about 1,000 commitments, built through accord's own services.

Unlike the API benchmark's bulk-inserted million rows, every row here comes from the real
paths a partnership takes: documents recombined from real agreement texts are ingested and
extracted, signed into effect, and then get progress with evidence, an assessment cycle with a
score per commitment and party, funding flows, a Joint Committee meeting with action items.
One agreement is ten times the size of the others, so that its page (the whole text with every
commitment highlighted) is the heaviest page a user can open.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.lifecycle import Act
from accord.services import actions, assessments, funding, lifecycle, meetings, progress
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.maintenance import upgrade_database
from accord.settings import Settings
from accord.storage.database import Database
from benchmarks.corpus import corpus

LEVELS = ["no_evidence", "not_started", "limited", "substantial", "complete"]
DAY = dt.date(2026, 3, 2)


@dataclass(frozen=True, slots=True)
class PagesData:
    url: str  # ACCORD_DATABASE_URL
    commitments: int
    big_agreement: str  # slug of the largest agreement
    commitment_id: int  # a commitment with progress, scores and an action item
    meeting_id: int


def build(folder: Path, target: int = 1_000, seed: int = 11) -> PagesData:
    """Ingest generated documents until `target` commitments are stored, then run the partnership."""
    url = f"sqlite:///{folder / 'pages.db'}"
    db = Database.from_settings(Settings(database_url=url))
    upgrade_database(db)
    rng = random.Random(seed)
    texts = iter(corpus(4.0, seed=seed))
    # Memoranda, which are signed: a joint statement is issued on its date and refuses a signature.
    meta = AgreementMeta(parties=("US", "KR"), date=dt.date(2025, 1, 15), kind=AgreementKind.MOU)
    with tempfile.TemporaryDirectory() as name:
        big = Path(name) / "big-joint-statement.txt"
        big.write_text("\n\n".join(next(texts) for _ in range(10)), encoding="utf-8")
        ingest_paths(db, [big], meta, by=None)
        index = 0
        while len(list_commitments(db)) < target:
            path = Path(name) / f"statement-{index:03d}.txt"
            path.write_text(next(texts), encoding="utf-8")
            ingest_paths(db, [path], meta, by=None)
            index += 1
    views = list_commitments(db)
    for slug in sorted({view.agreement for view in views}):
        for party in ("US", "KR"):
            lifecycle.record(db, slug, Act.SIGN, on=DAY, party=party, by=None)
    cycles = {
        slug: assessments.open_cycle(
            db, slug, kind="interim", start=DAY, end=DAY + dt.timedelta(days=180), by=None
        ).id
        for slug in {view.agreement for view in views}
    }
    for view in views:
        assessments.write_guideline(
            db,
            view.id,
            "+1 when the evidence shows it done, 0 when under way, -1 when nothing was done",
            by=None,
        )
        for party in view.actors:
            level = rng.choice(LEVELS)
            if level != "no_evidence":
                progress.record_progress(
                    db, view.id, party=party, level=level, on=DAY + dt.timedelta(days=rng.randint(1, 200)),
                    note="reported by the programme office",
                    evidence_url=f"https://example.org/evidence/{view.id}/{party}", by=None,
                )  # fmt: skip
            assessments.score(
                db, cycles[view.agreement], view.id, party=party, value=rng.choice((-1, 0, 1)),
                justification="scored against the guideline from the evidence on record", by=None,
            )  # fmt: skip
    chosen = next(view for view in views if view.agreement == "big-joint-statement" and view.actors)
    for party, value in (("US", "2500000000"), ("KR", "1000000000")):
        funding.add_flow(
            db, "big-joint-statement", type="pledge", party=party, value=value, currency="USD", by=None
        )
        funding.add_flow(
            db, "big-joint-statement", type="commitment", party=party, value=str(int(value) // 3),
            currency="USD", commitment=chosen.id, by=None,
        )  # fmt: skip
    meeting = meetings.new_meeting(
        db, "big-joint-statement", on=DAY + dt.timedelta(days=90), place="Seoul", by=None
    )
    for number, view in enumerate(views[:40]):
        actions.add_action(
            db, meeting.id, text=f"Report on commitment {view.id}", owner=view.actors[0] if view.actors else "US",
            due=DAY + dt.timedelta(days=120 + number), commitment=view.id, by=None,
        )  # fmt: skip
    actions.add_action(
        db, meeting.id, text="Report on the chosen commitment", owner="KR", due=DAY + dt.timedelta(days=150),
        commitment=chosen.id, by=None,
    )  # fmt: skip
    db.engine.dispose()
    return PagesData(url, len(views), "big-joint-statement", chosen.id, meeting.id)
