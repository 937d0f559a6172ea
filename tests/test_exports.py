"""Exports through the real `accord` command: commitments, progress and funding as CSV, JSON and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from accord.services.bulk import export_rows, sheet_text, to_csv
from accord.services.funding import add_flow, flows
from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES

MOU = "us-kr-tpd-mou-2025"
FACT_SHEET = "us-kr-fact-sheet-2021"


def as_cell(value: Any) -> str:
    """What a JSON field must read as in a CSV cell: lists joined with ";", amounts as
    "value currency party period", null as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(
            " ".join(str(v[k]) for k in ("value", "currency", "actor", "period") if v.get(k))
            if isinstance(v, dict)
            else str(v)
            for v in value
        )
    return str(value)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def read_xlsx(path: Path) -> tuple[list[dict[str, str]], Any]:
    """The rows of a sheet as `accord import progress` reads them (a date cell as its day)."""
    sheet = load_workbook(path).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    rows = [dict(zip(header, (sheet_text(v) for v in row), strict=True)) for row in values[1:]]
    return rows, sheet


def accord(database_url: str, *args: str) -> str:
    result = run_accord(*args, database_url=database_url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_csv_xlsx_and_json_list_the_same_rows_as_accord_commitments_json(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    listed = accord(database_url, "commitments", "--json")
    expected = [{key: as_cell(value) for key, value in row.items()} for row in json.loads(listed)]
    assert len(expected) == 32 + 22
    assert any(row["amounts"] for row in expected) and any(";" in row["actors"] for row in expected)
    for fmt in ("csv", "xlsx", "json"):
        accord(database_url, "export", "commitments", "--format", fmt, "-o", str(tmp_path / f"c.{fmt}"))
    assert read_csv(tmp_path / "c.csv") == expected
    from_xlsx, sheet = read_xlsx(tmp_path / "c.xlsx")
    assert from_xlsx == expected
    due = [cell for cell in sheet["L"][1:] if cell.value is not None]
    assert sheet["L1"].value == "due" and due and all(cell.is_date for cell in due)  # dates, not text
    assert (tmp_path / "c.json").read_text(encoding="utf-8") == listed
    # One agreement, to standard output.
    only = accord(database_url, "export", "commitments", MOU, "--format", "json")
    assert only == accord(database_url, "commitments", MOU, "--json")


def test_progress_export_keeps_its_options_and_gains_json(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    sheet = to_csv(export_rows(db, MOU)).decode()
    assert accord(database_url, "export", "progress", "--agreement", MOU) == sheet
    assert accord(database_url, "export", "progress", MOU, "--format", "csv") == sheet
    rows = json.loads(accord(database_url, "export", "progress", MOU, "--format", "json"))
    assert rows == export_rows(db, MOU) and len(rows) == 2 * 22
    accord(database_url, "export", "progress", "--format", "xlsx", "-o", str(tmp_path / "p.xlsx"))
    from_xlsx, book = read_xlsx(tmp_path / "p.xlsx")
    assert book.title == "progress"
    assert [(r["commitment"], r["party"]) for r in from_xlsx] == [
        (str(r["commitment"]), r["party"]) for r in export_rows(db)
    ]
    both = run_accord("export", "progress", MOU, "--agreement", FACT_SHEET, database_url=database_url)
    assert both.returncode == 1 and "Error: two agreements given" in both.stderr


def test_funding_export_lists_every_flow_and_keeps_formulas_as_text(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    add_flow(db, FACT_SHEET, type="disbursement", party="KR", value="1000000", currency="KRW",
             on=dt.date(2022, 5, 1), note='=HYPERLINK("https://example.org","x")', by=None)  # fmt: skip
    add_flow(db, MOU, type="pledge", party="US", value="2500.5", currency="USD", by=None)
    expected = [
        {"agreement": slug, **{k: as_cell(v) for k, v in flow.as_json().items()}}
        for slug in (FACT_SHEET, MOU)
        for flow in flows(db, slug)
    ]
    assert len(expected) == 2
    for fmt in ("csv", "xlsx", "json"):
        accord(database_url, "export", "funding", "--format", fmt, "-o", str(tmp_path / f"f.{fmt}"))
    # In CSV, a cell a spreadsheet would run as a formula starts with an apostrophe (OWASP's rule).
    neutralised = [{**row, "note": "'" + row["note"] if row["note"] else ""} for row in expected]
    assert read_csv(tmp_path / "f.csv") == neutralised
    from_xlsx, sheet = read_xlsx(tmp_path / "f.xlsx")
    assert from_xlsx == expected
    note = next(c for c in sheet[2] if str(c.value).startswith("=HYPERLINK"))
    assert note.data_type == "s"  # text in the sheet, never a formula a spreadsheet would run
    listed = json.loads((tmp_path / "f.json").read_text())
    assert [row["value"] for row in listed] == [1000000, 2500.5]
    only = json.loads(accord(database_url, "export", "funding", MOU, "--format", "json"))
    assert [row["agreement"] for row in only] == [MOU]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["commitments", "--format", "pdf"], "unknown export format 'pdf'"),
        (["funding", "nowhere", "--format", "csv"], "no agreement 'nowhere'"),
        (["progress", "--format", "xml"], "unknown export format 'xml'"),
    ],
)
def test_export_errors_write_no_file(
    db: Database, database_url: str, tmp_path: Path, args: list[str], message: str
) -> None:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    out = tmp_path / "out"
    out.mkdir()
    result = run_accord("export", *args, "-o", str(out / "x"), database_url=database_url)
    assert result.returncode == 1 and f"Error: {message}" in result.stderr and "Hint: " in result.stderr
    assert list(out.iterdir()) == []
