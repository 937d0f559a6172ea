"""The compliance report in Korean: Korean headings and labels, no English interface string left,
every score still on its commitment's line, NanumGothic embedded; the downloads in the visitor's
language; an unknown language refused."""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache
from pathlib import Path

import httpx
import pytest
from babel.messages.extract import extract_from_dir
from bs4 import BeautifulSoup
from pypdf import PdfReader

from accord.domain.parties import party
from accord.i18n import translate
from accord.i18n.labels import AREAS, CYCLE_KINDS, KINDS, LEVELS, STRENGTHS
from accord.reports.compliance import render
from accord.reports.scale import MINUS
from accord.server.app import create_app
from accord.services.report_data import ReportData, report_data
from accord.settings import Settings
from accord.storage.database import Database
from tests.cli import run_accord
from tests.conftest import ROOT
from tests.reports import KOREAN_JUSTIFICATION, KOREAN_NOTE, SLUG, Scored, scored_mou
from tests.server import serving
from tests.test_web_i18n import latin_labels

SCORE = r"(\+1|0|−1|—|비해당)"
HEADINGS = [
    "이행 평가 보고서",
    "요약",
    "당사자별",
    "분야별",
    "약속·당사자별 점수",
    "약속별 평가 근거",
    "평가 방법",
]


def label(value: int) -> str:
    return {1: "+1", 0: "0", -1: f"{MINUS}1"}[value]


@cache
def report_messages() -> frozenset[str]:
    """Every English msgid of the report's sources (templates and Python), as `make messages` finds them."""
    found = extract_from_dir(
        str(ROOT / "accord" / "reports"),
        [("**.py", "python"), ("templates/**.html", "jinja2")],
        {"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}},
        keywords={"_": None, "gettext": None, "N_": None},
    )
    return frozenset(
        message for _file, _line, message, _comments, _context in found if isinstance(message, str)
    )


def english_strings(data: ReportData) -> set[str]:
    """The English interface strings a Korean report must not show: the literal pieces of the report's
    messages and the labels of the values it shows, with any that the record's own text contains (the
    agreement's title and quotes, the justifications and notes stay as recorded) left out."""
    messages = set(report_messages())
    for vocabulary in (AREAS, STRENGTHS, LEVELS, KINDS, CYCLE_KINDS):
        messages |= set(vocabulary.values())
    messages |= {party(code).name_en for code in data.agreement.parties}
    recorded = " ".join(
        [data.agreement.title]
        + [c.quote + " " + (c.guideline or "") for c in data.commitments]
        + [s.justification + " " + " ".join(e.note or "" for e in s.evidence) for c in data.commitments for s in c.scores.values()]
    ).lower()  # fmt: skip
    pieces = set()
    for message in messages:
        if translate("ko", message) == message:
            continue  # the same in both languages ("n/a" is not; "%(start)s – %(end)s" is punctuation)
        for piece in re.split(r"%\(\w+\)s", message):
            piece = " ".join(piece.strip(" .,:;()“”—–·").split())
            if re.search(r"[A-Za-z]{3}", piece) and not re.search(
                rf"\b{re.escape(piece.lower())}\b", recorded
            ):
                pieces.add(piece)
    return pieces


def leftovers(text: str, data: ReportData) -> list[str]:
    flat = " ".join(text.split())
    return sorted(
        s for s in english_strings(data) if re.search(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", flat)
    )


@pytest.fixture
def scored(db: Database) -> Scored:
    return scored_mou(db)


def test_the_english_strings_are_found_in_an_english_report(db: Database, scored: Scored) -> None:
    """The scan of the Korean reports can fail: in the English report it finds the headings and labels."""
    data = report_data(db, SLUG)
    found = leftovers(render(data, "md").decode(), data)
    assert {"Compliance report", "Summary", "By party", "Methods", "Guideline", "Interim assessment"} <= set(
        found
    )
    assert {"Artificial intelligence", "Substantial", "Aspiration"} <= set(found)


def test_korean_pdf_has_every_score_korean_headings_and_embeds_nanum_gothic(
    db: Database, scored: Scored, tmp_path: Path
) -> None:
    data = report_data(db, SLUG)
    path = tmp_path / "report-ko.pdf"
    path.write_bytes(render(data, "pdf", "ko"))
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert 7 <= len(reader.pages) <= 11
    layout = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    rows = {
        int(m.group(1)): (m.group(2), m.group(3))
        for m in re.finditer(rf"^\s*(\d+)\s+\S.*?\s{SCORE}\s+{SCORE}\s+\S+\s*$", layout, re.M)
    }
    assert rows == {
        c: (label(scored.scores[c, "US"]), label(scored.scores[c, "KR"])) for c in scored.commitments
    }
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for heading in [*HEADINGS, "미국", "대한민국", "인공지능", "중간 평가", "상당함"]:
        assert heading in flat, heading
    assert (
        KOREAN_NOTE in flat and KOREAN_JUSTIFICATION in flat and "U.S. agencies report on commitment" in flat
    )
    assert f"1 / {len(reader.pages)}쪽" in flat and f"{len(reader.pages)} / {len(reader.pages)}쪽" in flat
    assert leftovers(text, data) == []
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\S+\+NanumGothic\s.*\byes\b", fonts, re.M), fonts


def test_korean_html_is_lang_ko_in_nanum_gothic_with_every_score_and_no_english_label(
    db: Database, scored: Scored
) -> None:
    data = report_data(db, SLUG)
    html = render(data, "html", "ko").decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.html is not None and page.html["lang"] == "ko"
    assert re.search(r'font-family:\s*"NanumGothic"', page.style.get_text() if page.style else "")
    cells = {
        (int(row["data-commitment"]), cell["data-party"]): cell.get_text(strip=True)
        for row in page.select("tr[data-commitment]")
        for cell in row.select("td[data-party]")
    }
    assert cells == {key: label(value) for key, value in scored.scores.items()}
    assert [h.get_text(strip=True) for h in page.select("h2")] == HEADINGS[1:2] + HEADINGS[4:]
    assert {
        row.select_one("td").get_text(" ", strip=True) for row in page.select("#by-party tr[data-group]")
    } == {
        "미국 US",
        "대한민국 KR",
    }
    assert "인공지능" in {row.td.get_text() for row in page.select("#by-area tr[data-group]") if row.td}
    # Every Latin word left is recorded text (marked translate="no") or a quoted word of the source.
    assert latin_labels(html) == []
    assert leftovers(page.get_text(" "), data) == []
    assert "U.S. agencies report on commitment" in html and KOREAN_NOTE in html  # recorded text as recorded


def test_korean_markdown_has_every_score_and_no_english_label(db: Database, scored: Scored) -> None:
    data = report_data(db, SLUG)
    text = render(data, "md", "ko").decode()
    rows = {
        int(m.group(1)): (m.group(2), m.group(3))
        for m in re.finditer(rf"^\| (\d+) \| .+? \| {SCORE} \| {SCORE} \| \S+ \|$", text, re.M)
    }
    assert rows == {
        c: (label(scored.scores[c, "US"]), label(scored.scores[c, "KR"])) for c in scored.commitments
    }
    assert text.startswith("# 이행 평가 보고서: Memorandum of Understanding")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 요약",
        "## 약속·당사자별 점수",
        "## 약속별 평가 근거",
        "## 평가 방법",
    ]
    assert "| 대한민국 (KR) |" in text and "| 인공지능 |" in text
    assert leftovers(text, data) == []


def test_downloads_follow_the_query_then_the_cookie_then_english(db: Database, settings: Settings) -> None:
    scored_mou(db)
    data = report_data(db, SLUG)
    korean = {fmt: render(data, fmt, "ko") for fmt in ("html", "md")}
    with serving(create_app(settings, db)) as base:
        asked = {
            fmt: httpx.get(f"{base}/agreements/{SLUG}/report.{fmt}", params={"lang": "ko"}) for fmt in korean
        }
        pdf = httpx.get(f"{base}/agreements/{SLUG}/report.pdf", params={"lang": "ko"}, timeout=60)
        with httpx.Client(base_url=base, cookies={"accord_lang": "ko"}) as client:
            remembered = client.get(f"/agreements/{SLUG}/report.md")
            overridden = client.get(f"/agreements/{SLUG}/report.md", params={"lang": "en"})
            agreement_page = client.get(f"/agreements/{SLUG}")
        browser = httpx.get(f"{base}/agreements/{SLUG}/report.md", headers={"accept-language": "ko"})
        plain = httpx.get(f"{base}/agreements/{SLUG}/report.md")
        unknown = httpx.get(f"{base}/agreements/{SLUG}/report.md", params={"lang": "fr"})
    for fmt, response in asked.items():
        assert response.status_code == 200 and response.content == korean[fmt], fmt
    assert (
        pdf.status_code == 200
        and "이행 평가 보고서" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    )
    assert remembered.content == korean["md"] and browser.content == korean["md"]
    assert overridden.content == plain.content == render(data, "md", "en")
    assert unknown.status_code == 422 and set(unknown.json()) == {"error"}
    assert "content-disposition" not in unknown.headers
    links = BeautifulSoup(agreement_page.text, "html.parser").select(".downloads a[href*='/report.']")
    assert [a["href"] for a in links] == [
        f"/agreements/{SLUG}/report.{fmt}?lang=ko" for fmt in ("pdf", "html", "md")
    ]


def test_cli_writes_a_korean_report(scored: Scored, database_url: str, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    result = run_accord(
        "report", SLUG, "--format", "md", "--lang", "ko", "-o", str(target), database_url=database_url
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# 이행 평가 보고서: ")


@pytest.mark.parametrize("lang", ["fr", "KO", ""])
def test_cli_refuses_an_unknown_language_and_writes_no_file(
    scored: Scored, database_url: str, tmp_path: Path, lang: str
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "r.pdf"
    result = run_accord(
        "report", SLUG, "--format", "pdf", "--lang", lang, "-o", str(target), database_url=database_url
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Error: unknown report language {lang!r}" in result.stderr and "Hint: en or ko" in result.stderr
    assert list(target.parent.iterdir()) == []
