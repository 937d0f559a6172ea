"""The extractor's explanations ("How the extractor found it") in Korean (issue 14, item 9): stored in
English, shown in the reader's language with the quoted words of the document kept as written."""

from __future__ import annotations

import re

import httpx
from bs4 import BeautifulSoup

from accord.extract.extraction import extract_text
from accord.i18n.explanations import explain
from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES, SEEDS
from tests.server import serving

# What a Korean line may still hold in Latin letters outside its quotes: party codes, currency
# codes and ISO 8601 periods (P5Y), which are shown as codes in Korean too.
_EXPLAINED = 'section[aria-labelledby="explain-heading"] ul.explain'
_CODES = re.compile(r"\b(?:[A-Z]{2,5}|P\d+[YMD])\b")


def _english_left(line: str) -> list[str]:
    unquoted = re.sub(r"'.*?'(?= |:|$|\))", "", line)
    return re.findall(r"[A-Za-z]+", _CODES.sub("", unquoted))


def test_every_explanation_of_the_corpora_has_a_korean_form() -> None:
    lines: set[str] = set()
    for path in [*sorted(EXAMPLES.glob("*.txt")), *sorted(SEEDS.glob("*.txt"))]:
        trace: dict[tuple[int, int], list[str]] = {}
        extraction = extract_text(path.read_text(encoding="utf-8"), parties=("US", "KR"), trace=trace)
        lines |= {line for c in extraction.commitments for line in c.explanations}
        lines |= {line for verdicts in trace.values() for line in verdicts}
    assert len(lines) > 50  # the corpora exercise many shapes
    untranslated = {line: explain("ko", line) for line in lines if _english_left(explain("ko", line))}
    assert untranslated == {}
    assert all(explain("en", line) == line for line in lines)


def test_quoted_words_and_values_survive_the_translation() -> None:
    assert explain(
        "ko", "'welcomed the ROK's plan to' (intent) + 'deepen' (neutral) → intent; subject KR"
    ) == ("'welcomed the ROK's plan to' (의향) + 'deepen' (중립) → 의향; 주체 KR")
    assert (
        explain("ko", "'$200 million' is 200,000,000 USD over P5Y")
        == "'$200 million': P5Y 동안 200,000,000 USD"
    )
    assert explain("ko", "'by 2024' is due 2024-12-31") == "'by 2024': 기한 2024-12-31"
    assert explain("ko", "lexical similarity 0.03: allianc, region") == "어휘 유사도 0.03: allianc, region"
    # A shape the extractor may write one day is shown as stored rather than garbled.
    assert explain("ko", "a rule nobody translated yet") == "a rule nobody translated yet"


def test_the_korean_commitment_page_explains_in_korean(db: Database, settings: Settings) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    with serving(create_app(settings, db)) as base:
        pages = {lang: httpx.get(f"{base}/commitments/1?lang={lang}").text for lang in ("en", "ko")}
    shown = {
        lang: [li.get_text() for li in BeautifulSoup(html, "html.parser").select(f"{_EXPLAINED} li")]
        for lang, html in pages.items()
    }
    assert shown["en"] and len(shown["en"]) == len(shown["ko"])
    assert any(line.startswith("'") and "→" in line for line in shown["en"])
    assert [_english_left(line) for line in shown["ko"]] == [[] for _ in shown["ko"]]
    assert any("확약" in line or "의향" in line or "지향" in line for line in shown["ko"])
    explained = BeautifulSoup(pages["ko"], "html.parser").select_one(_EXPLAINED)
    assert explained is not None and explained.get("lang") == "ko"
    # Why a later document was linked: the reasons' words are Korean, the shared stems are data.
    reasons = [
        li.get_text() for li in BeautifulSoup(pages["ko"], "html.parser").select("#lineage ul.explain li")
    ]
    assert reasons and all(
        re.match(r"(의미|어휘) 유사도 |공통 이름: |이전 문서|다른 당사자|약속으로", r) for r in reasons
    )
