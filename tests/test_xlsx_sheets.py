"""XLSX sheets written by XlsxWriter and read back by `accord import progress` (issue 14): every
text comes back exactly as it was recorded, days are dates, the header is frozen and filtered, and
a text longer than a cell holds is cut where Excel cuts it."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from accord.domain.cells import unescaped
from accord.reports.exports import export
from accord.reports.xlsx_book import MAX_CELL, xlsx_chunks
from accord.services.bulk import export_rows, import_progress, read_sheet
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.progress import record_progress
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

FACT_SHEET = "us-kr-fact-sheet-2021"
# Texts a partner may record in a progress note, each awkward for XLSX in its own way.
AWKWARD = [
    "tab\there",
    "two\nlines",
    "carriage\rreturn and\r\nCRLF",
    "_x0041_ written literally, as is _x000D_",
    "_x005F_x0041_ already looks escaped",
    "control \x01 and \x1f characters",
    "한미 과학기술 협력 양해각서에 따른 공동위원회",
    "<r><t>looks like markup</t></r>",
    "  leading and trailing spaces  ",
    '=HYPERLINK("https://example.org","x")',
    "2026-01-05",  # a day, but a note: stays text
    "long " * 6_000,
]
SHEET = ("commitment", "party", "level", "on", "note")


def written(path: Path, rows: list[list[Any]], columns: tuple[str, ...] = SHEET) -> Path:
    path.write_bytes(b"".join(xlsx_chunks([rows], columns, "progress", days=frozenset({"on"}))))
    return path


def as_text(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{column: str(value) for column, value in row.items()} for row in rows]


def test_recorded_notes_come_back_exactly_and_import_as_unchanged(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [EXAMPLES / f"{FACT_SHEET}.txt"], by=None)
    views = list_commitments(db, FACT_SHEET)
    for view, note in zip(views, AWKWARD, strict=False):
        record_progress(db, view.id, party=view.actors[0], level="limited", on=dt.date(2026, 1, 5), note=note,
                        by=None)  # fmt: skip
    path = tmp_path / "p.xlsx"
    path.write_bytes(export(db, "progress", fmt="xlsx").data)
    rows = export_rows(db)
    assert sorted(row["note"] for row in rows if row["note"]) == sorted(AWKWARD)
    assert read_sheet(path) == as_text(rows)
    before = row_counts(db)
    result = import_progress(db, path, by=None)
    assert (result.recorded, result.unchanged) == (0, len(rows))
    # Only the import itself is audited.
    assert row_counts(db) == {**before, "audit_log": before["audit_log"] + 1}


def test_characters_postgresql_cannot_store_round_trip_too(tmp_path: Path) -> None:
    texts = [
        "nul \x00 here",
        "non-characters \ufffe \uffff",
        "_x0000_ and _xFFFE_ literally",
        "_x00_ _xZZZZ_",
    ]
    path = written(tmp_path / "p.xlsx", [[1, "US", "limited", "2026-01-05", text] for text in texts])
    assert [row["note"] for row in read_sheet(path)] == texts


def test_days_are_dates_and_other_text_stays_text(tmp_path: Path) -> None:
    path = written(tmp_path / "p.xlsx", [[1, "US", "limited", "2026-01-05", "2026-01-05"],
                                         [2, "KR", "no_evidence", "", "2026-13-45"]])  # fmt: skip
    sheet = load_workbook(path).worksheets[0]
    on, note = sheet["D2"], sheet["E2"]
    assert on.is_date and on.value == dt.datetime(2026, 1, 5) and on.number_format == "yyyy-mm-dd"
    assert note.data_type == "s" and note.value == "2026-01-05"  # a note that reads like a day
    assert sheet["D3"].value is None and sheet["E3"].value == "2026-13-45"
    assert [row["on"] for row in read_sheet(path)] == ["2026-01-05", ""]


def test_numbers_stay_numbers_and_formulas_stay_text(tmp_path: Path) -> None:
    path = written(tmp_path / "p.xlsx", [[7, "US", "limited", "2026-01-05", "=1+1"]])
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A2"].value == 7 and sheet["A2"].data_type == "n"
    assert sheet["E2"].value == "=1+1" and sheet["E2"].data_type == "s"


@pytest.mark.parametrize("rows", [0, 3])
def test_the_header_is_frozen_and_filtered_over_every_row(tmp_path: Path, rows: int) -> None:
    path = written(tmp_path / "p.xlsx", [[n, "US", "limited", "", ""] for n in range(rows)])
    sheet = load_workbook(path).worksheets[0]
    assert sheet.title == "progress" and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:E{rows + 1}"
    assert [cell.value for cell in sheet[1]] == list(SHEET)


def test_a_text_longer_than_a_cell_is_cut_where_excel_cuts_it(tmp_path: Path) -> None:
    emoji = "🙂" * MAX_CELL  # two UTF-16 code units each, as Excel counts
    path = written(tmp_path / "p.xlsx", [[1, "US", "limited", "", "x" * (MAX_CELL + 10)],
                                         [2, "US", "limited", "", emoji]])  # fmt: skip
    notes = [row["note"] for row in read_sheet(path)]
    assert notes == ["x" * MAX_CELL, "🙂" * (MAX_CELL // 2)]


def test_an_abandoned_sheet_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    batches = ([[n, "US", "limited", "", "note"]] for n in range(1_000))
    chunks = xlsx_chunks(batches, SHEET, "progress", days=frozenset())
    assert next(chunks) == b"" and any(tmp_path.iterdir())  # rows are being written
    chunks.close()  # the client left
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("plain", "plain"),
        ("_x000D_", "\r"),
        ("a_x0001_b_x001F_", "a\x01b\x1f"),
        ("_xFFFE__xFFFF_", "\ufffe\uffff"),
        ("_x005F_x0041_", "_x0041_"),
        ("_x005F_x005F_x000D_", "_x005F_x000D_"),
        # Not what the writer makes of any text: left as it is.
        ("_x0041_", "_x0041_"),
        ("_x0009_ _x000A_", "_x0009_ _x000A_"),  # tab and newline are written as themselves
        ("_x000d_", "_x000d_"),  # the writer's hex is upper-case
        ("_x005F", "_x005F"),
    ],
)
def test_unescaped_undoes_exactly_the_writers_escapes(cell: str, text: str) -> None:
    assert unescaped(cell) == text


def test_a_sheet_saved_by_a_spreadsheet_reads_as_typed(tmp_path: Path) -> None:
    """openpyxl (as a spreadsheet program would) writes shared strings; what a person typed,
    '_x0041_' included, imports as typed."""
    path = written(tmp_path / "p.xlsx", [[1, "US", "no_evidence", "", ""]])
    book = load_workbook(path)
    book.worksheets[0]["E2"] = "typed _x0041_ here"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    assert read_sheet(path)[0]["note"] == "typed _x0041_ here"
