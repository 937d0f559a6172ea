"""Korean money words and amounts (issue 14, item 9): one Korean word per flow type, the same in
the chart's title and its legend; KRW without decimals and in 억 and 조."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from accord.i18n import translate
from accord.i18n.labels import FLOW_TYPES
from accord.i18n.money import amount_text, compact_text
from accord.reports import charts

HEADING = "Funding: pledged, committed, disbursed, spent"


def test_each_flow_type_has_its_own_korean_word_and_the_heading_uses_them() -> None:
    words = [
        translate("ko", FLOW_TYPES[kind]) for kind in ("pledge", "commitment", "disbursement", "expenditure")
    ]
    assert len(set(words)) == 4  # disbursed and spent were both 집행
    stems = translate("ko", HEADING).split(":", 1)[1].strip().split("·")
    assert [f"{stem}액" for stem in stems] == words


@pytest.mark.parametrize(
    ("value", "currency", "language", "expected"),
    [
        (Decimal("1000000000.00"), "KRW", "en", "1,000,000,000"),
        (Decimal("1000000000.00"), "KRW", "ko", "10억"),
        (Decimal("1234567890.00"), "KRW", "ko", "12억 3,456만 7,890"),
        (Decimal("2500000000000"), "KRW", "ko", "2조 5,000억"),
        (Decimal("9999.00"), "KRW", "ko", "9,999"),
        (Decimal("2500000000.00"), "USD", "ko", "2,500,000,000"),
        (Decimal("1500.50"), "USD", "en", "1,500.50"),
        (Decimal("1500.4"), "KRW", "en", "1,500"),
    ],
)
def test_amounts_as_each_language_writes_them(
    value: Decimal, currency: str, language: str, expected: str
) -> None:
    assert amount_text(value, currency, language) == expected


def test_korean_funding_chart_writes_krw_in_eok() -> None:
    amounts = {
        ("KR", "KRW", "pledge"): Decimal("1000000000.00"),
        ("US", "USD", "pledge"): Decimal("2500000000"),
    }
    svg = charts.funding_chart(
        amounts, title=translate("ko", HEADING), names={}, empty="재원 없음", language="ko"
    )
    root = etree.fromstring(str(svg).encode())
    texts = {"".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    desc = root.find("{http://www.w3.org/2000/svg}desc").text  # type: ignore[union-attr]
    assert "10억" in texts and "2.5B" in texts  # won in 억; dollars as before
    assert "KRW" in desc and "10억" in desc and ".00" not in desc
    assert compact_text(2.5e12, "KRW", "ko") == "2.5조"
