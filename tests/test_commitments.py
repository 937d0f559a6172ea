"""Stored commitments: listing, review that keeps the original extraction, re-extraction that respects reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from accord.errors import InputError, NotFound
from accord.services.commitments import list_commitments, reextract, review
from accord.services.ingest import ingest_paths
from accord.services.queries import agreement_detail
from accord.storage.database import Database
from accord.storage.tables import CommitmentRow, ReviewRow
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

MOU = EXAMPLES / "us-kr-tpd-mou-2025.txt"
FACT_SHEET = EXAMPLES / "us-kr-fact-sheet-2021.txt"


def test_ingest_stores_commitments_and_terms(db: Database) -> None:
    ingest_paths(db, [MOU, FACT_SHEET], by=None)
    mou = agreement_detail(db, "us-kr-tpd-mou-2025")
    assert mou.summary.legally_binding is False
    assert mou.terms["termination_notice_days"] == 180
    views = list_commitments(db, "us-kr-fact-sheet-2021")
    assert all(v.quote == FACT_SHEET.read_text(encoding="utf-8")[v.start : v.end] for v in views)
    pledges = sorted((a["value"], a["actor"]) for v in views for a in v.amounts)
    assert pledges == [(200_000_000, "KR"), (1_000_000_000, "KR"), (2_500_000_000, "US")]
    korea_only = list_commitments(db, "us-kr-fact-sheet-2021", actor="KR")
    assert {tuple(v.actors) for v in korea_only} >= {("KR",)}
    assert all("KR" in v.actors for v in korea_only)
    health = list_commitments(db, area="health", strength="firm")
    assert health and all("health" in v.areas and v.strength == "firm" for v in health)


def test_review_keeps_the_original_extraction(db: Database) -> None:
    ingest_paths(db, [MOU], by=None)
    first = list_commitments(db, "us-kr-tpd-mou-2025")[1]
    original = first.strength
    changed = review(
        db, first.id, sets=[("strength", "firm"), ("areas", "ai,digital")], reviewer="KR desk", by=None
    )
    assert (changed.strength, changed.areas, changed.review_state) == ("firm", ["ai", "digital"], "edited")
    with db.reading() as session:
        row = session.get(CommitmentRow, first.id)
        assert row is not None and row.extracted["strength"] == original
        assert len(session.scalars(select(ReviewRow).where(ReviewRow.commitment_id == first.id)).all()) == 2
    rejected = review(db, list_commitments(db)[0].id, reject=True, by=None)
    assert rejected.review_state == "rejected"
    assert rejected.id not in [v.id for v in list_commitments(db)]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"sets": [("strength", "mandatory")]}, "unknown strength 'mandatory'"),
        ({"sets": [("areas", "ai,cooking")]}, "unknown area(s): cooking"),
        ({"sets": [("actors", "US,JP")]}, "actors must be parties of the agreement"),
        ({"sets": [("due", "next week")]}, "bad date 'next week'"),
        ({"sets": [("quote", "x")]}, "cannot set 'quote'"),
        ({"accept": True, "reject": True}, "exactly one of"),
    ],
)
def test_bad_reviews_change_nothing(db: Database, kwargs: dict, error: str) -> None:
    ingest_paths(db, [MOU], by=None)
    target = list_commitments(db)[0]
    before = row_counts(db)
    with pytest.raises(InputError) as raised:
        review(db, target.id, **kwargs, by=None)
    assert error in raised.value.message
    assert row_counts(db) == before
    assert list_commitments(db)[0] == target


def test_unknown_commitment(db: Database) -> None:
    ingest_paths(db, [MOU], by=None)
    with pytest.raises(NotFound, match="no commitment 99999"):
        review(db, 99999, accept=True, by=None)


def test_reextract_never_overwrites_a_reviewed_commitment(db: Database) -> None:
    ingest_paths(db, [MOU], by=None)
    views = list_commitments(db, "us-kr-tpd-mou-2025")
    reviewed, untouched = views[2], views[3]
    review(db, reviewed.id, sets=[("strength", "aspiration")], by=None)
    # Simulate an older vocabulary's output on both, as if the extractor had changed since.
    with db.transaction() as session:
        session.execute(
            update(CommitmentRow)
            .where(CommitmentRow.id.in_([reviewed.id, untouched.id]))
            .values(strength="firm", extracted={})
        )
    result = reextract(db, "us-kr-tpd-mou-2025", by=None)
    assert result.updated >= 1 and result.kept_reviewed == 1
    after = {v.id: v for v in list_commitments(db, "us-kr-tpd-mou-2025")}
    assert after[reviewed.id].strength == "firm"  # the reviewed row is left exactly as it was
    assert after[untouched.id].strength == untouched.strength  # the unreviewed one is extracted afresh


def test_cli_review_and_commitments_json(db: Database, database_url: str) -> None:
    ingest_paths(db, [FACT_SHEET], by=None)
    listing = run_accord("commitments", "us-kr-fact-sheet-2021", "--json", database_url=database_url)
    records = json.loads(listing.stdout)
    assert len(records) == len(list_commitments(db))
    first = records[0]["id"]
    done = run_accord(
        "review", str(first), "--set", "strength=intent", "--by", "US desk", database_url=database_url
    )
    assert done.returncode == 0, done.stderr
    bad = run_accord("review", str(first), "--set", "strength", database_url=database_url)
    assert bad.returncode == 1 and "Error: --set needs FIELD=VALUE" in bad.stderr


def test_extract_cli_json_shape_and_no_database(tmp_path: Path) -> None:
    database = tmp_path / "never.db"
    result = run_accord("extract", str(MOU), "--json", database_url=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"document", "commitments"}
    assert set(output["document"]) == {"title", "date", "kind", "parties", "legally_binding", "terms"}
    assert set(output["document"]["terms"]) == {
        "entry_into_force",
        "amendment",
        "termination_notice_days",
        "implementation",
    }
    text = MOU.read_text(encoding="utf-8")
    for commitment in output["commitments"]:
        assert set(commitment) == {
            "start",
            "end",
            "quote",
            "actors",
            "strength",
            "areas",
            "bodies",
            "amounts",
            "timeframe",
            "due",
        }
        assert text[commitment["start"] : commitment["end"]] == commitment["quote"]
    assert not database.exists()
