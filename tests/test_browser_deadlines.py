""" "Next deadlines" on the overview, in a real browser (issue 14, items 6 and 8): what comes next is
listed first, action items among it; years-old missed dates come after, the most recent few."""

from __future__ import annotations

import datetime as dt

from accord.services.actions import add_action
from accord.services.meetings import new_meeting
from tests.browser import MOU, shoot

TODAY = dt.date.today()


def test_next_deadlines_lead_with_what_is_coming_and_list_action_items(fresh_site, page) -> None:  # type: ignore[no-untyped-def]
    base, db = fresh_site
    meeting = new_meeting(db, MOU, on=TODAY - dt.timedelta(days=30), place="Seoul", by=None).id
    action = add_action(
        db, meeting, text="Circulate the AI research roadmap", owner="KR", due=TODAY + dt.timedelta(days=14),
        by=None,
    )  # fmt: skip
    page.goto(base + "/")
    section = page.locator("section[aria-labelledby=deadlines-heading]")
    section.scroll_into_view_if_needed()
    shoot(page, "overview-deadlines")

    upcoming = section.locator("#upcoming li")
    assert upcoming.count() >= 1
    first = upcoming.first
    assert (TODAY + dt.timedelta(days=14)).isoformat() in first.inner_text()
    link = first.get_by_role("link", name="Circulate the AI research roadmap")
    assert link.get_attribute("href") == f"/meetings/{meeting}#action-{action}"
    assert "Action item" in first.inner_text()

    # The fact sheet's 2021 and 2024 dates are missed: after the coming ones, the latest first.
    overdue = section.locator("#overdue li")
    dates = [d for d in overdue.locator(".date").all_inner_texts()]
    assert dates == sorted(dates, reverse=True) and "2024-12-31" in dates and len(dates) <= 5
    upcoming_box, overdue_box = first.bounding_box(), overdue.first.bounding_box()
    assert upcoming_box is not None and overdue_box is not None
    assert upcoming_box["y"] < overdue_box["y"]
    assert "in all" in section.locator("#overdue-heading").inner_text()

    link.click()
    page.wait_for_url(f"{base}/meetings/{meeting}#action-{action}")
    assert page.locator(f"#action-{action}").is_visible()
