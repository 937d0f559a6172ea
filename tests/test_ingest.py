"""Ingesting the example agreements, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from accord.domain.agreements import AgreementMeta
from accord.services.ingest import ingest_paths
from accord.services.queries import ProvisionNode, agreement_detail, list_agreements
from accord.storage.database import Database
from accord.text.segment import segment
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import row_counts

MOU = EXAMPLES / "us-kr-tpd-mou-2025.txt"
FACT_SHEET = EXAMPLES / "us-kr-fact-sheet-2021.txt"


def walk(nodes: list[ProvisionNode]) -> list[ProvisionNode]:
    out: list[ProvisionNode] = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.children))
    return out


def test_examples_are_stored_with_metadata_and_provisions(db: Database) -> None:
    results = ingest_paths(db, [MOU, FACT_SHEET], by=None)
    assert [r.stored for r in results] == [True, True]
    summaries = {s.slug: s for s in list_agreements(db)}
    mou = summaries["us-kr-tpd-mou-2025"]
    assert mou.kind == "mou" and mou.parties == ["US", "KR"] and mou.date.isoformat() == "2025-10-29"
    assert mou.provisions == len(segment(MOU.read_text(encoding="utf-8")))
    assert summaries["us-kr-fact-sheet-2021"].kind == "fact_sheet"


def test_same_bytes_are_recognised_and_not_stored_again(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, [MOU], by=None)
    before = row_counts(db)
    copy = tmp_path / "renamed-copy.txt"
    shutil.copyfile(MOU, copy)
    (result,) = ingest_paths(db, [copy], by=None)
    assert not result.stored and result.slug == "us-kr-tpd-mou-2025"
    assert row_counts(db) == before


def test_flags_override_the_sidecar_and_slugs_stay_unique(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "statement.txt"
    first.write_text("The leaders will meet again in 2027.\n")
    (tmp_path / "statement.meta.json").write_text('{"title": "From sidecar", "kind": "joint_statement"}')
    (one,) = ingest_paths(db, [first], AgreementMeta(title="From flag", parties=("JP", "KR")), by=None)
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    second = other_dir / "statement.txt"
    second.write_text("A different statement: the leaders will meet in 2028.\n")
    (two,) = ingest_paths(db, [second], by=None)
    assert (one.title, one.slug, two.slug) == ("From flag", "statement", "statement-2")
    detail = agreement_detail(db, "statement")
    assert detail.summary.kind == "joint_statement" and detail.summary.parties == ["JP", "KR"]


def test_show_json_spans_are_the_text(db: Database, database_url: str) -> None:
    ingest_paths(db, [MOU], by=None)
    result = run_accord("show", "us-kr-tpd-mou-2025", "--json", database_url=database_url)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    text = shown["document"]["text"]
    assert text == MOU.read_text(encoding="utf-8")

    def check(nodes: list[dict]) -> int:
        count = 0
        for node in nodes:
            assert text[node["start"] : node["end"]] == node["text"]
            count += 1 + check(node["children"])
        return count

    assert check(shown["provisions"]) == shown["provision_count"] == len(segment(text))
    headings = [n for n in walk(agreement_detail(db, "1").tree) if n.kind == "heading"]
    assert [h.text for h in headings][:3] == [
        "I. Purpose",
        "II. Areas of Cooperation",
        "Accelerating AI Adoption and Innovation",
    ]


def test_agreements_cli_lists_both_and_unknown_reference_is_an_error(db: Database, database_url: str) -> None:
    ingest_paths(db, [MOU, FACT_SHEET], by=None)
    listing = run_accord("agreements", "--json", database_url=database_url)
    assert {a["slug"] for a in json.loads(listing.stdout)} == {"us-kr-tpd-mou-2025", "us-kr-fact-sheet-2021"}
    missing = run_accord("show", "no-such-agreement", database_url=database_url)
    assert missing.returncode == 1
    assert "Error: no agreement 'no-such-agreement'" in missing.stderr
    assert "accord agreements" in missing.stderr
