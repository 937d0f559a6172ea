"""Assessment cycles and compliance, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.domain.compliance import compliance
from accord.errors import InputError
from accord.services.assessments import compliance_report, open_cycle, review_cycle, score, write_guideline
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

SLUG = "us-kr-fact-sheet-2021"


def setup(db: Database) -> tuple[int, list[int]]:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    cycle = open_cycle(
        db, SLUG, kind="interim", start=dt.date(2021, 5, 21), end=dt.date(2022, 5, 21), by=None
    ).id
    both = [v.id for v in list_commitments(db, SLUG) if v.actors == ["US", "KR"]][:2]
    for commitment in both:
        write_guideline(db, commitment, "+1 if launched; 0 if announced; -1 if nothing", by=None)
    return cycle, both


def test_compliance_by_party_and_area_and_the_cycle_becomes_final(db: Database) -> None:
    cycle, (first, second) = setup(db)
    score(db, cycle, first, party="US", value=1, justification="launched", by=None)
    score(db, cycle, first, party="KR", value=0, justification="announced", by=None)
    score(db, cycle, second, party="KR", value=-1, justification="no action", by=None)
    view, by_party = compliance_report(db, SLUG)
    assert not view.final
    assert {(r.group, r.scores, r.mean, r.percent) for r in by_party} == {
        ("KR", 2, -0.5, 25.0),
        ("US", 1, 1.0, 100.0),
    }
    assert compliance_report(db, SLUG, by="agreement")[1][0].percent == pytest.approx(50.0)
    assert compliance_report(db, SLUG, by="area")[1]
    review_cycle(db, cycle, party="US", on=dt.date(2022, 6, 1), by=None)
    assert review_cycle(db, cycle, party="KR", on=dt.date(2022, 6, 2), by=None).final
    with pytest.raises(InputError, match="is final"):
        score(db, cycle, first, party="US", value=0, justification="late change", by=None)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (
            lambda db, c, ids: score(db, c, ids[0], party="US", value=2, justification="x", by=None),
            r"-1, 0 or \+1",
        ),
        (
            lambda db, c, ids: score(db, c, ids[0], party="US", value=1, justification=" ", by=None),
            "needs a justification",
        ),
        (
            lambda db, c, ids: score(db, c, ids[0], party="JP", value=1, justification="x", by=None),
            "is not JP's",
        ),
        (
            lambda db, c, ids: open_cycle(
                db, SLUG, kind="weekly", start=dt.date(2022, 1, 1), end=dt.date(2022, 2, 1), by=None
            ),
            "unknown cycle kind",
        ),
        (
            lambda db, c, ids: open_cycle(
                db, SLUG, kind="final", start=dt.date(2022, 2, 1), end=dt.date(2022, 1, 1), by=None
            ),
            "ends",
        ),
    ],
)
def test_bad_acts_change_nothing(db: Database, call, error: str) -> None:  # type: ignore[no-untyped-def]
    cycle, ids = setup(db)
    before = row_counts(db)
    with pytest.raises(InputError, match=error):
        call(db, cycle, ids)
    assert row_counts(db) == before


def test_no_score_without_a_guideline(db: Database) -> None:
    cycle, _ = setup(db)
    unguided = [v.id for v in list_commitments(db, SLUG) if v.actors == ["US", "KR"]][5]
    with pytest.raises(InputError, match="has no guideline"):
        score(db, cycle, unguided, party="US", value=1, justification="x", by=None)


def test_compliance_percent_is_mean_plus_one_over_two() -> None:
    (row,) = compliance([("KR", 1), ("KR", 0), ("KR", 0), ("KR", -1)])
    assert (row.mean, row.percent) == (0.0, 50.0)


def test_cli(db: Database, database_url: str) -> None:
    cycle, (first, _) = setup(db)
    done = run_accord("assess", "score", str(cycle), "--commitment", str(first), "--party", "KR", "--score", "1",
                      "--justification", "done", database_url=database_url)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = run_accord("compliance", SLUG, database_url=database_url)
    assert "100%" in shown.stdout and "preliminary" in shown.stdout
