"""Continuity in a real browser: after the 2021 fact sheet and the 2025 MOU are ingested, the
MOU's 6G, quantum and space commitments show their 2021 predecessors; a US editor accepts a
progress suggestion, whose evidence opens the MOU at the quoted span; a KR editor cannot decide
a US-only link. Screenshots go to $ACCORD_SCREENSHOTS/<test name>/."""

from __future__ import annotations

from accord.services.commitments import review
from tests.browser import FACT_SHEET, MOU, api, commitments_of, shoot, sign_in
from tests.helpers import row_counts


def _mou_commitment(base: str, words: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in commitments_of(base, MOU) if words in str(c["quote"]))


def test_lineage_review_and_evidence_in_a_browser(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    for words in ("6G-related", "quantum ecosystem", "Artemis"):
        commitment = _mou_commitment(base, words)
        page.goto(f"{base}/commitments/{commitment['id']}#lineage")
        earlier = page.locator("#lineage li.earlier")
        assert earlier.count() >= 1, words
        assert "2021-05-21" in earlier.first.inner_text()
        assert page.locator("#lineage li.this").count() == 1
        shoot(page, f"lineage-{words.split()[0].lower()}")

    space = _mou_commitment(base, "Artemis")
    links = api(base, f"/api/v1/links?agreement={MOU}&status=suggested")
    link = next(
        v
        for v in links  # type: ignore[union-attr]
        if v["from"]["start"] == space["start"] and v["to"]["agreement"] == FACT_SHEET
    )
    earlier_id = link["to"]["commitment"]
    review(db, earlier_id, sets=[("actors", "US")], reviewer="test", by=None)  # a US-only earlier commitment

    # A KR editor sees the link but no form to decide it.
    sign_in(page, base, "kr-editor")
    page.goto(f"{base}/commitments/{space['id']}#lineage")
    card = page.locator(f"#link-{link['id']}")
    assert card.locator("form").count() == 0
    assert "Only an editor of a party acting" in card.inner_text()
    shoot(page, "kr-editor-cannot-decide")
    page.locator("header .who form button, header .who a").filter(has_text="Sign out").first.click()

    # A US editor accepts it as progress, at a level of their choosing.
    sign_in(page, base, "us-editor")
    page.goto(f"{base}/commitments/{space['id']}#lineage")
    card = page.locator(f"#link-{link['id']}")
    card.get_by_label("Relation").select_option("progress")
    card.get_by_label("Progress level").select_option("substantial")
    shoot(page, "us-editor-decides")
    before = row_counts(db)
    card.get_by_role("button", name="Accept").click()
    page.wait_for_url(f"{base}/commitments/{space['id']}#lineage")
    assert page.locator(f"#link-{link['id']}").get_attribute("data-status") == "accepted"
    assert row_counts(db)["progress_updates"] == before["progress_updates"] + 1
    shoot(page, "accepted")

    # The progress entry's evidence opens the MOU at the quoted span.
    page.goto(f"{base}/commitments/{earlier_id}#progress")
    evidence = page.locator("#progress table.history a").first
    shoot(page, "progress-recorded")
    evidence.click()
    page.wait_for_url(f"{base}/agreements/{MOU}?span={space['start']}-{space['end']}#quote")
    assert page.locator("#quoted").inner_text().endswith(str(space["quote"]))
    assert page.locator("#quote").count() == 1
    shoot(page, "evidence-opened", full_page=False)
