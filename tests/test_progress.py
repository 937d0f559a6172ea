"""Progress with evidence, per commitment and party, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.progress import current_levels, history, record_progress
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

FACT_SHEET = EXAMPLES / "us-kr-fact-sheet-2021.txt"


def korean_only(db: Database) -> int:
    return next(v.id for v in list_commitments(db, actor="KR") if v.actors == ["KR"])


def test_progress_history_and_current_levels(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [FACT_SHEET], by=None)
    commitment = korean_only(db)
    assert current_levels(db, commitment) == {"KR": "no_evidence"}
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 evidence")
    record_progress(
        db, commitment, party="KR", level="limited", on=dt.date(2022, 1, 5), note="first call issued", by=None
    )
    record_progress(
        db,
        commitment,
        party="KR",
        level="substantial",
        on=dt.date(2023, 3, 1),
        evidence_url="https://www.mohw.go.kr/report",
        evidence_file=report,
        recorded_by="KR desk",
        by=None,
    )
    assert [e.level for e in history(db, commitment)] == ["limited", "substantial"]
    assert history(db, commitment)[1].evidence_file == "report.pdf"
    assert current_levels(db, commitment) == {"KR": "substantial"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"party": "US", "level": "complete", "note": "done"}, "is not US's"),
        ({"party": "KR", "level": "finished", "note": "done"}, "unknown progress level 'finished'"),
        ({"party": "KR", "level": "complete"}, "must be backed by evidence"),
        ({"party": "KR", "level": "limited", "evidence_url": "ftp://x"}, "must start with http"),
        ({"party": "XX", "level": "limited", "note": "x"}, "unknown party code"),
    ],
)
def test_bad_progress_changes_nothing(db: Database, kwargs: dict, message: str) -> None:
    ingest_paths(db, [FACT_SHEET], by=None)
    commitment = korean_only(db)
    before = row_counts(db)
    with pytest.raises(InputError, match=message):
        record_progress(db, commitment, on=dt.date(2022, 1, 5), **kwargs, by=None)
    assert row_counts(db) == before


def test_cli_progress_and_history(db: Database, database_url: str) -> None:
    ingest_paths(db, [FACT_SHEET], by=None)
    commitment = str(korean_only(db))
    done = run_accord(
        "progress", commitment, "--party", "KR", "--level", "substantial", "--on", "2022-06-01",
        "--evidence", "https://example.org/kr-vaccines", "--note", "capacity doubled", database_url=database_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = json.loads(run_accord("history", commitment, "--json", database_url=database_url).stdout)
    assert shown["current"] == {"KR": "substantial"}
    assert shown["history"][0]["evidence_url"] == "https://example.org/kr-vaccines"
