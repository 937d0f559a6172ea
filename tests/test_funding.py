"""Funding: reviewed pledges and flows by hand, totals per type and currency, on both backends."""

from __future__ import annotations

import pytest

from accord.domain.funding import Flow, FlowType, totals
from accord.errors import InputError
from accord.services.commitments import list_commitments, review
from accord.services.funding import add_flow, flows, funding
from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

SLUG = "us-kr-fact-sheet-2021"


def test_pledges_count_once_reviewed_and_types_and_currencies_never_mix(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    assert funding(db, SLUG) == []  # extracted amounts are not pledges until a person has reviewed them
    pledges = [v for v in list_commitments(db, SLUG) if v.amounts]
    for view in pledges:
        review(db, view.id, accept=True, by=None)
    listed = [(f.type, f.party, f.value, f.currency, f.period) for f in flows(db, SLUG)]
    assert listed == [
        ("pledge", "US", 2_500_000_000, "USD", None),
        ("pledge", "KR", 1_000_000_000, "USD", None),
        ("pledge", "KR", 200_000_000, "USD", "P5Y"),
    ]
    before = {(line.group, line.currency): dict(line.amounts) for line in funding(db, SLUG)}
    add_flow(
        db,
        SLUG,
        type="disbursement",
        party="KR",
        value="50000000",
        currency="USD",
        commitment=pledges[-1].id,
        by=None,
    )
    after = {(line.group, line.currency): dict(line.amounts) for line in funding(db, SLUG)}
    assert after[("KR", "USD")] == {
        **before[("KR", "USD")],
        "disbursement": 50_000_000,
    }  # only that column moved
    add_flow(db, SLUG, type="disbursement", party="KR", value="60000000000", currency="KRW", by=None)
    lines = {(line.group, line.currency): line.amounts for line in funding(db, SLUG)}
    assert lines[("US", "USD")] == {"pledge": 2_500_000_000}
    assert lines[("KR", "USD")] == {"pledge": 1_200_000_000, "disbursement": 50_000_000}
    assert lines[("KR", "KRW")] == {"disbursement": 60_000_000_000}
    by_area = {(line.group, line.currency) for line in funding(db, SLUG, by="area")}
    assert ("health", "USD") in by_area and ("(none)", "KRW") in by_area


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"type": "loan", "party": "US", "value": "1", "currency": "USD"}, "unknown flow type"),
        ({"type": "pledge", "party": "JP", "value": "1", "currency": "USD"}, "JP is not a party"),
        ({"type": "pledge", "party": "US", "value": "-5", "currency": "USD"}, "must be positive"),
        ({"type": "pledge", "party": "US", "value": "lots", "currency": "USD"}, "not an amount"),
        ({"type": "pledge", "party": "US", "value": "1", "currency": "dollars"}, "ISO 4217"),
    ],
)
def test_bad_flows_change_nothing(db: Database, kwargs: dict, error: str) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    before = row_counts(db)
    with pytest.raises(InputError, match=error):
        add_flow(db, SLUG, **kwargs, by=None)
    assert row_counts(db) == before


def test_totals_keep_types_and_currencies_apart() -> None:
    sample = [
        Flow(FlowType.PLEDGE, 5, "USD", "US"),  # type: ignore[arg-type]
        Flow(FlowType.DISBURSEMENT, 2, "USD", "US"),  # type: ignore[arg-type]
        Flow(FlowType.PLEDGE, 7, "KRW", "US"),  # type: ignore[arg-type]
        Flow(FlowType.PLEDGE, 1, "USD", "US"),  # type: ignore[arg-type]
    ]
    assert totals(sample) == {
        ("US", "USD"): {FlowType.PLEDGE: 6, FlowType.DISBURSEMENT: 2},
        ("US", "KRW"): {FlowType.PLEDGE: 7},
    }
