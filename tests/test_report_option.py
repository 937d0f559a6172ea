"""The report can leave out the commitments nobody assessed (issue 14, item 10): by default every
commitment is listed, and 19 of the MOU's 22 rows read "no guideline / not scored"."""

from __future__ import annotations

import datetime as dt

import httpx
from bs4 import BeautifulSoup

from accord.reports.compliance import render
from accord.server.app import create_app
from accord.services.assessments import open_cycle, score, write_guideline
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.report_data import report_data
from accord.settings import Settings
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.server import serving

SLUG = "us-kr-tpd-mou-2025"


def partly_assessed(db: Database) -> list[int]:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    cycle = open_cycle(
        db, SLUG, kind="interim", start=dt.date(2025, 10, 29), end=dt.date(2026, 10, 28), by=None
    )
    views = list_commitments(db, SLUG)
    write_guideline(db, views[0].id, "+1: done; 0: under way; −1: nothing", by=None)
    score(db, cycle.id, views[0].id, party=views[0].actors[0], value=1, justification="done", by=None)
    write_guideline(db, views[1].id, "+1: done; 0: under way; −1: nothing", by=None)  # written, not scored
    return [views[0].id, views[1].id]


def test_only_assessed_leaves_out_rows_with_no_guideline_and_no_score(
    db: Database, database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    assessed = partly_assessed(db)
    every = report_data(db, SLUG)
    only = report_data(db, SLUG, only_assessed=True)
    assert len(every.commitments) == 22 and every.left_out == 0
    assert [c.id for c in only.commitments] == assessed and only.left_out == 20
    assert only.by_party == every.by_party and only.overall == every.overall  # the figures do not change
    html = render(only, "html").decode()
    assert "20 commitments with no guideline and no score in this cycle" in html
    assert "Left out" not in render(every, "html").decode()

    output = tmp_path / "r.md"
    done = run_accord(
        "report", SLUG, "--format", "md", "--only-assessed", "-o", str(output), database_url=database_url
    )
    assert done.returncode == 0, done.stderr
    assert "2 commitments (20 unassessed left out)" in done.stdout
    help_text = run_accord("report", "--help", database_url=database_url).stdout
    assert "default: every commitment is listed" in " ".join(help_text.replace("│", " ").split())


def test_the_web_report_leaves_out_unassessed_commitments_when_asked(
    db: Database, settings: Settings
) -> None:
    """`accord report --only-assessed` on the web: the download's query parameter and the form on
    the agreement page that sets it."""
    partly_assessed(db)
    cycle = report_data(db, SLUG).cycle.id
    every, assessed = report_data(db, SLUG), report_data(db, SLUG, only_assessed=True)
    assert assessed.left_out > 0 and len(assessed.commitments) < len(every.commitments)
    with serving(create_app(settings, db)) as base:
        page = httpx.get(f"{base}/agreements/{SLUG}", params={"lang": "en"})
        form = BeautifulSoup(page.text, "html.parser").select_one(".downloads form.report-form")
        assert form is not None and form["method"] == "get"
        fields = {f["name"]: f for f in form.select("[name]")}
        assert fields["only_assessed"]["type"] == "checkbox" and not fields["only_assessed"].has_attr(
            "checked"
        )
        assert [o["value"] for o in fields["format"].select("option")] == ["pdf", "html", "md"]
        assert [o["value"] for o in fields["cycle"].select("option")] == [str(cycle)]
        # What the browser sends when the form is submitted with the box ticked, and without.
        asked = {"format": "md", "cycle": str(cycle), "lang": "en"}
        ticked = httpx.get(
            base + form["action"], params={**asked, "only_assessed": fields["only_assessed"]["value"]}
        )
        unticked = httpx.get(base + form["action"], params=asked)
        direct = httpx.get(f"{base}/agreements/{SLUG}/report.md", params={"only_assessed": "true"})
        wrong = httpx.get(base + form["action"], params={**asked, "format": "docx"})
    assert ticked.status_code == 200 and ticked.content == render(assessed, "md", "en")
    assert direct.content == ticked.content
    assert unticked.content == render(every, "md", "en") != ticked.content
    assert ticked.headers["content-disposition"] == unticked.headers["content-disposition"]
    assert wrong.status_code == 404 and "content-disposition" not in wrong.headers


def test_a_cycle_with_no_score_shows_no_empty_average_tables(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    open_cycle(db, SLUG, kind="interim", start=dt.date(2025, 10, 29), end=dt.date(2026, 10, 28), by=None)
    data = report_data(db, SLUG)
    html = BeautifulSoup(render(data, "html"), "html.parser")
    markdown = render(data, "md").decode()
    assert "No commitment has been scored in this cycle yet." in html.get_text()
    assert html.select("#by-party, #by-area") == [] and "### By party" not in markdown
    assert len(html.select("table.scores tbody tr")) == len(data.commitments) == 22  # the rows stay
