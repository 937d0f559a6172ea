"""Eight parties in a browser: the G7 fact sheet (the EU among its parties) on the overview and
its own page, legible at a desktop's and a phone's width, and worked by an EU editor.

Legible is measured, not assumed: every party's name is shown whole on one line, and no two labels
of a chart overlap or are drawn smaller than 9 CSS pixels. The screenshots are in screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from accord.domain.parties import party
from accord.settings import Settings
from accord.storage.database import Database
from tests.browser import api, commitments_of, serve_copy, shoot, sign_in
from tests.helpers import row_counts
from tests.many_parties import G7, G7_PARTIES, carry_through
from tests.webclient import add_signing_user

NAMES = [party(code).name_en for code in G7_PARTIES]
SMALLEST_LABEL = 9  # CSS pixels: the height of a chart label's box, about a 7px font

# Each chart's text labels with their boxes on screen, and where the chart itself is.
_CHART_LABELS = """
(figure) => {
  const svg = figure.querySelector('svg');
  const frame = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height};
  });
  return {frame: {x: frame.x, y: frame.y, w: frame.width, h: frame.height}, labels};
}
"""


@pytest.fixture(scope="module")
def g7_site(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[str, Database]]:
    """The G7 fact sheet signed by all eight, with progress, money and a reviewed cycle; an EU editor."""
    template = tmp_path_factory.mktemp("g7") / "g7.db"
    shutil.copyfile(sqlite_template, template)
    db = Database.from_settings(Settings(database_url=f"sqlite:///{template}"))
    carry_through(db)
    add_signing_user(db, "eu-editor", "editor", "EU")
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    for base, served in serve_copy(template, tmp_path_factory.mktemp("g7-site"), warm_charts=False):
        # The overview draws its three charts on first request: draw them here, not inside a
        # browser's page-load timeout on a busy machine.
        assert httpx.get(base + "/", timeout=300).status_code == 200
        yield base, served


def _whole_on_one_line(names) -> None:  # type: ignore[no-untyped-def]
    """Each `.party` element holds one name on a single line (its box is one line high)."""
    for element in names.all():
        box = element.bounding_box()
        line = element.evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight) || 1.5 * parseFloat(getComputedStyle(e).fontSize)"
        )
        assert box is not None and box["height"] <= line * 1.2, (element.inner_text(), box, line)


def _charts_are_legible(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every chart label is big enough and overlaps no other; returns all the labels."""
    texts: list[str] = []
    figures = page.locator("figure.chart").all()
    assert len(figures) == 3  # progress, compliance, funding
    for figure in figures:
        chart = figure.evaluate(_CHART_LABELS)
        labels = chart["labels"]
        texts.extend(label["text"] for label in labels)
        small = [label["text"] for label in labels if label["h"] < SMALLEST_LABEL]
        assert not small, f"labels drawn smaller than {SMALLEST_LABEL}px: {small[:5]}"
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                across = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                down = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                assert across <= 1 or down <= 1, f"{a['text']!r} overlaps {b['text']!r}"
    return texts


@pytest.mark.parametrize("width", [1280, 390])
def test_eight_parties_are_legible_on_the_overview_and_the_agreement_page(g7_site, page, width: int) -> None:  # type: ignore[no-untyped-def]
    base, _db = g7_site
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + "/")
    shoot(page, "overview")
    row = page.locator("main table.grid").first.locator("tr", has=page.locator(f'a[href="/agreements/{G7}"]'))
    assert row.locator(".party").all_inner_texts() == NAMES
    _whole_on_one_line(row.locator(".party"))
    labels = _charts_are_legible(page)
    for name in NAMES:  # a panel of the progress chart, a bar of compliance and of funding for each
        assert labels.count(name) >= 3, name
    by_party = page.locator(f'table.progress[data-agreement="{G7}"] tbody th').all_inner_texts()
    assert sorted(by_party) == sorted(NAMES)

    page.goto(f"{base}/agreements/{G7}")
    shoot(page, "agreement")
    header = page.locator("main p.lede")
    assert header.locator(".party").all_inner_texts() == NAMES
    _whole_on_one_line(header.locator(".party"))
    timeline = page.locator("ol.timeline li").all_inner_texts()
    assert [entry.rsplit(" · ", 1)[-1] for entry in timeline[: len(NAMES)]] == NAMES
    assert page.locator(".state").first.inner_text() == "In effect"


def test_an_eu_editor_records_eu_progress_and_is_refused_us_progress(g7_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = g7_site
    joint = next(c for c in commitments_of(base, G7, "EU") if c["actors"] == G7_PARTIES)
    american = next(c for c in commitments_of(base, G7, "US") if c["actors"] == ["US"])
    sign_in(page, base, "eu-editor")
    assert "European Union" in page.locator("header .who .role").inner_text()

    page.goto(f"{base}/commitments/{joint['id']}")
    form = page.locator("#progress-form")
    assert form.locator("select[name=party] option").all_inner_texts() == ["European Union"]
    form.get_by_label("Level").select_option("limited")
    form.get_by_label("Evidence URL").fill("https://international-partnerships.ec.europa.eu/global-gateway")
    form.get_by_label("Note").fill("Global Gateway package announced")
    form.get_by_role("button", name="Record progress").click()
    page.get_by_text("Progress recorded.").wait_for()
    shoot(page, "eu-progress-recorded")
    history = page.locator('.party-progress[data-party="EU"]')
    assert history.locator(".level").first.inner_text() == "Limited"

    # The same form, forged to speak for the United States, with the session's own CSRF token.
    before = row_counts(db)
    token = page.locator('header form input[name="csrf"]').get_attribute("value")
    refused = page.request.post(
        f"{base}/commitments/{joint['id']}/progress",
        form={"csrf": token, "party": "US", "level": "complete", "on": "2026-11-01", "note": "forged"},
        max_redirects=0,
    )
    assert refused.status == 403
    assert row_counts(db) == before
    levels = api(base, f"/api/v1/commitments/{joint['id']}/record")["levels"]  # type: ignore[index]
    assert (levels["EU"], levels["US"]) == ("limited", "no_evidence")

    page.goto(f"{base}/commitments/{american['id']}")
    shoot(page, "us-commitment")
    assert page.locator("#progress-form").count() == 0
    assert "Only users of United States may record progress" in page.locator("#no-form").inner_text()
