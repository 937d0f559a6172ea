"""Charts: valid inline SVG, text kept as text (Korean too), a text alternative with the numbers,
the same bytes for the same input, and a chart from a real overview."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from lxml import etree

from accord.reports import charts
from accord.services.ingest import ingest_paths
from accord.services.overview import overview
from accord.services.progress import record_progress
from accord.storage.database import Database
from tests.conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
KO = {
    "US": "미국", "KR": "대한민국", "ai": "인공지능", "semiconductors": "반도체", "(none)": "분야 없음",
    "no_evidence": "근거 없음", "complete": "완료", "limited": "제한적",
    "pledge": "약정", "disbursement": "집행", "USD": "미국 달러", "KRW": "원",
}  # fmt: skip
COUNTS = {
    ("US", "ai", "complete"): 2, ("US", "ai", "no_evidence"): 3, ("KR", "ai", "limited"): 1,
    ("KR", "semiconductors", "complete"): 4, ("US", "(none)", "no_evidence"): 1,
}  # fmt: skip
MONEY = {
    ("US", "USD", "pledge"): Decimal("2500000000"), ("KR", "USD", "pledge"): Decimal("1000000000"),
    ("KR", "USD", "disbursement"): Decimal("50000000.50"), ("KR", "KRW", "disbursement"): 60_000_000_000,
}  # fmt: skip


def progress(counts: dict[tuple[str, str, str], int] = COUNTS, **options: object) -> str:
    return charts.progress_chart(
        counts,
        title="분야별 약속 이행",
        names=KO,
        axis="약속 수",
        empty="약속 없음",
        **options,  # type: ignore[arg-type]
    )


def compliance(**options: object) -> str:
    return charts.compliance_chart(
        {"US": 75.0, "KR": 62.5}, {"ai": 100.0, "(none)": 0.0},
        title="이행률", party_heading="당사자별", area_heading="분야별", axis="이행률 %", names=KO,
        empty="평가 없음", **options,  # type: ignore[arg-type]
    )  # fmt: skip


def funding(amounts: dict[tuple[str, str, str], Decimal | int] = MONEY, **options: object) -> str:
    return charts.funding_chart(amounts, title="재원", names=KO, empty="재원 없음", **options)  # type: ignore[arg-type]


def parsed(svg: str) -> etree._Element:
    root = etree.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}desc").get("id") == desc_id
    return root


def texts(root: etree._Element) -> set[str]:
    return {"".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")}


def test_progress_chart_is_accessible_svg_with_its_labels_as_text() -> None:
    root = parsed(progress())
    assert root.find(f"{SVG}title").text == "분야별 약속 이행"
    shown = texts(root)
    assert {
        "미국",
        "대한민국",
        "인공지능",
        "반도체",
        "분야 없음",
        "근거 없음",
        "완료",
        "제한적",
        "약속 수",
    } <= shown
    assert {"2", "3", "4"} <= shown  # the counts are written on their segments
    desc = root.find(f"{SVG}desc").text
    assert "미국: 인공지능 — 근거 없음 3, 완료 2; 분야 없음 — 근거 없음 1." in desc
    assert "대한민국: 인공지능 — 제한적 1; 반도체 — 완료 4." in desc
    assert root.find(f"{SVG}metadata") is None and "Matplotlib v" not in progress()


def test_a_level_has_its_colour_in_every_chart() -> None:
    only_complete = progress({("KR", "ai", "complete"): 1})
    assert charts.LEVEL_COLOURS["complete"].lower() in only_complete.lower()
    assert charts.LEVEL_COLOURS["limited"].lower() not in only_complete.lower()
    assert charts.LEVEL_COLOURS["complete"].lower() in progress({("US", "space", "complete"): 9}).lower()


def test_compliance_chart_states_each_percentage() -> None:
    root = parsed(compliance())
    assert {"당사자별", "분야별", "75%", "62.5%", "100%", "0%", "인공지능", "분야 없음"} <= texts(root)
    assert (
        root.find(f"{SVG}desc").text
        == "당사자별: 대한민국 62.5%, 미국 75%. 분야별: 인공지능 100%, 분야 없음 0%."
    )


def test_funding_chart_has_one_panel_per_currency_and_the_whole_amounts_in_its_text() -> None:
    root = parsed(funding())
    assert {"미국 달러", "원", "약정", "집행", "2.5B", "60B"} <= texts(root)
    assert root.find(f"{SVG}desc").text == (
        "원: 대한민국 — 집행 60,000,000,000. "
        "미국 달러: 대한민국 — 약정 1,000,000,000, 집행 50,000,000.50; 미국 — 약정 2,500,000,000."
    )


def test_same_input_same_bytes_and_different_data_a_different_chart() -> None:
    first = progress()
    charts.cache_clear()  # drawn again, not read from the cache
    assert progress() == first
    assert progress({**COUNTS, ("KR", "ai", "limited"): 2}) != first
    assert funding() != funding({**MONEY, ("US", "USD", "pledge"): Decimal("2500000001")})
    reordered = dict(reversed(list(COUNTS.items())))
    assert progress(reordered) == first  # the order of the mapping does not matter
    assert (
        charts.progress_chart(
            COUNTS, title="분야별 약속 이행", names={**KO, "JP": "일본"}, axis="약속 수", empty="약속 없음"
        )
        == first
    )  # unused labels neither change the chart nor miss the cache


def test_several_charts_in_one_page_share_no_id() -> None:
    pieces = [progress(), compliance(), funding(), progress(chart_id="second-copy")]
    ids = [node.get("id") for piece in pieces for node in parsed(piece).iter() if node.get("id")]
    assert len(ids) == len(set(ids)) > 20
    for piece in pieces:
        root = parsed(piece)
        own = {node.get("id") for node in root.iter() if node.get("id")}
        assert set(_references(piece)) <= own  # every url(#…) points inside its own chart
    with pytest.raises(ValueError, match="chart id"):
        progress(chart_id='x" onload="alert(1)')


def _references(svg: str) -> list[str]:
    import re

    return re.findall(r"url\(#([^)]+)\)", svg)


def test_empty_data_and_labels_that_need_escaping() -> None:
    for chart, message in ((progress({}), "약속 없음"), (funding({}), "재원 없음")):
        root = parsed(chart)
        assert message in texts(root) and root.find(f"{SVG}desc").text == message
    empty = charts.compliance_chart(
        {}, {}, title="A & <B>", party_heading="p", area_heading="a", axis="%", names={}, empty="none yet"
    )
    assert parsed(empty).find(f"{SVG}title").text == "A & <B>"


def test_without_a_korean_font_korean_labels_still_render_as_text_without_warnings() -> None:
    root = parsed(progress(fonts=("DejaVu Sans",)))  # filterwarnings=error would fail on a glyph warning
    assert "대한민국" in texts(root)
    assert progress(fonts=("DejaVu Sans",)) != progress()


def test_charts_drawn_in_parallel_threads_are_the_ones_drawn_alone() -> None:
    inputs = [{("KR", "ai", "complete"): n, ("US", "space", "limited"): 2 * n} for n in range(1, 9)]
    charts.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(progress, inputs))
    charts.cache_clear()
    assert parallel == [progress(counts) for counts in inputs]


def test_charts_of_a_real_overview(db: Database) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    result = overview(db, today=dt.date(2026, 1, 1))
    mou = next(a for a in result.agreements if a.kind == "mou")
    target = next(c for c in result.progress if c.agreement == mou.slug and c.party == "KR")
    before = progress(result.progress_counts())
    commitment = _commitment_in(db, mou.slug, target.area)
    record_progress(
        db, commitment, party="KR", level="complete", on=dt.date(2025, 12, 1), note="done", by=None
    )
    after = overview(db, today=dt.date(2026, 1, 1))
    counts = after.progress_counts()
    assert counts[("KR", target.area, "complete")] >= 1
    assert progress(counts) != before
    desc = parsed(progress(counts)).find(f"{SVG}desc").text
    assert f"{KO.get(target.area, target.area)} — " in desc and "완료 " in desc


def test_an_empty_overview_charts_without_error(db: Database) -> None:
    result = overview(db, today=dt.date(2026, 1, 1))
    assert texts(parsed(progress(result.progress_counts()))) == {"약속 없음"}
    by_party = {g.group: g.percent for c in result.compliance for g in c.by_party if g.percent is not None}
    assert texts(parsed(compliance_of(by_party))) == {"평가 없음"}
    money = {(f.party, f.currency, t): v for f in result.funding for t, v in f.amounts}
    assert texts(parsed(funding(money))) == {"재원 없음"}


def compliance_of(by_party: dict[str, float]) -> str:
    return charts.compliance_chart(
        by_party, {}, title="이행률", party_heading="당사자별", area_heading="분야별", axis="%", names=KO,
        empty="평가 없음",
    )  # fmt: skip


def _commitment_in(db: Database, slug: str, area: str) -> int:
    from accord.services.commitments import list_commitments

    return next(
        v.id for v in list_commitments(db, slug) if area in (v.areas or ["(none)"]) and "KR" in v.actors
    )


def _x_ticks(svg: str) -> list[list[str]]:
    """The x-axis tick labels of each panel, panel by panel."""
    panels = []
    for axes in parsed(svg).iter(f"{SVG}g"):
        if not axes.get("id", "").split("-")[-1].startswith("axes_"):
            continue
        ticks = [
            "".join(tick.itertext()).strip()
            for tick in axes.iter(f"{SVG}g")
            if tick.get("id", "").split("-")[-1].startswith("xtick_")
        ]
        if ticks:
            panels.append(ticks)
    return panels


def test_every_party_panel_of_the_progress_chart_shares_one_scale() -> None:
    """Issue 14: each party had its own x-scale (0–21 beside 0–18), so equal bars meant unequal counts."""
    counts = {
        ("US", "ai", "complete"): 21,
        ("KR", "ai", "complete"): 9,
        ("KR", "semiconductors", "limited"): 3,
    }
    panels = _x_ticks(progress(counts))
    assert len(panels) == 2
    assert panels[0] == panels[1]
    assert max(int(tick) for tick in panels[1]) >= 18  # KR's panel reaches US's 21, not only its own 9
