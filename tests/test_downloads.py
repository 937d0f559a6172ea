"""Downloads over real HTTP: the compliance report, the exports and the calendar, with their errors."""

from __future__ import annotations

import datetime as dt
import io

import httpx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accord.reports import exports
from accord.reports.compliance import render
from accord.reports.export_rows import COLUMNS
from accord.reports.exports import export
from accord.reports.sheets import sheet_file
from accord.server.app import create_app
from accord.services.auditing import audit_head
from accord.services.bodies import add_body, link_body
from accord.services.commitments import list_commitments, review
from accord.services.deadlines import calendar
from accord.services.ingest import ingest_paths
from accord.services.listing import commitments_to_export
from accord.services.progress import record_progress
from accord.services.queries import list_agreements
from accord.services.report_data import report_data
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import bearer
from tests.reports import SLUG, scored_mou
from tests.server import serving

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_report_downloads_are_the_files_the_cli_writes(db: Database, settings: Settings) -> None:
    scored = scored_mou(db)
    data = report_data(db, SLUG)
    with serving(create_app(settings, db)) as base:
        html = httpx.get(f"{base}/agreements/{SLUG}/report.html")
        markdown = httpx.get(f"{base}/agreements/{SLUG}/report.md", params={"cycle": scored.cycle})
        pdf = httpx.get(f"{base}/agreements/{SLUG}/report.pdf", timeout=60)
    name = f"{SLUG}-cycle-{scored.cycle}-compliance"
    for response, media_type, ext in (
        (html, "text/html; charset=utf-8", "html"),
        (markdown, "text/markdown; charset=utf-8", "md"),
        (pdf, "application/pdf", "pdf"),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == media_type
        assert response.headers["content-disposition"] == f'attachment; filename="{name}.{ext}"'
    assert html.content == render(data, "html") and markdown.content == render(data, "md")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == len(
        PdfReader(io.BytesIO(render(data, "pdf"))).pages
    )


@pytest.mark.parametrize("kind", ["commitments", "progress", "funding"])
def test_export_downloads_are_the_files_the_cli_writes(db: Database, settings: Settings, kind: str) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        got = {fmt: httpx.get(f"{base}/exports/{kind}.{fmt}") for fmt in ("csv", "json", "xlsx")}
        one = httpx.get(f"{base}/exports/{kind}.csv", params={"agreement": SLUG})
    for fmt, media_type in (("csv", "text/csv; charset=utf-8"), ("json", "application/json"), ("xlsx", XLSX)):
        response = got[fmt]
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == media_type
        assert response.headers["content-disposition"] == f'attachment; filename="{kind}.{fmt}"'
    assert got["csv"].content == export(db, kind, fmt="csv").data
    assert got["json"].content == export(db, kind, fmt="json").data
    sheet = load_workbook(io.BytesIO(got["xlsx"].content)).worksheets[0]
    expected = load_workbook(io.BytesIO(export(db, kind, fmt="xlsx").data)).worksheets[0]
    assert list(sheet.iter_rows(values_only=True)) == list(expected.iter_rows(values_only=True))
    assert one.content == export(db, kind, fmt="csv", agreement=SLUG).data
    assert one.headers["content-disposition"] == f'attachment; filename="{kind}-{SLUG}.csv"'


def test_the_commitments_export_lists_what_the_services_list_agreement_by_agreement(
    db: Database, settings: Settings
) -> None:
    """The export reads batches of agreements in Core queries; its rows are the commitments'
    one JSON shape, as list_commitments gives them one agreement at a time, rejected ones left out."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    first = list_commitments(db)[0]
    review(db, first.id, reject=True, by=None)
    expected = [
        view.as_json() for summary in sorted(list_agreements(db), key=lambda s: s.id)
        for view in list_commitments(db, summary.slug)
    ]  # fmt: skip
    assert first.id not in {row["id"] for row in expected} and len(expected) == 32 + 22 - 1
    assert any(row["amounts"] for row in expected) and any(row["due"] for row in expected)
    with serving(create_app(settings, db)) as base:
        listed = httpx.get(f"{base}/exports/commitments.json").json()
        one = httpx.get(f"{base}/exports/commitments.json", params={"agreement": SLUG}).json()
    assert listed == expected
    assert one == [row for row in expected if row["agreement"] == SLUG]


def test_calendar_download(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        response = httpx.get(f"{base}/agreements/us-kr-fact-sheet-2021/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="us-kr-fact-sheet-2021.ics"'

    def unstamped(feed: bytes) -> list[bytes]:  # DTSTAMP is when each feed was made
        return [line for line in feed.splitlines() if not line.startswith(b"DTSTAMP")]

    assert unstamped(response.content) == unstamped(calendar(db, "us-kr-fact-sheet-2021"))


def test_errors_have_the_one_shape(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    with serving(create_app(settings, db)) as base:
        without_cycle = httpx.get(f"{base}/agreements/{SLUG}/report.html")
        cases = {
            "no agreement": httpx.get(f"{base}/agreements/nowhere/report.pdf"),
            "bad format": httpx.get(f"{base}/agreements/{SLUG}/report.docx"),
            "bad cycle": httpx.get(f"{base}/agreements/{SLUG}/report.md", params={"cycle": "x"}),
            "unknown cycle": httpx.get(f"{base}/agreements/{SLUG}/report.md", params={"cycle": 99}),
            "bad kind": httpx.get(f"{base}/exports/meetings.csv"),
            "bad export format": httpx.get(f"{base}/exports/commitments.pdf"),
            "export agreement": httpx.get(f"{base}/exports/funding.json", params={"agreement": "nowhere"}),
            "calendar agreement": httpx.get(f"{base}/agreements/nowhere/calendar.ics"),
        }
    assert without_cycle.status_code == 404
    assert without_cycle.json()["error"]["message"] == f"{SLUG} has no assessment cycle"
    statuses = {name: r.status_code for name, r in cases.items()}
    assert statuses == {
        "no agreement": 404, "bad format": 404, "bad cycle": 422, "unknown cycle": 404, "bad kind": 404,
        "bad export format": 404, "export agreement": 404, "calendar agreement": 404,
    }  # fmt: skip
    for response in cases.values():
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
        assert "content-disposition" not in response.headers
    assert cases["bad format"].json()["error"]["hint"] == "report.html, report.pdf or report.md"
    assert cases["unknown cycle"].json()["error"]["message"] == "no assessment cycle 99"


def test_a_private_deployment_needs_a_token(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    private = settings.model_copy(update={"public_read": False})
    headers = bearer(db, "reader", "viewer")
    with serving(create_app(private, db)) as base:
        refused = httpx.get(f"{base}/exports/commitments.csv")
        allowed = httpx.get(f"{base}/exports/commitments.csv", headers=headers)
        calendar_refused = httpx.get(f"{base}/agreements/{SLUG}/calendar.ics")
    for response in (refused, calendar_refused):
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert allowed.status_code == 200 and allowed.content == export(db, "commitments").data


def test_the_csv_download_is_the_file_of_the_commitments_json_byte_for_byte(db: Database) -> None:
    """The CSV download is written from the database's tuples (services.commitment_sheet), the
    other files from the commitments' JSON: both give the same bytes, formula cells neutralised,
    rejected commitments left out, however many rows are asked for."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    first, second, third = list_commitments(db, SLUG)[:3]
    review(db, first.id, reject=True, by=None)
    review(db, second.id, sets=[("timeframe", "=HYPERLINK(1)"), ("strength", "intent")], by=None)
    review(db, third.id, sets=[("timeframe", "-1")], by=None)  # a number, not a formula: left as it is
    bare = next(c for c in list_commitments(db, SLUG) if not c.bodies and c.id != first.id)
    for name in ("@Formula Institute", "+Plus Agency"):
        add_body(db, name, kind="agency", party="US", by=None)
        link_body(db, bare.id, name, by=None)
    everything = list(commitments_to_export(db))
    assert any(row["amounts"] for row in everything) and any(row["due"] for row in everything)
    for max_rows in (1, 7, len(everything) - 1, None):
        made = b"".join(exports.chunks(db, "commitments", fmt="csv", max_rows=max_rows))
        rows = everything if max_rows is None else everything[:max_rows]
        assert made == sheet_file("commitments", "csv", rows, COLUMNS["commitments"]).data
    one = b"".join(exports.chunks(db, "commitments", fmt="csv", agreement=SLUG))
    assert one == export(db, "commitments", fmt="csv", agreement=SLUG).data
    text = one.decode("utf-8")
    assert f"{first.id}," not in text and ",'=HYPERLINK(1)," in text and ",-1," in text
    assert ",'+Plus Agency;@Formula Institute," in text  # linked by hand: by name, after the text's


def test_a_report_is_kept_until_the_next_write(db: Database, settings: Settings) -> None:
    """The same report asked again is the file kept from the first time; once a write (here new
    evidence within the cycle) moves the audit trail's head, the report is written anew and shows it."""
    scored_mou(db)
    kr_commitment = next(view for view in list_commitments(db, SLUG) if "KR" in view.actors)
    app = create_app(settings, db)
    key = (SLUG, "html", None, "en", False)
    with serving(app) as base:
        first = httpx.get(f"{base}/agreements/{SLUG}/report.html?lang=en")
        assert app.state.report_cache.get(key, audit_head(db))[1] == first.content
        again = httpx.get(f"{base}/agreements/{SLUG}/report.html?lang=en")
        record_progress(
            db, kr_commitment.id, party="KR", level="complete", on=dt.date(2026, 5, 1),
            evidence_url="https://example.org/new-evidence", by=None,
        )  # fmt: skip
        assert app.state.report_cache.get(key, audit_head(db)) is None
        after = httpx.get(f"{base}/agreements/{SLUG}/report.html?lang=en")
    assert first.status_code == again.status_code == after.status_code == 200
    assert again.content == first.content
    assert again.headers["content-disposition"] == first.headers["content-disposition"]
    assert "new-evidence" not in first.text and "https://example.org/new-evidence" in after.text
    assert after.content == render(report_data(db, SLUG), "html", "en")


def test_an_anonymous_download_is_kept_until_the_next_write(db: Database, settings: Settings) -> None:
    """Every anonymous reader gets the same first rows: the file made once is sent again from
    memory, until a write (here a review) moves the audit trail's head; a reader with a token
    always gets the whole file, made anew."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    headers = bearer(db, "reader", "viewer")
    app = create_app(settings, db)
    key = ("commitments", "csv", None)
    with serving(app) as base:
        first = httpx.get(f"{base}/exports/commitments.csv")
        assert app.state.export_cache.get(key, audit_head(db)) == first.content
        again = httpx.get(f"{base}/exports/commitments.csv")
        rejected = list_commitments(db, SLUG)[0]
        review(db, rejected.id, reject=True, by=None)
        assert app.state.export_cache.get(key, audit_head(db)) is None
        after = httpx.get(f"{base}/exports/commitments.csv")
        whole = httpx.get(f"{base}/exports/commitments.csv", headers=headers)
    assert first.status_code == again.status_code == after.status_code == 200
    assert again.content == first.content and again.headers["x-row-limit"] == "10000"
    assert after.content != first.content and after.content == export(db, "commitments", fmt="csv").data
    assert f"\r\n{rejected.id}," in first.text and f"\r\n{rejected.id}," not in after.text
    assert whole.content == after.content and "x-row-limit" not in whole.headers
