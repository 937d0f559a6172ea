"""The period an amount covers, on both engines: a sentence is searched for one only when it spells
out a word that every period phrase has ("year", "month", "annu", 년, 개월, 19xx or 20xx), in any
case (money.v1's `_may_name_a_period`)."""

from __future__ import annotations

import pytest

from accord.extract import extract_text
from accord.extract.pipeline import Pipeline
from tests.extract.test_snapshot import pipeline  # noqa: F401  (the fixture: both engines)

PERIODS = [
    ("The United States will provide USD 5 million OVER THREE YEARS to the programme.", 5e6, "USD", "P3Y"),
    ("정부는 5년간 100억 원을 지원할 것이다.", 1e10, "KRW", "P5Y"),
    ("The Parties will invest $3 million ANNUALLY in joint research.", 3e6, "USD", "P1Y"),
    ("The Parties will invest $2 million Per Annum in joint research.", 2e6, "USD", "P1Y"),
    ("The United States will provide $1 million a YeAr to the centre.", 1e6, "USD", "P1Y"),
    ("During its first three years, the fund will receive USD 10 million from Korea.", 1e7, "USD", "P3Y"),
    ("Korea will provide an 18-month, $410,000 activity grant.", 410_000, "USD", "P18M"),
    ("The İnstitute will receive $4 million within the next two Years.", 4e6, "USD", "P2Y"),
    ("The United States will give $7 million to the Kelvin Fund.", 7e6, "USD", None),
    ("The Parties will spend KRW 20,000,000 from 2026 to 2028 on exchanges.", 2e7, "KRW", "P3Y"),
    ("The Parties will spend 3 trillion won in the coming MONTHS.", 3e12, "KRW", None),
]


@pytest.mark.parametrize(("text", "value", "currency", "period"), PERIODS)
def test_the_period_of_an_amount(
    pipeline: Pipeline,  # noqa: F811
    text: str,
    value: float,
    currency: str,
    period: str | None,
) -> None:
    (commitment,) = extract_text(text, parties=("US", "KR"), pipeline=pipeline).commitments
    amounts = [(a["value"], a["currency"], a["period"]) for a in commitment.as_json()["amounts"]]
    assert amounts == [(value, currency, period)]
