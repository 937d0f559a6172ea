"""English and Korean: complete catalogues, the language chosen per request and remembered,
and Korean pages with no English interface label left."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from accord.domain.access import Role
from accord.domain.agreements import AgreementKind
from accord.domain.commitments import AREAS, ReviewState, Strength
from accord.domain.compliance import CycleKind
from accord.domain.funding import FlowType
from accord.domain.lifecycle import Act, Status
from accord.domain.progress import Level
from accord.i18n import labels
from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from accord.web.i18n import LOCALE_DIR
from tests.conftest import EXAMPLES, ROOT
from tests.server import serving

# Latin-script words a Korean page may show outside data: names of formats, codes, the product.
ALLOWED_LATIN = {"accord", "API", "JSON", "CSV", "XLSX", "PDF", "HTML", "Markdown", "iCalendar", "ICS", "ID"}


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=language)


def test_every_message_has_a_korean_translation() -> None:
    missing = [m.id for m in _catalog("ko") if m.id and not m.string]
    fuzzy = [m.id for m in _catalog("ko") if m.id and m.fuzzy]
    assert not missing and not fuzzy, f"untranslated: {missing}, fuzzy: {fuzzy}"


def test_the_catalogues_hold_every_string_of_the_sources() -> None:
    """`make messages` was run after the last change to a template or a marked string."""
    with (
        ROOT / "babel.cfg"
    ).open() as config:  # the dashboard's and the report's sources, as `make messages` reads them
        method_map, options = parse_mapping_cfg(config)
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT),
            method_map,
            options,
            keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
        )
    }
    for language in ("en", "ko"):
        catalogued = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(language) if m.id}
        assert found - catalogued == set(), f"run `make messages`: {language} lacks {found - catalogued}"
        assert catalogued - found == set(), f"run `make messages`: {language} keeps {catalogued - found}"


@pytest.mark.parametrize(
    ("vocabulary", "values"),
    [
        ("area", AREAS),
        ("strength", [s.value for s in Strength]),
        ("level", [v.value for v in Level]),
        ("status", [s.value for s in Status]),
        ("review", [s.value for s in ReviewState]),
        ("role", [r.value for r in Role]),
        ("kind", [k.value for k in AgreementKind]),
        ("act", [a.value for a in Act]),
        ("flow", [t.value for t in FlowType]),
        ("cycle", [k.value for k in CycleKind]),
    ],
)
def test_every_stored_value_has_a_label(vocabulary: str, values: list[str]) -> None:
    assert set(labels.VOCABULARIES[vocabulary]) == set(values)


def _lang(html: str) -> str:
    found = re.search(r'<html lang="(\w+)"', html)
    assert found
    return found.group(1)


def test_the_language_comes_from_the_query_the_cookie_or_the_browser(
    db: Database, settings: Settings
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        assert _lang(httpx.get(base + "/").text) == "en"
        assert (
            _lang(httpx.get(base + "/", headers={"accept-language": "fr, ko;q=0.8, en;q=0.5"}).text) == "ko"
        )
        assert _lang(httpx.get(base + "/", headers={"accept-language": "en-GB, ko;q=0.9"}).text) == "en"
        with httpx.Client(base_url=base) as client:
            switched = client.get("/?lang=ko")
            assert _lang(switched.text) == "ko" and "accord_lang=ko" in switched.headers["set-cookie"]
            assert switched.headers["content-language"] == "ko"
            later = client.get("/agreements", headers={"accept-language": "en"})
            assert _lang(later.text) == "ko" and "협정" in later.text  # remembered over the browser's wish
            assert _lang(client.get("/agreements?lang=en").text) == "en"
            assert _lang(client.get("/agreements").text) == "en"
        assert _lang(httpx.get(base + "/?lang=xx").text) == "en"


def test_concurrent_requests_in_two_languages_do_not_mix(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    expected = {"en": "Next deadlines", "ko": "다가오는 기한"}
    with serving(create_app(settings, db)) as base:

        def fetch(language: str) -> tuple[str, str, bool, int, str, str]:
            response = httpx.get(f"{base}/?lang={language}", timeout=60)
            page = response.text
            other = expected["ko" if language == "en" else "en"]
            title = re.search(r"<title>(.*?)</title>", page, re.S)
            # status and title: a page that is not the overview (an error page) says so when it fails
            return (
                language, _lang(page), expected[language] in page and other not in page,
                response.status_code, title.group(1).strip() if title else page[:200],
                re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("<main", 1)[-1]))[:300],
            )  # fmt: skip

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(fetch, ["en", "ko"] * 30))
    mixed = [result for result in results if not (result[0] == result[1] and result[2])]
    assert not mixed, mixed


def latin_labels(html: str) -> list[str]:
    """Latin-script words in the page's interface text: outside data marked translate="no" or
    lang="en", scripts and styles."""
    soup = BeautifulSoup(html, "html.parser")
    if soup.body is None and not soup.find(["h2", "dl", "p"]):
        return ["(not an HTML page)"]
    root = soup.body or soup  # a fragment (the side panel) has no body
    for element in root.select('[translate="no"], [lang="en"], script, style, code'):
        element.decompose()
    text = " ".join(root.stripped_strings)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
    attributes = [
        value
        for tag in soup.find_all(True)
        for name in ("title", "aria-label", "placeholder", "alt")
        if isinstance(value := tag.get(name), str)
    ]
    words += re.findall(r"[A-Za-z][A-Za-z'’-]+", " ".join(attributes))
    return [word for word in words if word not in ALLOWED_LATIN]


def korean_pages(base: str, paths: list[str]) -> dict[str, list[str]]:
    with httpx.Client(base_url=base, cookies={"accord_lang": "ko"}) as client:
        return {path: latin_labels(client.get(path).text) for path in paths}


def test_korean_pages_have_no_english_labels(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        found = korean_pages(
            base, ["/", "/agreements", "/signin", "/agreements/us-kr-tpd-mou-2025", "/commitments/1",
                   "/commitments/1/panel", "/agreements/nope", "/commitments/x"],
        )  # fmt: skip
        english = latin_labels(httpx.get(base + "/?lang=en").text)
    assert found == {path: [] for path in found}
    assert {"Overview", "Agreements", "Sign"} <= set(english)  # the check sees labels when there are some
