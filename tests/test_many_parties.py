"""A document of eight parties (the G7 Hiroshima fact sheet, the EU among them) works everywhere:
ingest, lifecycle, roles over the API, the PDF report and the exports — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from accord.domain.lifecycle import Act, Status
from accord.domain.parties import party
from accord.errors import AccordError
from accord.server.app import create_app
from accord.services.actions import add_action
from accord.services.commitments import list_commitments
from accord.services.lifecycle import record, timeline
from accord.services.meetings import approve_minutes, meeting_record, new_meeting, write_minutes
from accord.services.progress import current_levels
from accord.settings import Settings
from accord.storage.database import Database
from tests.browser import SHOTS
from tests.cli import run_accord
from tests.helpers import bearer, row_counts
from tests.many_parties import G7, G7_FILE, G7_PARTIES, carry_through, d, ingest_g7
from tests.server import serving


def test_the_g7_fact_sheet_is_ingested_with_its_eight_parties(db: Database, database_url: str) -> None:
    result = run_accord("ingest", str(G7_FILE), "--json", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr  # the sidecar's `partial` and `source` are fields accord reads
    (stored,) = json.loads(result.stdout)
    assert stored["slug"] == G7 and stored["commitments"] > 0
    shown = run_accord("show", G7, "--json", database_url=database_url)
    assert json.loads(shown.stdout)["parties"] == G7_PARTIES
    views = list_commitments(db, G7)
    # "G7 leaders" and "the leaders" stand for all eight; the EU among them.
    assert sum(v.actors == G7_PARTIES for v in views) >= 5
    assert all(set(v.actors) <= set(G7_PARTIES) for v in views)


def test_every_party_signs_and_the_fact_sheet_takes_effect_on_the_last_signature(db: Database) -> None:
    ingest_g7(db)
    for day, code in enumerate(G7_PARTIES[:-1], start=21):
        record(db, G7, Act.SIGN, on=d(f"2023-05-{day}"), party=code, by=None)
        assert timeline(db, G7, d("2023-06-30")).status is Status.SIGNED_BY_SOME
    before = row_counts(db)
    with pytest.raises(AccordError, match="KR is not a party"):
        record(db, G7, Act.SIGN, on=d("2023-05-28"), party="KR", by=None)
    with pytest.raises(AccordError, match="already signed"):
        record(db, G7, Act.SIGN, on=d("2023-05-28"), party="FR", by=None)
    assert row_counts(db) == before
    record(db, G7, Act.SIGN, on=d("2023-05-28"), party="eu", by=None)
    life = timeline(db, G7, d("2023-06-30"))
    assert (life.status, life.in_effect_on) == (Status.IN_EFFECT, d("2023-05-28"))
    assert [entry.party for entry in life.entries] == G7_PARTIES


def test_every_party_approves_the_minutes_and_the_eu_owns_an_action_item(db: Database) -> None:
    g7 = ingest_g7(db)
    meeting = new_meeting(db, G7, on=d("2024-04-15"), place="Brussels", by=None).id
    write_minutes(db, meeting, "The partners reviewed the health commitments.", by=None)
    for code in G7_PARTIES:
        assert meeting_record(db, meeting).meeting.minutes_status == "draft"
        approve_minutes(db, meeting, party=code, on=d("2024-04-20"), by=None)
    approved = meeting_record(db, meeting).meeting
    assert (approved.minutes_status, approved.approved_by) == ("approved", sorted(G7_PARTIES))
    action = add_action(
        db,
        meeting,
        text="Report on health workers",
        owner="eu",
        due=d("2024-09-01"),
        commitment=g7.health,
        by=None,
    )
    (item,) = meeting_record(db, meeting).actions
    assert (item.id, item.owner, item.party) == (action, "EU", "EU")


def test_an_eu_editor_records_eu_progress_and_is_refused_us_progress(
    db: Database, settings: Settings
) -> None:
    g7 = ingest_g7(db)
    american = next(v.id for v in list_commitments(db, G7) if v.actors == ["US"])
    headers = bearer(db, "eu-editor", "editor", "EU")
    progress = {"level": "substantial", "on": "2024-03-01", "note": "Global Gateway health package"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/commitments/{g7.health}/progress"
        recorded = httpx.post(url, json={**progress, "party": "EU"}, headers=headers)
        assert recorded.status_code == 201, recorded.text
        before = row_counts(db)
        refused = httpx.post(url, json={**progress, "party": "US"}, headers=headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        assert "may not change US's records" in refused.json()["error"]["message"]
        not_eu = httpx.post(
            f"{base}/api/v1/commitments/{american}/progress",
            json={**progress, "party": "US"},
            headers=headers,
        )
        assert not_eu.status_code == 403
        assert row_counts(db) == before
    levels = current_levels(db, g7.health)
    assert levels == {**dict.fromkeys(G7_PARTIES, "no_evidence"), "EU": "substantial"}


def test_the_report_and_the_exports_carry_all_eight_parties(
    db: Database, database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    carry_through(db)
    pdf = tmp_path / "g7.pdf"
    result = run_accord("report", G7, "--format", "pdf", "-o", str(pdf), database_url=database_url)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for code in G7_PARTIES:
        assert f"{party(code).name_en} {code}" in text  # the by-party table: name and code
    # The scores table has one column per party, in the agreement's order.
    assert "NO. COMMITMENT US CA FR DE IT JP GB EU MEAN" in text
    _keep_page_images(pdf, request)

    exported = tmp_path / "progress.csv"
    result = run_accord("export", "progress", G7, "-o", str(exported), database_url=database_url)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    joint = {r["commitment"] for r in rows if r["party"] == "EU"}
    assert joint and all([r["party"] for r in rows if r["commitment"] == c] == G7_PARTIES for c in joint)
    assert {r["party"]: r["level"] for r in rows if r["note"]}["EU"] == "substantial"


def _keep_page_images(pdf: Path, request: pytest.FixtureRequest) -> None:
    """The report's pages as PNGs beside the browser screenshots, to look at (when poppler is there)."""
    if shutil.which("pdftoppm") is None:
        return
    folder = SHOTS / request.node.name.replace("[", "-").replace("]", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(folder / "page")], check=True)
