"""Issue 14 (5), in Chromium: every write a role may do has a form; a rejected form comes back
filled in with the problem beside its field, in the page's language; an analyst has pages; an
evidence file goes up with the progress form and comes back down from the commitment page."""

from __future__ import annotations

import shutil
from pathlib import Path

from accord.services.assessment_views import guidelines_of, list_cycles
from accord.services.funding import flows
from accord.services.progress import history
from accord.services.queries import list_agreements
from tests.browser import FACT_SHEET, MOU, commitments_of, shoot, sign_in
from tests.webclient import add_signing_user

NOTES = Path("/work/notes/shots")


def _keep(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot in the test's folder, and a copy for the session's notes when there are any."""
    shoot(page, name)
    if NOTES.is_dir():
        latest = sorted(page.shots.glob("*.png"))[-1]
        shutil.copyfile(latest, NOTES / f"{page.shots.name}-{latest.name}")


def _beside(page, form: str, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(page.locator(f"#{form}-{field}-error").inner_text())


def test_funding_form_keeps_what_was_typed_and_names_the_field(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    sign_in(page, base, "kr-editor")
    page.goto(f"{base}/agreements/{MOU}")
    page.get_by_role("link", name="Funding").click()
    page.get_by_label("Amount").fill("12 billion")
    page.get_by_label("Currency").fill("KRW")
    page.get_by_label("Period").fill("P5Y")
    page.get_by_role("button", name="Record the flow").click()
    assert page.locator("#flow-form").is_visible()
    assert "is not an amount" in _beside(page, "flow", "amount")
    assert (
        page.get_by_label("Currency").input_value() == "KRW"
        and page.get_by_label("Period").input_value() == "P5Y"
    )
    assert page.get_by_label("Amount").get_attribute("aria-invalid") == "true"
    _keep(page, "funding-rejected")
    assert flows(db, MOU) == []
    page.get_by_label("Amount").fill("12000000000")
    page.get_by_role("button", name="Record the flow").click()
    page.wait_for_url("**done=flow*")
    assert "The flow is recorded." in page.locator(".flash.ok").inner_text()
    (flow,) = flows(db, MOU)
    assert (flow.party, flow.currency, str(flow.value), flow.period) == ("KR", "KRW", "12000000000.00", "P5Y")
    _keep(page, "funding-recorded")


def test_an_analyst_opens_a_cycle_writes_guidelines_scores_and_a_secretariat_reviews(
    fresh_site, page
) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    add_signing_user(db, "analyst", "analyst")
    sign_in(page, base, "analyst")
    page.get_by_role("link", name="Assessments").click()
    _keep(page, "analyst-page")
    page.locator("tr", has_text="Memorandum").get_by_role("link", name="Guidelines and scores").click()
    form = page.locator("#open-form")
    form.get_by_label("Period from").fill("2026-07-01")
    form.get_by_label("Period to").fill("2026-06-30")
    form.get_by_role("button", name="Open the cycle").click()
    # Rejected beside the end of the period, both dates kept; nothing opened.
    assert "ends (2026-06-30) before it starts (2026-07-01)" in _beside(page, "open", "end")
    assert page.locator("#open-form input[name=start]").input_value() == "2026-07-01"
    _keep(page, "cycle-rejected")
    assert list_cycles(db, MOU) == []
    form = page.locator("#open-form")
    form.get_by_label("Period from").fill("2026-01-01")
    form.get_by_role("button", name="Open the cycle").click()
    page.wait_for_url("**done=opened*")
    (cycle,) = list_cycles(db, MOU)
    first = next(c for c in commitments_of(base, MOU) if "KR" in c["actors"])
    item = page.locator(f"#c-{first['id']}")
    item.get_by_text("Write the guideline").click()
    item.get_by_label("What +1, 0 and −1 mean for this commitment").fill(
        "+1: joint calls funded; 0: talks; −1: nothing"
    )
    item.get_by_role("button", name="Save the guideline").click()
    page.wait_for_url("**done=guideline*")
    assert guidelines_of(db, MOU)[int(first["id"])].text.startswith("+1: joint calls funded")
    item = page.locator(f"#c-{first['id']}")
    row = item.locator('tr[data-party="KR"]')
    row.get_by_text("Score", exact=True).click()
    row.get_by_label("Score").select_option("1")
    row.locator("textarea").evaluate("e => e.removeAttribute('required')")
    row.get_by_role("button", name="Save the score").click()
    # Rejected: the justification is empty; the choice is kept and the problem is beside the field.
    row = page.locator(f'#c-{first["id"]} tr[data-party="KR"]')
    assert "This field is empty." in _beside(page, f"score-{first['id']}-KR", "justification")
    assert row.get_by_label("Score").input_value() == "1"
    _keep(page, "score-rejected")
    row.get_by_label("Justification").fill("NSF–NRF joint call of 2026")
    row.get_by_role("button", name="Save the score").click()
    page.wait_for_url("**done=scored*")
    assert page.locator(f'#c-{first["id"]} tr[data-party="KR"] td.num').inner_text() == "+1"
    _keep(page, "scored")
    page.goto(base + "/")
    page.locator("header .who").get_by_role("button", name="Sign out").click()
    sign_in(page, base, "kr-sec")
    page.goto(f"{base}/agreements/{MOU}/assessments?cycle={cycle.id}")
    review = page.locator("#review-form")
    review.get_by_role("button", name="Record the review").click()
    page.wait_for_url("**done=reviewed*")
    assert list_cycles(db, MOU)[0].reviewed_by == ["KR"]
    _keep(page, "reviewed")


def test_a_secretariat_adds_an_agreement_by_upload(fresh_site, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    sign_in(page, base, "kr-sec")
    page.goto(f"{base}/agreements")
    page.get_by_role("link", name="Add an agreement").click()
    document = tmp_path / "kr-jp-joint-statement.txt"
    document.write_text("Joint Statement\nThe Participants will cooperate on quantum research.\n")
    page.get_by_label("Document", exact=True).set_input_files(str(document))
    page.get_by_label("Title", exact=True).fill("Korea–Japan Joint Statement on Quantum")
    page.get_by_label("Parties", exact=True).fill("KR ZZ")
    page.get_by_role("button", name="Add the agreement").click()
    assert "ZZ" in _beside(page, "ingest", "parties")
    assert page.get_by_label("Title", exact=True).input_value() == "Korea–Japan Joint Statement on Quantum"
    _keep(page, "ingest-rejected")
    assert len(list_agreements(db)) == 2
    page.get_by_label("Document", exact=True).set_input_files(str(document))
    page.get_by_label("Parties", exact=True).fill("KR JP")
    page.get_by_role("button", name="Add the agreement").click()
    page.wait_for_url("**added=1")
    assert page.locator("h1").inner_text() == "Korea–Japan Joint Statement on Quantum"
    assert len(list_agreements(db)) == 3
    _keep(page, "ingest-added")


def test_evidence_file_goes_up_with_progress_and_comes_down(fresh_site, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    sign_in(page, base, "kr-editor")
    korean = next(c for c in commitments_of(base, FACT_SHEET, "KR") if c["actors"] == ["KR"])
    page.goto(f"{base}/commitments/{korean['id']}")
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"MZ not a pdf")
    form = page.locator("#progress-form")
    form.get_by_label("Level").select_option("substantial")
    form.get_by_label("Evidence file").set_input_files(str(fake))
    form.get_by_label("Note").fill("capacity doubled")
    form.get_by_role("button", name="Record progress").click()
    assert "does not match its type" in _beside(page, "progress", "evidence_file")
    assert page.locator("#progress-form").get_by_label("Note").input_value() == "capacity doubled"
    _keep(page, "evidence-rejected")
    assert history(db, int(korean["id"])) == []
    real = tmp_path / "report.pdf"
    real.write_bytes(b"%PDF-1.4\n%%EOF\n")
    form = page.locator("#progress-form")
    form.get_by_label("Level").select_option("substantial")
    form.get_by_label("Evidence file").set_input_files(str(real))
    form.get_by_role("button", name="Record progress").click()
    page.wait_for_url("**recorded=1*")
    with page.expect_download() as download:
        page.locator("a.evidence-file").click()
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.4\n%%EOF\n"
    _keep(page, "evidence-recorded")


def test_a_rejected_form_speaks_korean_on_a_korean_page(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, _ = fresh_site
    sign_in(page, base, "kr-editor")
    page.goto(f"{base}/agreements/{MOU}/funding?lang=ko")
    page.locator("input[name=amount]").fill("많이")
    page.locator("input[name=currency]").fill("KRW")
    page.locator("#flow-form button[type=submit]").click()
    assert "금액이 아닙니다" in _beside(page, "flow", "amount")
    assert "form was not sent" not in page.locator("#problem").inner_text()
    _keep(page, "funding-rejected-ko")


def test_an_admin_changes_a_user_and_reads_the_audit_trail(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 (7) in the browser: the admin pages."""
    base, db = fresh_site
    add_signing_user(db, "root", "admin")
    sign_in(page, base, "root")
    page.locator("header").get_by_role("link", name="Administration").click()
    row = page.locator('tr[data-user="kr-editor"]')
    row.locator("input[name=party]").fill("")
    row.locator("select[name=role]").select_option("secretariat")
    row.get_by_role("button", name="Change").click()
    row = page.locator('tr[data-user="kr-editor"]')
    assert "a secretariat acts for one party" in _beside(page, "change-kr-editor", "party")
    assert row.locator("select[name=role]").input_value() == "secretariat"
    _keep(page, "users-rejected")
    row.locator("input[name=party]").fill("KR")
    row.get_by_role("button", name="Change").click()
    page.wait_for_url("**done=changed")
    assert page.locator('tr[data-user="kr-editor"] td').nth(1).inner_text() == "secretariat"
    _keep(page, "users-changed")
    page.get_by_role("link", name="Audit trail").first.click()
    page.get_by_label("Action").fill("user_change")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("table.audit tbody tr").count() == 1
    _keep(page, "audit")
    page.locator("table.audit tbody a").first.click()
    assert '"role": "secretariat"' in page.locator("pre.json").nth(1).inner_text()
    _keep(page, "audit-record")
