"""Lifecycle acts through the service and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from accord.domain.lifecycle import Act, Refused, Status
from accord.services.commitments import list_commitments, reextract
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record, timeline
from accord.services.queries import agreement_detail
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

MOU = EXAMPLES / "us-kr-tpd-mou-2025.txt"
SLUG = "us-kr-tpd-mou-2025"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_the_mou_lives_by_its_terms(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [MOU], by=None)
    record(db, SLUG, Act.SIGN, on=d("2025-10-29"), party="US", by=None)
    assert timeline(db, SLUG, d("2025-10-29")).status is Status.SIGNED_BY_SOME
    final = record(db, SLUG, Act.SIGN, on=d("2025-10-30"), party="KR", by=None)
    assert final.takes_effect_on == d("2025-10-30")
    amended = tmp_path / "amended.txt"
    amended.write_text(
        MOU.read_text(encoding="utf-8") + "\nIV. Fusion\nThe Participants will cooperate on fusion energy.\n"
    )
    proposal = record(db, SLUG, Act.PROPOSE_AMENDMENT, on=d("2026-01-10"), text_file=amended, by=None)
    assert proposal.version == 2 and agreement_detail(db, SLUG).text.endswith("fusion energy.\n")
    record(db, SLUG, Act.CONSENT, on=d("2026-01-11"), party="KR", version=2, by=None)
    assert record(
        db, SLUG, Act.CONSENT, on=d("2026-02-01"), party="US", version=2, by=None
    ).takes_effect_on == d("2026-02-01")
    notice = record(db, SLUG, Act.NOTICE, on=d("2026-03-01"), party="KR", by=None)
    assert notice.takes_effect_on == d("2026-03-01") + dt.timedelta(days=180)
    later = timeline(db, SLUG, d("2026-12-01"))
    assert later.status is Status.DISCONTINUED and len(later.entries) == 6


@pytest.mark.parametrize(
    ("act", "kwargs", "reason"),
    [
        (Act.SIGN, {"party": "US"}, "US has already signed"),
        (Act.SIGN, {"party": "JP"}, "JP is not a party"),
        (Act.NOTICE, {"party": "KR"}, "notice can be given only while the agreement is in effect"),
        (Act.CONSENT, {"party": "KR", "version": 2}, "no proposed version 2"),
        (Act.WITHDRAW_NOTICE, {"party": "KR"}, "no pending notice"),
    ],
)
def test_refused_acts_record_nothing(db: Database, act: Act, kwargs: dict, reason: str) -> None:
    ingest_paths(db, [MOU], by=None)
    record(db, SLUG, Act.SIGN, on=d("2025-10-29"), party="US", by=None)
    before = row_counts(db)
    with pytest.raises(Refused, match=reason):
        record(db, SLUG, act, on=d("2025-11-01"), **kwargs, by=None)
    assert row_counts(db) == before


def test_cli_timeline_json(db: Database, database_url: str) -> None:
    ingest_paths(db, [MOU], by=None)
    for party, on in (("US", "2025-10-29"), ("KR", "2025-10-29")):
        done = run_accord("sign", SLUG, "--party", party, "--on", on, database_url=database_url)
        assert done.returncode == 0, done.stderr
    refused = run_accord("sign", SLUG, "--party", "KR", "--on", "2025-11-02", database_url=database_url)
    assert refused.returncode == 1 and refused.stderr.startswith("Error: KR has already signed")
    shown = json.loads(
        run_accord("timeline", SLUG, "--json", "--today", "2025-12-01", database_url=database_url).stdout
    )
    assert shown["status"] == "in_effect" and shown["in_effect_on"] == "2025-10-29"
    assert [e["act"] for e in shown["events"]] == ["sign", "sign"]


def test_reextract_after_an_amendment_lists_each_commitment_once(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [MOU], by=None)
    record(db, SLUG, Act.SIGN, on=d("2025-10-29"), party="US", by=None)
    record(db, SLUG, Act.SIGN, on=d("2025-10-30"), party="KR", by=None)
    before = [(v.start, v.end) for v in list_commitments(db, SLUG)]
    amended = tmp_path / "amended.txt"
    amended.write_text(MOU.read_text(encoding="utf-8") + "\nIV. Fusion\nThe Participants will cooperate.\n")
    record(db, SLUG, Act.PROPOSE_AMENDMENT, on=d("2026-01-10"), text_file=amended, by=None)
    result = reextract(db, SLUG, by=None)
    assert (result.added, result.removed) == (0, 0)
    assert [(v.start, v.end) for v in list_commitments(db, SLUG)] == before
