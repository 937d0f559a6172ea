"""Each file format loads into exact text that the segmenter understands."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from accord.domain.provisions import ProvisionKind
from accord.errors import InputError
from accord.text.loaders import load
from accord.text.segment import segment
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.documents import HTML, write_docx, write_pdf, write_scanned_pdf


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [
        (n.kind.value, text[n.start : n.end]) for n in segment(text) if n.kind is not ProvisionKind.SENTENCE
    ]


def test_txt_is_kept_byte_for_byte_and_hashed() -> None:
    path = EXAMPLES / "us-kr-tpd-mou-2025.txt"
    source = load(path)
    assert source.text == path.read_text(encoding="utf-8")
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.media_type == "text/plain"


def test_markdown_headings_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text("# Statement\n\n## Space\n\nThe leaders will:\n\n- expand lunar work;\n- share data.\n")
    text = load(path).text
    headings = [t for k, t in kinds_and_texts(text) if k == "heading"]
    assert headings == ["Statement", "Space"]
    items = [t for k, t in kinds_and_texts(text) if k == "list_item"]
    assert items == ["expand lunar work;", "share data."]


def test_html_drops_navigation_scripts_and_styles(tmp_path: Path) -> None:
    path = tmp_path / "statement.html"
    path.write_text(HTML)
    source = load(path)
    for dropped in ("Home", "Briefing Room", "tracking", "color: red", "Site banner", "Privacy policy"):
        assert dropped not in source.text
    assert source.title_hint == "Joint Statement on Space"
    found = kinds_and_texts(source.text)
    assert ("heading", "Joint Statement on Space Cooperation") in found
    assert ("heading", "Exploration") in found
    assert ("list_item", "expand cooperation on lunar exploration;") in found
    assert ("list_item", "launch a satellite navigation dialogue.") in found
    assert "The two leaders met in Seoul. They agreed on the following." in source.text


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "mou.pdf", ["I. Purpose", "The Participants will cooperate on quantum research."]
    )
    source = load(path)
    assert "The Participants will cooperate on quantum research." in source.text
    assert source.media_type == "application/pdf"


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="no text layer") as error:
        load(path)
    assert "OCR" in error.value.hint


def test_docx_styles_become_headings_and_items(tmp_path: Path) -> None:
    source = load(write_docx(tmp_path / "arrangement.docx"))
    found = kinds_and_texts(source.text)
    assert ("heading", "Article 1 Purpose") in found
    assert ("list_item", "exchange researchers;") in found
    assert source.title_hint == "Arrangement on Quantum Cooperation"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Coopération entre États".encode("cp1252"), "UTF-8"),
        ("blank.txt", b"  \n\n\t \n", "empty"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "not a readable .docx"),
        ("data.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as error:
        load(path)
    assert error.value.hint


def test_an_html_file_with_no_element_is_read_without_a_server_error(tmp_path: Path) -> None:
    from accord.text.html import nesting_depth

    assert nesting_depth("") == 0 and nesting_depth("just words") <= 1


def test_a_damaged_pdf_gets_the_error_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"garbage, then %PDF-1.4 and no end")
    done = run_accord("ingest", str(path), database_url=f"sqlite:///{tmp_path}/accord.db")
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith(f"Error: {path}: not a readable PDF"), done.stderr
    assert all(line.startswith(("Error:", "Hint:")) for line in lines), done.stderr  # no pypdf warnings
