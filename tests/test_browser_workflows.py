"""The pages that write, driven in a real browser as their users would: a Joint Committee
meeting from plan to completed action item (in English and in Korean), search down to a
provision's anchor, the signatures that put the MOU in effect, and a commitment's review.

Each test changes the record, so each has a server of its own (fresh_site); screenshots of every
page visited go to $ACCORD_SCREENSHOTS/<test name>/ (tests/browser.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from accord.web.i18n import translations
from tests.browser import MOU, api, commitments_of, open_page, shoot, sign_in
from tests.helpers import row_counts

# Words an interface in Korean may still show in Latin letters: names, formats and codes.
LATIN_ALLOWED = {
    "accord",
    "json",
    "api",
    "url",
    "https",
    "mou",
    "pdf",
    "html",
    "markdown",
    "csv",
    "xlsx",
    "docx",
    "png",
    "jpeg",
    "icalendar",
}
# The page's own text: what the templates wrote, not the record's English (marked translate="no").
INTERFACE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[translate="no"], [lang="en"], script, style, code').forEach(e => e.remove());
  return copy.textContent;
}"""


def untranslated(page) -> list[str]:  # type: ignore[no-untyped-def]
    words = re.findall(r"[A-Za-z]{3,}", page.evaluate(INTERFACE_TEXT))
    return sorted({w for w in words if w.lower() not in LATIN_ALLOWED})


def catalogue(lang: str) -> Callable[[str], str]:
    """The interface's words in `lang`, as the pages show them (English is the msgid itself)."""
    gettext = translations(lang).gettext
    if lang == "en":
        return gettext

    def translated(message: str) -> str:
        text = gettext(message)
        assert text != message, f"no Korean for {message!r}"
        return text

    return translated


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("header .who button").click()


def plan_a_meeting_and_complete_an_action_item(base: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    t = catalogue(lang)
    korean = next(c for c in commitments_of(base, MOU) if "KR" in c["actors"])
    checked: list[str] = []

    def look(name: str) -> None:
        shoot(page, name)
        if lang == "ko":
            assert page.locator("html").get_attribute("lang") == "ko"
            assert untranslated(page) == [], f"untranslated on {page.url}"
        checked.append(page.url)

    sign_in(page, base, "kr-sec", lang=lang)
    page.goto(f"{base}/agreements/{MOU}")
    page.get_by_role("link", name=t("Joint Committee meetings")).click()
    page.wait_for_url(f"{base}/agreements/{MOU}/meetings")
    look("meetings")
    plan = page.locator("form#plan")
    plan.get_by_label(t("Held on")).fill("2026-03-01")
    plan.get_by_label(t("Place")).fill("Seoul")
    plan.get_by_role("button", name=t("Plan the meeting")).click()
    page.get_by_text(t("The meeting is planned.")).wait_for()
    meeting = int(re.search(r"/meetings/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    look("meeting-planned")

    form = page.locator("form#add-action")
    form.get_by_label(t("What is to be done")).fill("Report on the <b>AI</b> testbed")
    form.get_by_label(t("Owner")).select_option("KR")
    form.get_by_label(t("Due on")).fill("2026-06-01")
    form.get_by_label(t("Commitment it serves (optional)")).select_option(str(korean["id"]))
    look("action-filled")
    form.get_by_role("button", name=t("Add the action item")).click()
    page.get_by_text(t("The action item is added.")).wait_for()
    [item] = api(base, f"/api/v1/meetings/{meeting}")["actions"]  # type: ignore[index]
    row = page.locator(f"tr#action-{item['id']}")
    assert "Report on the <b>AI</b> testbed" in row.inner_text()  # shown as text, not markup
    row.locator("summary").click()
    done = row.locator("form")
    done.get_by_label(t("Done on")).fill("2026-05-20")
    done.get_by_label(t("Also record progress on the commitment")).select_option("substantial")
    done.get_by_label(t("Evidence (link)")).fill("https://www.msit.go.kr/eng/report-2026.pdf")
    done.get_by_label(t("Note")).fill("Testbed opened in Pangyo")
    look("completion-filled")
    done.get_by_role("button", name=t("Mark as done")).click()
    page.get_by_text(t("The action item is completed.")).wait_for()
    look("completed")
    assert t("Done on %(day)s") % {"day": "2026-05-20"} in row.inner_text()

    # The action item links its commitment, whose page shows the item and the progress it brought.
    row.get_by_role("link", name=f"#{korean['id']}").click()
    page.wait_for_url(f"{base}/commitments/{korean['id']}")
    look("commitment")
    served = page.locator("section[aria-labelledby=actions-heading] li")
    assert served.count() == 1 and "Report on the <b>AI</b> testbed" in served.inner_text()
    history = page.locator('.party-progress[data-party="KR"]')
    assert history.locator(".level").first.inner_text() == t("Substantial")
    assert history.get_by_role("link", name=re.compile("msit.go.kr")).count() == 1
    served.get_by_role("link").click()  # and back to the meeting
    page.wait_for_url(re.compile(rf"/meetings/{meeting}\b"))
    page.locator(f"a[href='/agreements/{MOU}']").first.click()  # the meeting links its agreement
    page.wait_for_url(f"{base}/agreements/{MOU}")
    look("agreement")

    sign_out(page)
    sign_in(page, base, "us-editor", lang=lang)
    page.locator("nav.main-nav").get_by_role("link", name=t("Meetings")).click()
    page.wait_for_url(f"{base}/meetings")
    look("all-meetings")
    page.get_by_role("link", name="2026-03-01").click()
    page.wait_for_url(f"{base}/meetings/{meeting}")
    look("meeting-as-us-editor")
    assert page.locator("main form").count() == 0 and page.locator("main details").count() == 0
    assert len(checked) == 9


def test_a_secretariat_plans_a_meeting_and_completes_an_action_item(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = fresh_site
    plan_a_meeting_and_complete_an_action_item(base, page, "en")


def test_the_meeting_flow_in_korean_shows_korean_labels(fresh_site, browser, request) -> None:  # type: ignore[no-untyped-def]
    base, _db = fresh_site
    for page in open_page(browser, request, "ko-KR"):  # Accept-Language: ko, no ?lang= needed
        plan_a_meeting_and_complete_an_action_item(base, page, "ko")


def test_search_highlights_its_words_and_lands_on_the_provision(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = fresh_site
    page.goto(base + "/")
    box = page.locator("header form[role=search] input[name=q]")
    box.fill("quantum")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=quantum"))
    shoot(page, "results")
    marks = page.locator("ol.results .snippet mark")
    assert marks.count() >= 1
    assert {m.lower() for m in marks.all_inner_texts()} == {"quantum"}
    provision = page.locator("ol.results li", has=page.locator(".kind", has_text="Provision")).first
    link = provision.locator("a[href*='#provision-']").first
    href = link.get_attribute("href") or ""
    anchor = href.split("#")[1]
    link.click()
    page.wait_for_url(re.compile(rf"/agreements/[a-z0-9-]+#{anchor}$"))
    shoot(page, "landed", full_page=False)
    target = page.locator(f"#{anchor}")
    assert target.count() == 1
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled to it, not left at the top of the text
    assert "quantum" in target.evaluate("e => e.parentElement.textContent").lower()


def test_two_signatures_put_the_mou_in_effect_and_a_refused_act_changes_nothing(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    sign_in(page, base, "kr-sec")
    page.goto(f"{base}/agreements/{MOU}")
    page.get_by_role("link", name="Lifecycle").click()
    page.wait_for_url(f"{base}/agreements/{MOU}/lifecycle")
    shoot(page, "lifecycle-draft")
    form = page.locator("form#form-sign")
    assert form.locator("select[name=party] option").all_inner_texts() == ["Republic of Korea"]
    form.get_by_label("Signed on").fill("2025-10-29")
    form.get_by_label("Signatory (optional)").fill("Minister of Science and ICT")
    form.get_by_role("button", name="Record the signature").click()
    page.get_by_text("The signature is recorded.").wait_for()
    shoot(page, "signed-by-kr")
    assert page.locator(".lifecycle-facts .state").inner_text() == "Signed by some parties"

    before = row_counts(db)
    form = page.locator("form#form-sign")
    form.get_by_label("Signed on").fill("2025-10-30")
    form.get_by_role("button", name="Record the signature").click()
    refusal = page.locator("form#form-sign .flash.error")
    refusal.wait_for()
    shoot(page, "refused")
    assert "already signed" in refusal.inner_text()
    assert row_counts(db) == before
    assert page.locator(".lifecycle-facts .state").inner_text() == "Signed by some parties"

    sign_out(page)
    sign_in(page, base, "us-sec")
    page.goto(f"{base}/agreements/{MOU}/lifecycle")
    form = page.locator("form#form-sign")
    assert form.locator("select[name=party] option").all_inner_texts() == ["United States"]
    form.get_by_label("Signed on").fill("2025-10-31")
    form.get_by_role("button", name="Record the signature").click()
    page.get_by_text("The signature is recorded.").wait_for()
    shoot(page, "in-effect")
    assert page.locator(".lifecycle-facts .state").inner_text() == "In effect"
    assert page.locator(".lifecycle-facts dd.date").first.inner_text() == "2025-10-31"
    page.get_by_role("link", name="Overview").click()
    shoot(page, "overview")
    row = page.locator("main table.grid").first.locator(
        "tr", has=page.locator(f'a[href="/agreements/{MOU}"]')
    )
    assert "In effect" in row.inner_text()


def test_an_editor_reviews_a_korean_commitment(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    first, second = [c for c in commitments_of(base, MOU) if "KR" in c["actors"]][:2]
    sign_in(page, base, "kr-editor")
    page.goto(f"{base}/commitments/{first['id']}")
    shoot(page, "commitment")
    page.get_by_role("link", name=f"Review commitment {first['id']}").click()
    page.wait_for_url(f"{base}/commitments/{first['id']}/review")
    shoot(page, "review-form")
    other = next(s for s in ("firm", "intent", "aspiration") if s != first["strength"])
    form = page.locator("form.review-form")
    form.get_by_label("Correct the fields below").check()
    form.get_by_label("Strength").select_option(other)
    form.get_by_label("Note (optional)").fill("The verb is weaker than the extractor read it.")
    form.get_by_role("button", name="Record the review").click()
    page.get_by_text("Your review is recorded.").wait_for()
    shoot(page, "reviewed")
    page.get_by_role("link", name=f"Commitment #{first['id']}").click()
    page.wait_for_url(f"{base}/commitments/{first['id']}")
    shoot(page, "commitment-edited")
    facts = page.locator("dl.facts")
    assert "Edited by a reviewer" in facts.inner_text()
    assert facts.locator(".strength").inner_text() == other.capitalize()

    # Sent as shown, the form changes nothing (its area boxes come in the form's order, not the
    # record's, which once passed for an edit): refused with the reason, the record as it was.
    page.goto(f"{base}/commitments/{second['id']}/review")
    before = row_counts(db)
    form = page.locator("form.review-form")
    form.get_by_label("Correct the fields below").check()
    form.get_by_role("button", name="Record the review").click()
    page.locator("form.review-form .flash.error").wait_for()
    shoot(page, "nothing-changed")
    assert "Nothing was changed." in page.locator("form.review-form .flash.error").inner_text()
    assert row_counts(db) == before
    form = page.locator("form.review-form")
    form.get_by_label("Accept it as extracted").check()
    form.get_by_role("button", name="Record the review").click()
    page.get_by_text("Your review is recorded.").wait_for()
    assert api(base, f"/api/v1/commitments/{second['id']}")["review_state"] == "accepted"  # type: ignore[index]
    page.goto(f"{base}/commitments/{second['id']}")
    shoot(page, "commitment-accepted")
    assert "Accepted" in page.locator("dl.facts").inner_text()


def test_a_browser_gets_an_html_page_for_an_unknown_path(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, _db = fresh_site
    answered = page.goto(base + "/nope")
    assert answered is not None and answered.status == 404
    shoot(page, "not-found")
    assert page.get_by_role("heading", name="Not found").is_visible()
    page.get_by_role("link", name="Back to the overview").click()
    page.wait_for_url(base + "/")
    assert (
        httpx.get(base + "/nope", headers={"Accept": "application/json"}).json()["error"]["code"]
        == "not_found"
    )
