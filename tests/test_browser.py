"""The dashboard in a real browser: Debian's Chromium driven headless by Playwright.

Each test writes a screenshot of every page it visits to $ACCORD_SCREENSHOTS/<test name>/
(see tests/browser.py, which holds the fixtures).
"""

from __future__ import annotations

import re

from tests.browser import FACT_SHEET, MOU, api, commitments_of, shoot, sign_in


def progress_count(page, agreement: str, party: str, level: str) -> int:  # type: ignore[no-untyped-def]
    cell = page.locator(
        f'table.progress[data-agreement="{agreement}"] tr[data-party="{party}"] td[data-level="{level}"]'
    )
    return int(cell.inner_text())


def test_the_overview_shows_each_agreement_with_its_state(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    page.goto(base + "/")
    shoot(page, "overview")
    titles = page.locator("main table.grid").first.locator("tbody tr td:first-child a").all_inner_texts()
    assert titles == [a["title"] for a in api(base, "/api/v1/agreements")["items"]]  # type: ignore[index]
    assert page.locator("html").get_attribute("lang") == "en"
    for agreement in (MOU, FACT_SHEET):
        total = sum(
            progress_count(page, agreement, "KR", level)
            for level in ("no_evidence", "not_started", "limited", "substantial", "complete", "withdrawn")
        )
        assert total == len(commitments_of(base, agreement, "KR"))


def test_the_mou_highlights_every_commitment_and_opens_one(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("Technology Prosperity Deal")).first.click()
    page.wait_for_url(f"{base}/agreements/{MOU}")
    shoot(page, "mou")
    expected = {c["id"] for c in commitments_of(base, MOU)}
    highlights = page.locator(".source a.hl[data-commitment-id]")
    ids = {int(i) for i in highlights.evaluate_all("els => els.map(e => e.dataset.commitmentId)")}
    assert highlights.count() == len(expected) == 22 and ids == expected
    chosen = highlights.nth(3)
    chosen_id = int(chosen.get_attribute("data-commitment-id") or 0)
    chosen.click()
    panel = page.locator("#panel")
    panel.get_by_role("heading", name=f"Commitment {chosen_id}").wait_for()
    assert page.url == f"{base}/agreements/{MOU}"  # opened beside the text, not in place of it
    detail = api(base, f"/api/v1/commitments/{chosen_id}")
    assert detail["quote"][:40] in panel.inner_text().replace("\n", " ")  # type: ignore[index]
    shoot(page, "mou-panel")
    panel.get_by_role("link", name=re.compile("All details")).click()
    page.wait_for_url(f"{base}/commitments/{chosen_id}")
    shoot(page, "commitment")


def test_without_javascript_a_highlight_is_a_plain_link(site, browser) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/agreements/{MOU}")
    first = page.locator(".source a.hl").first
    target = first.get_attribute("data-commitment-id")
    first.click()
    page.wait_for_url(f"{base}/commitments/{target}")
    assert page.get_by_role("heading", name=f"Commitment {target}").is_visible()
    context.close()


def test_a_korean_editor_records_progress_and_the_overview_changes(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    korean = next(c for c in commitments_of(base, FACT_SHEET, "KR") if c["actors"] == ["KR"])
    sign_in(page, base, "kr-editor")
    before = progress_count(page, FACT_SHEET, "KR", "substantial")
    page.goto(f"{base}/commitments/{korean['id']}")
    form = page.locator("#progress-form")
    assert form.locator("select[name=party] option").all_inner_texts() == ["Republic of Korea"]
    form.get_by_label("Level").select_option("substantial")
    form.get_by_label("Evidence URL").fill("https://www.msit.go.kr/eng/bbs/view.do?nttSeqNo=1001")
    form.get_by_label("Date of the evidence").fill("2026-11-02")
    form.get_by_label("Note").fill("Joint research centre opened in Daejeon <b>2026</b>")
    shoot(page, "form-filled")
    form.get_by_role("button", name="Record progress").click()
    page.get_by_text("Progress recorded.").wait_for()
    shoot(page, "recorded")
    history = page.locator('.party-progress[data-party="KR"]')
    assert history.locator(".level").first.inner_text() == "Substantial"
    assert history.get_by_role("link", name=re.compile("msit.go.kr")).count() == 1
    assert "<b>2026</b>" in history.inner_text()  # shown as text, not markup
    page.get_by_role("link", name="Overview").click()
    shoot(page, "overview-after")
    assert progress_count(page, FACT_SHEET, "KR", "substantial") == before + 1
    levels = api(base, f"/api/v1/commitments/{korean['id']}/record")["levels"]  # type: ignore[index]
    assert levels == {"KR": "substantial"}


def test_a_korean_editor_may_not_edit_a_united_states_commitment(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    american = next(c for c in commitments_of(base, FACT_SHEET, "US") if c["actors"] == ["US"])
    sign_in(page, base, "kr-editor")
    page.goto(f"{base}/commitments/{american['id']}")
    shoot(page, "us-commitment")
    assert page.locator("#progress-form").count() == 0
    assert "Only users of United States may record progress" in page.locator("#no-form").inner_text()
    token = page.locator('header form input[name="csrf"]').get_attribute("value")
    before = api(base, f"/api/v1/commitments/{american['id']}/progress")
    # A forged form, sent with the session's own cookie and CSRF token:
    refused = page.request.post(
        f"{base}/commitments/{american['id']}/progress",
        form={"csrf": token, "party": "US", "level": "complete", "on": "2026-11-01", "note": "forged"},
        max_redirects=0,
    )
    assert refused.status == 403 and "may not change US&#39;s records" in refused.text()
    page.set_content(refused.text())
    shoot(page, "refused")
    assert api(base, f"/api/v1/commitments/{american['id']}/progress") == before


def test_switching_to_korean_is_remembered(site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = site
    page.goto(base + "/")
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url(re.compile(r"lang=ko"))
    shoot(page, "overview-ko")
    assert page.locator("html").get_attribute("lang") == "ko"
    nav = page.locator("nav.main-nav").inner_text()
    assert all(word in nav for word in ("개요", "협정", "회의", "검색"))
    assert "대한민국" in page.locator("main").inner_text()  # party names in Korean
    page.locator(f'a[href="/agreements/{MOU}"]').first.click()
    page.wait_for_url(f"{base}/agreements/{MOU}")  # no ?lang= any more: the cookie remembers it
    shoot(page, "mou-ko")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", name="운영 조건").is_visible()
    assert "확약" in page.locator(".legend").inner_text()
    page.locator(".source a.hl").first.click()
    page.locator("#panel h2").wait_for()
    assert page.locator("#panel h2").inner_text().startswith("약속")
    shoot(page, "mou-ko-panel")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
