"""Every kind of bad input gets one clear error, a non-zero exit, and leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.documents import write_scanned_pdf
from tests.helpers import row_counts

GOOD = "The Participants will cooperate on quantum research.\n"


def _missing(tmp: Path) -> list[str]:
    return [str(tmp / "nowhere.txt")]


def _binary(tmp: Path) -> list[str]:
    (tmp / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    return [str(tmp / "photo.txt")]


def _undecodable(tmp: Path) -> list[str]:
    (tmp / "cp949.txt").write_bytes("대한민국 정부는 협력한다.".encode("cp949"))
    return [str(tmp / "cp949.txt")]


def _empty(tmp: Path) -> list[str]:
    (tmp / "empty.txt").write_text("\n   \n")
    return [str(tmp / "empty.txt")]


def _scanned(tmp: Path) -> list[str]:
    return [str(write_scanned_pdf(tmp / "scan.pdf"))]


def _unknown_kind(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    return [str(tmp / "a.txt"), "--kind", "treatyish"]


def _unknown_party(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    return [str(tmp / "a.txt"), "--party", "US", "--party", "XY"]


def _unknown_party_in_a_list(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    return [str(tmp / "a.txt"), "--parties", "US,EU,XY"]


def _party_twice(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    return [str(tmp / "a.txt"), "--parties", "US,KR", "--party", "us"]


def _meta_party_twice(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    (tmp / "a.meta.json").write_text('{"title": "A", "parties": ["US", "KR", "US"]}')
    return [str(tmp / "a.txt")]


def _malformed_meta(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    (tmp / "a.meta.json").write_text('{"title": "A", "kind": "mou",}')
    return [str(tmp / "a.txt")]


def _meta_unknown_party(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    (tmp / "a.meta.json").write_text('{"title": "A", "parties": ["US", "ZQ"]}')
    return [str(tmp / "a.txt")]


def _meta_bad_date(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    (tmp / "a.meta.json").write_text('{"title": "A", "date": "29 October 2025"}')
    return [str(tmp / "a.txt")]


def _batch_with_one_bad_file(tmp: Path) -> list[str]:
    (tmp / "good.txt").write_text(GOOD)
    (tmp / "bad.txt").write_bytes(b"\xff\xfe\xfa broken")
    (tmp / "bad.txt").write_bytes(b"\x00\x01\x02\x03")
    return [str(tmp / "good.txt"), str(tmp / "bad.txt")]


def _title_for_several(tmp: Path) -> list[str]:
    (tmp / "a.txt").write_text(GOOD)
    (tmp / "b.txt").write_text("Korea will host the next meeting.\n")
    return [str(tmp / "a.txt"), str(tmp / "b.txt"), "--title", "One title"]


CASES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    ("missing file", _missing, "nowhere.txt: no such file"),
    ("binary file", _binary, "looks like a binary file"),
    ("undecodable file", _undecodable, "cannot be read as UTF-8"),
    ("empty document", _empty, "the document is empty"),
    ("pdf without text layer", _scanned, "the PDF has no text layer"),
    ("unknown kind", _unknown_kind, "unknown kind 'treatyish'"),
    ("unknown party code", _unknown_party, "unknown party code 'XY'"),
    ("unknown party in a list", _unknown_party_in_a_list, "unknown party code 'XY'"),
    ("party named twice", _party_twice, "party US is named twice"),
    ("party named twice in meta.json", _meta_party_twice, "a.meta.json: party US is named twice"),
    ("malformed meta.json", _malformed_meta, "a.meta.json: malformed JSON at line 1"),
    ("unknown party in meta.json", _meta_unknown_party, "a.meta.json: unknown party code 'ZQ'"),
    ("bad date in meta.json", _meta_bad_date, "a.meta.json: bad metadata field 'date'"),
    ("one bad file in a batch", _batch_with_one_bad_file, "bad.txt: looks like a binary file"),
    ("one title for several files", _title_for_several, "--title names one agreement"),
]


@pytest.mark.parametrize(("case", "make_args", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_changes_nothing(
    case: str,
    make_args: Callable[[Path], list[str]],
    message: str,
    tmp_path: Path,
    db: Database,
    database_url: str,
) -> None:
    # Seeded in this process: what is under test is the command that fails, not the one before it.
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    before = row_counts(db)
    assert before["commitments"] > 0

    result = run_accord("ingest", *make_args(tmp_path), database_url=database_url)

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and message in lines[0], result.stderr
    assert len(lines) == 2 and lines[1].startswith("Hint: "), result.stderr
    assert "Traceback" not in result.stderr
    assert row_counts(db) == before
