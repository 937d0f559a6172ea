"""Metadata that does not get in the way: unknown sidecar fields are named in one warning, and the
flags of `accord ingest` and `accord extract` win over the sidecar."""

from __future__ import annotations

import json
from pathlib import Path

from accord.services.queries import agreement_detail
from accord.storage.database import Database
from accord.text.metadata import read_sidecar
from tests.cli import run_accord

TEXT = (
    "FACT SHEET: Partnership on Ocean Science\n\n"
    "The United States will fund two research vessels.\n"
    "The European Union will host a data centre for ocean observations.\n"
)
SIDECAR = {
    "title": "From the sidecar",
    "date": "2024-01-01",
    "kind": "mou",
    "parties": ["US", "XQ"],  # an unknown code: the --parties flag replaces it unread
    "source_url": "https://example.org/ocean",
    "retrieved": "2024-02-01",
}


def _files(tmp_path: Path, sidecar: dict[str, object]) -> Path:
    document = tmp_path / "ocean.txt"
    document.write_text(TEXT, encoding="utf-8")
    (tmp_path / "ocean.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return document


def test_unknown_sidecar_fields_are_named_in_one_warning_and_ingested(
    tmp_path: Path, db: Database, database_url: str
) -> None:
    document = _files(tmp_path, {**SIDECAR, "parties": ["US", "EU"]})
    result = run_accord("ingest", str(document), "--json", database_url=database_url)
    assert result.returncode == 0, result.stderr
    (warning,) = result.stderr.strip().splitlines()
    assert warning == (
        f"Warning: {tmp_path / 'ocean.meta.json'}: ignored the fields accord does not know: retrieved, source_url"
    )
    (stored,) = json.loads(result.stdout)
    assert stored["stored"] and stored["warnings"] == [warning.removeprefix("Warning: ")]
    summary = agreement_detail(db, "ocean").summary
    assert (summary.title, summary.kind, summary.parties) == ("From the sidecar", "mou", ["US", "EU"])


def test_ingest_flags_override_the_sidecar(tmp_path: Path, db: Database, database_url: str) -> None:
    document = _files(tmp_path, SIDECAR)
    result = run_accord(
        "ingest", str(document), "--title", "From the flags", "--date", "2023-05-21",
        "--kind", "fact_sheet", "--parties", "us,EU", database_url=database_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = agreement_detail(db, "ocean").summary
    assert (summary.title, summary.date.isoformat(), summary.kind, summary.parties) == (
        "From the flags", "2023-05-21", "fact_sheet", ["US", "EU"],
    )  # fmt: skip


def test_extract_flags_override_the_sidecar_and_bind_the_actors(tmp_path: Path) -> None:
    document = _files(tmp_path, SIDECAR)
    result = run_accord(
        "extract", str(document), "--json", "--title", "From the flags", "--date", "2023-05-21",
        "--kind", "fact_sheet", "--parties", "US,EU", database_url="sqlite:///unused.db",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "ignored the fields accord does not know: retrieved, source_url" in result.stderr
    extracted = json.loads(result.stdout)
    assert {k: extracted["document"][k] for k in ("title", "date", "kind", "parties")} == {
        "title": "From the flags", "date": "2023-05-21", "kind": "fact_sheet", "parties": ["US", "EU"],
    }  # fmt: skip
    assert [c["actors"] for c in extracted["commitments"]] == [["US"], ["EU"]]


def test_without_the_flag_the_sidecars_bad_party_is_still_refused(tmp_path: Path) -> None:
    document = _files(tmp_path, SIDECAR)
    result = run_accord("extract", str(document), database_url="sqlite:///unused.db")
    assert result.returncode == 1
    assert "ocean.meta.json: unknown party code 'XQ'" in result.stderr and "Traceback" not in result.stderr


def test_reading_a_sidecar_keeps_what_it_knows_and_lists_what_it_does_not(tmp_path: Path) -> None:
    path = tmp_path / "a.meta.json"
    path.write_text(json.dumps({"title": "A", "parties": ["EU"], "notes": "known", "Titel": "typo"}))
    meta = read_sidecar(path)
    assert (meta.title, meta.parties) == ("A", ("EU",))
    assert meta.warnings == (f"{path}: ignored the fields accord does not know: Titel",)
    assert read_sidecar(path, overridden=["title"]).title is None
