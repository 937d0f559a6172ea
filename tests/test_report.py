"""The compliance report of the MOU: PDF (pages, text, fonts), HTML and Markdown, and its errors."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from accord.reports.compliance import render
from accord.reports.context import area_name
from accord.reports.scale import MINUS
from accord.services.assessments import compliance_report, open_cycle
from accord.services.ingest import ingest_paths
from accord.services.report_data import report_data
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.reports import KOREAN_JUSTIFICATION, KOREAN_NOTE, SLUG, Scored, scored_mou

SCORE = r"(\+1|0|−1|—|n/a)"
EXAMPLE_START, EXAMPLE_END = dt.date(2025, 10, 29), dt.date(2026, 10, 28)


def label(value: int) -> str:
    return {1: "+1", 0: "0", -1: f"{MINUS}1"}[value]


def mean(value: float | None) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text.replace("-", MINUS)


def expected_averages(db: Database, by: str, cycle: int) -> dict[str, tuple[str, str]]:
    """group → (mean, compliance %) as `accord compliance` computes them."""
    _, rows = compliance_report(db, SLUG, by=by, cycle=cycle)
    assert rows
    return {r.group: (mean(r.mean), f"{r.percent:.0f}%") for r in rows}


@pytest.fixture
def scored(db: Database) -> Scored:
    return scored_mou(db)


def test_pdf_has_every_score_on_its_commitment_line_and_embeds_the_korean_font(
    db: Database, scored: Scored, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render(report_data(db, SLUG), "pdf"))
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    # The cover, the summary and the 22-row table take two pages; the evidence of 22 commitments with
    # two cited scores each takes three to five articles a page; the methods start a page of their own.
    assert 7 <= len(reader.pages) <= 11
    layout = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    # A table row's first line holds its number, the start of the quote, the score of each party (US, KR
    # in the agreement's order) and the row's mean.
    rows = {
        int(m.group(1)): (m.group(2), m.group(3))
        for m in re.finditer(rf"^\s*(\d+)\s+\S.*?\s{SCORE}\s+{SCORE}\s+\S+\s*$", layout, re.M)
    }
    assert sorted(rows) == sorted(scored.commitments)
    for commitment, (us, kr) in rows.items():
        assert (us, kr) == (label(scored.scores[commitment, "US"]), label(scored.scores[commitment, "KR"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert KOREAN_NOTE in text and KOREAN_JUSTIFICATION in text
    assert "page 1 of" in text and f"page {len(reader.pages)} of {len(reader.pages)}" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\S+\+NanumGothic\s.*\byes\b", fonts, re.M), fonts


def test_html_has_every_score_the_averages_and_the_evidence(db: Database, scored: Scored) -> None:
    page = BeautifulSoup(render(report_data(db, SLUG), "html"), "html.parser")
    cells = {
        (int(row["data-commitment"]), cell["data-party"]): cell.get_text(strip=True)
        for row in page.select("tr[data-commitment]")
        for cell in row.select("td[data-party]")
    }
    assert cells == {key: label(value) for key, value in scored.scores.items()}
    for by, table in (("party", "#by-party"), ("area", "#by-area")):
        shown = {
            row["data-group"]: (row.select_one(".mean").get_text(), row.select_one(".percent").get_text())
            for row in page.select(f"{table} tr[data-group]")
        }
        assert shown == expected_averages(db, by, scored.cycle)
    first = page.select_one(f"#e{scored.commitments[0]}")
    assert first is not None
    links = [a["href"] for a in first.select("ul.progress a")]
    assert links == [f"https://www.msit.go.kr/report/{scored.commitments[0]}"]
    assert "after the period" not in first.get_text()  # progress recorded after the period is not evidence
    assert page.select_one("#methods") is not None and "(mean + 1) / 2" in page.get_text()


def test_markdown_tables_hold_every_score_and_the_averages(db: Database, scored: Scored) -> None:
    text = render(report_data(db, SLUG), "md").decode()
    rows = {
        int(m.group(1)): (m.group(2), m.group(3))
        for m in re.finditer(rf"^\| (\d+) \| .+? \| {SCORE} \| {SCORE} \| \S+ \|$", text, re.M)
    }
    assert rows == {
        c: (label(scored.scores[c, "US"]), label(scored.scores[c, "KR"])) for c in scored.commitments
    }
    # A party is shown by name and code, an area by its name.
    area_groups = {area_name("en", group): group for group in expected_averages(db, "area", scored.cycle)}
    for by, heading in (("party", "### By party"), ("area", "### By area")):
        section = text.split(heading, 1)[1].split("\n\n", 2)[1]
        shown = {
            re.sub(r".*\((\w\w)\)$", r"\1", group) if by == "party" else area_groups[group]: (m, p)
            for group, _, m, p in (
                [c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()[2:]
            )
        }
        assert shown == expected_averages(db, by, scored.cycle)


def test_recorded_text_cannot_break_out_of_the_html_or_a_markdown_cell(db: Database, tmp_path: Path) -> None:
    from accord.services.assessments import score, write_guideline
    from accord.services.commitments import list_commitments

    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    cycle = open_cycle(db, SLUG, kind="interim", start=EXAMPLE_START, end=EXAMPLE_END, by=None)
    view = list_commitments(db, SLUG)[0]
    write_guideline(db, view.id, "<b>bold</b> | pipe", by=None)
    score(db, cycle.id, view.id, party="US", value=1, justification="<script>alert(1)</script>", by=None)
    html = render(report_data(db, SLUG), "html").decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = render(report_data(db, SLUG), "md").decode()
    assert "<script>" not in markdown and "<b>" not in markdown


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["nowhere", "--format", "md"], "no agreement 'nowhere'", ""),
        ([SLUG, "--format", "md"], f"{SLUG} has no assessment cycle", "accord assess open"),
        ([SLUG, "--format", "md", "--cycle", "99"], "no assessment cycle 99", ""),
        ([SLUG, "--format", "docx"], "unknown report format 'docx'", "html, pdf or md"),
    ],
)
def test_cli_errors_write_no_file(
    db: Database, database_url: str, tmp_path: Path, args: list[str], message: str, hint: str
) -> None:
    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    before = row_counts(db)
    target = tmp_path / "report.out"
    result = run_accord("report", *args, "-o", str(target), database_url=database_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Error: {message}" in result.stderr and "Hint: " in result.stderr
    assert hint in result.stderr
    assert list(tmp_path.glob("report.out*")) == [] and row_counts(db) == before


def test_cli_refuses_a_cycle_of_another_agreement(db: Database, database_url: str, tmp_path: Path) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    other = open_cycle(
        db, "us-kr-fact-sheet-2021", kind="final", start=EXAMPLE_START, end=EXAMPLE_END, by=None
    )
    result = run_accord(
        "report", SLUG, "--cycle", str(other.id), "-o", str(tmp_path / "r.md"), database_url=database_url
    )
    assert result.returncode == 1
    assert f"Error: cycle {other.id} is not an assessment cycle of {SLUG}" in result.stderr
    assert not (tmp_path / "r.md").exists()


@pytest.mark.parametrize("where", ["missing-folder", "folder"])
def test_cli_unwritable_output_is_refused_before_any_work(
    scored: Scored, database_url: str, tmp_path: Path, where: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "nowhere" / "r.pdf" if where == "missing-folder" else out
    result = run_accord("report", SLUG, "--format", "pdf", "-o", str(target), database_url=database_url)
    assert result.returncode == 1 and "Error: " in result.stderr and "Hint: " in result.stderr
    assert list(out.iterdir()) == []


def test_cli_writes_the_report_whole(scored: Scored, database_url: str, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "r.md"
    target.write_text("an older report")
    result = run_accord(
        "report", SLUG, "--format", "md", "--cycle", str(scored.cycle), "-o", str(target),
        database_url=database_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# Compliance report: Memorandum of Understanding")
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]  # no temporary file left beside it
