"""The search page: snippets escaped before their matches are marked, over real HTTP."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.services.search import MARKS
from accord.settings import Settings
from accord.storage.database import Database
from accord.web.search_page import highlighted
from tests.conftest import EXAMPLES
from tests.server import serving


def test_snippets_escape_the_documents_markup_and_mark_only_the_matches(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "The Participants intend to cooperate on quantum <script>alert(1)</script> research "
        "and <img src=x onerror=alert(2)> sensors.\n"
    )
    ingest_paths(db, [hostile, EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    with serving(create_app(settings, db)) as base:
        page = httpx.get(base + "/search", params={"q": "quantum"})
        korean = httpx.get(base + "/search", params={"q": "quantum", "lang": "ko"})
        api = httpx.get(base + "/api/v1/search", params={"q": "quantum", "limit": 50})
    assert page.status_code == korean.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "<img src=x" not in page.text
    # SQLite's snippet keeps the document's tags as text; PostgreSQL's ts_headline may drop them.
    for hit in api.json():
        escaped = hit["snippet"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        shown = escaped.replace(MARKS[0], "<mark>").replace(MARKS[1], "</mark>").replace('"', "&#34;")
        assert shown.replace("'", "&#39;") in page.text
    if any("<script>" in hit["snippet"] for hit in api.json()):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert page.text.count("<mark>") == sum(hit["snippet"].count(MARKS[0]) for hit in api.json()) > 0
    assert "<mark>quantum</mark>" in page.text.lower()
    assert (
        page.headers["link"]
        == '</api/v1/search?q=quantum&limit=50>; rel="alternate"; type="application/json"'
    )
    assert "검색어" in korean.text and "조항" in korean.text
    commitments = [hit for hit in api.json() if hit["kind"] == "commitment"]
    assert commitments and f'href="/commitments/{commitments[0]["id"]}"' in page.text


def test_a_mark_the_text_itself_holds_stays_text() -> None:
    start, end = MARKS
    assert str(highlighted(f"a {end} b {start}x<y{end} {start}c")) == (
        f"a {end} b <mark>x&lt;y</mark> <mark>c</mark>"
    )


def test_empty_and_unusable_queries(db: Database, settings: Settings) -> None:
    with serving(create_app(settings, db)) as base:
        empty = httpx.get(base + "/search")
        control = httpx.get(base + "/search", params={"q": "quantum\x01"})
        long = httpx.get(base + "/search", params={"q": "x" * 501})
        nothing = httpx.get(base + "/search", params={"q": "zebra"})
    assert empty.status_code == 200 and "<mark>" not in empty.text and 'name="q"' in empty.text
    assert control.status_code == 400 and "control characters" in control.text
    assert long.status_code == 400 and "longer than 500 characters" in long.text
    assert nothing.status_code == 200 and "Nothing matches every word." in nothing.text


def test_a_provision_result_lands_on_its_provision(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        results = httpx.get(base + "/search", params={"q": "quantum"})
        links = re.findall(r'href="(/agreements/[^"#]+)#(provision-\d+)"', results.text)
        assert links, "the search found no provision"
        for path, anchor in links[:5]:
            page = httpx.get(base + path)
            assert f'id="{anchor}"' in page.text
