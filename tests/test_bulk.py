"""Bulk progress: export, fill in, import all or nothing; CSV and XLSX round-trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from accord.errors import InputError
from accord.reports.exports import export
from accord.services.bulk import export_rows, import_progress, to_csv
from accord.services.ingest import ingest_paths
from accord.services.progress import history
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts


def filled_sheet(db: Database, tmp_path: Path, *, bad: bool) -> tuple[Path, int]:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    rows = export_rows(db)
    target = rows[0]
    target.update(
        level="substantial", on="2022-03-01", evidence_url="https://example.org/report", note="on track"
    )
    if bad:
        rows[1].update(level="done", on="2022-03-01")
        rows[2].update(level="limited", on="March 2022", note="x")
        rows[3].update(party="JP", level="limited", on="2022-03-01", note="x")
    path = tmp_path / "progress.csv"
    path.write_bytes(to_csv(rows))
    return path, int(target["commitment"])


def test_import_records_the_filled_rows(db: Database, tmp_path: Path) -> None:
    path, commitment = filled_sheet(db, tmp_path, bad=False)
    result = import_progress(db, path, by=None)
    assert result.recorded == 1 and result.unchanged >= 1
    assert [e.level for e in history(db, commitment)] == ["substantial"]
    again = import_progress(db, path, by=None)  # the same sheet twice records nothing new
    assert again.recorded == 0


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(db: Database, tmp_path: Path) -> None:
    path, _ = filled_sheet(db, tmp_path, bad=True)
    before = row_counts(db)
    with pytest.raises(InputError) as error:
        import_progress(db, path, by=None)
    message = error.value.message
    assert "3 bad row(s), nothing imported" in message
    assert "line 3, column level: unknown progress level 'done'" in message
    assert "line 4, column on: bad date 'March 2022'" in message
    assert "line 5, column party: JP is not an actor" in message
    assert row_counts(db) == before


def test_csv_and_xlsx_list_the_same_rows(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    rows = export_rows(db)
    from_csv = list(csv.DictReader(io.StringIO(to_csv(rows).decode())))
    book = tmp_path / "p.xlsx"
    book.write_bytes(export(db, "progress", fmt="xlsx").data)
    sheet = load_workbook(book).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    from_xlsx = [
        dict(zip(header, ("" if v is None else str(v) for v in row), strict=True)) for row in values[1:]
    ]
    assert [r["commitment"] for r in from_csv] == [r["commitment"] for r in from_xlsx]
    assert len(from_csv) == sum(1 for _ in rows) == 2 * 22


def test_cli_import_failure_exits_1(db: Database, database_url: str, tmp_path: Path) -> None:
    path, _ = filled_sheet(db, tmp_path, bad=True)
    result = run_accord("import", "progress", str(path), database_url=database_url)
    assert result.returncode == 1 and "nothing imported" in result.stderr


def test_xlsx_dates_typed_in_a_spreadsheet_import(db: Database, tmp_path: Path) -> None:
    """Issue 14, item 4: a date typed in a spreadsheet cell is a datetime at midnight (openpyxl reads
    it so); saved as text it reads '2026-11-26 00:00:00'. Both were refused as a bad date."""
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    path = tmp_path / "p.xlsx"
    path.write_bytes(export(db, "progress", fmt="xlsx").data)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = {
        name: header.index(name) + 1 for name in ("commitment", "party", "level", "on", "note", "evidence_on")
    }
    typed, as_text = sheet[2], sheet[3]
    for row, on in ((typed, dt.datetime(2026, 11, 26)), (as_text, "2026-11-26 00:00:00")):
        row[column["level"] - 1].value = "limited"
        row[column["note"] - 1].value = "first grants awarded"
        row[column["on"] - 1].value = on
    typed[column["on"] - 1].number_format = "yyyy-mm-dd"
    typed[column["evidence_on"] - 1].value = dt.datetime(2026, 11, 20)
    book.save(path)

    result = import_progress(db, path, by=None)
    assert result.recorded == 2
    for row in (typed, as_text):
        party = row[column["party"] - 1].value
        entries = [e for e in history(db, int(row[column["commitment"] - 1].value)) if e.party == party]
        assert [(e.level, e.made_on) for e in entries] == [("limited", dt.date(2026, 11, 26))]
    typed_entries = history(db, int(typed[column["commitment"] - 1].value))
    assert dt.date(2026, 11, 20) in {e.evidence_on for e in typed_entries}


def test_xlsx_date_with_a_time_of_day_is_refused_and_nothing_imported(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    path = tmp_path / "p.xlsx"
    path.write_bytes(export(db, "progress", fmt="xlsx").data)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("level") + 1).value = "limited"
    sheet.cell(2, header.index("note") + 1).value = "x"
    sheet.cell(2, header.index("on") + 1).value = dt.datetime(2026, 11, 26, 13, 30)
    book.save(path)
    before = row_counts(db)
    with pytest.raises(InputError, match=r"line 2, column on: bad date '2026-11-26T13:30:00'"):
        import_progress(db, path, by=None)
    assert row_counts(db) == before


def test_xlsx_sheets_have_a_frozen_header_and_a_filter(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    sheets = []
    for kind in ("commitments", "progress", "funding"):
        sheets.append(load_workbook(io.BytesIO(export(db, kind, fmt="xlsx").data)).worksheets[0])
    for sheet in sheets:
        assert sheet.freeze_panes == "A2"
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.max_row > 1 or sheet.title == "funding"
