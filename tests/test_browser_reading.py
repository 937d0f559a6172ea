"""Issue 14, item 8, in Chromium: the agreement's text reads as a document (headings, lists,
paragraphs) with every commitment still highlighted at its exact span; search shows each passage
once, under a title that tells agreements apart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser import FACT_SHEET, MOU, api, commitments_of, shoot

NOTES = Path("/work/notes/shots")


def _keep(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot in the test's folder, and a copy for the session's notes when there are any."""
    shoot(page, name)
    if NOTES.is_dir():
        latest = sorted(page.shots.glob("*.png"))[-1]
        shutil.copyfile(latest, NOTES / f"{page.shots.name}-{latest.name}")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_mou_reads_as_headings_lists_and_paragraphs(site, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.goto(f"{base}/agreements/{MOU}?lang={lang}")
    _keep(page, f"agreement-{lang}")
    text = page.locator(".source")
    headings = [_squash(h) for h in text.locator(".provision-heading").all_inner_texts()]
    assert headings[:4] == ["I. Purpose", "II. Areas of Cooperation", "Accelerating AI Adoption and Innovation",
                            "Trusted Technology Leadership"]  # fmt: skip
    assert "III. Operation and Discontinuation" in headings
    items = text.locator("ul.items > li").all_inner_texts()
    assert len(items) >= 15
    assert not [item for item in items if item.lstrip().startswith("-")]  # the list draws the bullets
    assert text.locator("ul.items > li").first.inner_text().startswith("Driving innovative research")
    # The sentence before the list is a paragraph of its own, not run on into the first item.
    assert "Key focus areas for collaboration include:" in text.locator("p").all_inner_texts()
    # Every commitment is highlighted over exactly its quote, however many blocks it spans.
    for commitment in commitments_of(base, MOU):
        pieces = page.eval_on_selector_all(
            f'.source a.hl[data-commitments~="{commitment["id"]}"]', "els => els.map(e => e.textContent)"
        )
        assert _squash("".join(pieces)) == _squash(str(commitment["quote"])), commitment["id"]
    # Each provision keeps its anchor, once, for search results and links to land on.
    detail = api(base, f"/api/v1/agreements/{MOU}")
    assert isinstance(detail, dict)
    ids = page.eval_on_selector_all(".source .anchor", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    stack = list(detail["provisions"])
    while stack:
        node = stack.pop()
        assert f"provision-{node['id']}" in ids
        stack.extend(node["children"])


def test_search_shows_each_passage_once_under_a_title_that_tells_agreements_apart(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _ = site
    page.goto(f"{base}/search?q=research")
    _keep(page, "search")
    results = page.locator("ol.results > li")
    assert results.count() >= 5
    snippets = [_squash(s) for s in page.locator("ol.results .snippet").all_inner_texts()]
    assert len(snippets) == len(set(snippets)), "a passage is listed twice"
    hits = api(base, "/api/v1/search?q=research&limit=50")
    assert isinstance(hits, list)
    commitments = {c["id"]: c for a in (MOU, FACT_SHEET) for c in commitments_of(base, a)}
    quoted = {_squash(str(commitments[h["id"]]["quote"])) for h in hits if h["kind"] == "commitment"}
    for hit in hits:
        if hit["kind"] == "provision":  # a sentence holding a commitment found is not listed again
            sentence = _squash(hit["snippet"].replace("⟦", "").replace("⟧", "").strip("…"))
            assert not any(sentence in quote or quote in sentence for quote in quoted), sentence
    titles = set(page.locator("ol.results .agreement-title").all_inner_texts())
    assert len(titles) == 2 and not any(t.endswith("...") for t in titles)
    facts = page.locator("ol.results .agreement-facts").all_inner_texts()
    assert {"(Memorandum of understanding, 2025-10-29)", "(Fact sheet, 2021-05-21)"} <= set(facts)
