"""The meeting pages over real HTTP: each form works for a secretariat of the agreement's parties
(approvals only for one's own party, completion for the owner's users) and is refused for
anyone else; bad input and a missing CSRF token change nothing."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.actions import get_action
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.services.meetings import add_action, list_meetings, meeting_record, new_meeting, write_minutes
from accord.services.progress import history
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.server import serving
from tests.webclient import add_signing_user, csrf_of, signed_in

MOU = "us-kr-tpd-mou-2025"


@pytest.fixture
def mou(db: Database) -> Database:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    for party in ("US", "KR"):
        record(db, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    for name, role, party in (
        ("kr-sec", "secretariat", "KR"), ("us-sec", "secretariat", "US"), ("kr-editor", "editor", "KR"),
        ("us-editor", "editor", "US"), ("reader", "viewer", None),
    ):  # fmt: skip
        add_signing_user(db, name, role, party)
    return db


def post(client: httpx.Client, page: str, action: str, data: dict[str, object]) -> httpx.Response:
    """Send a form of `page` with the session's CSRF token, as the browser would."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={"csrf": token, **data})


def test_the_pages_render_in_english_and_korean_and_link_their_json(
    mou: Database, settings: Settings
) -> None:
    earlier = new_meeting(mou, MOU, on=dt.date(2025, 12, 1), place="Washington <D.C.>", by=None)
    add_action(
        mou, earlier.id, text="Share the <b>AI</b> plan", owner="US", due=dt.date(2026, 1, 15), by=None
    )
    meeting = new_meeting(mou, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
    with serving(create_app(settings, mou)) as base:
        pages = {
            "/meetings": "/api/v1/agreements",
            f"/agreements/{MOU}/meetings": f"/api/v1/agreements/{MOU}/meetings",
            f"/meetings/{meeting.id}": f"/api/v1/meetings/{meeting.id}",
        }
        for path, alternate in pages.items():
            english, korean = httpx.get(base + path), httpx.get(base + path + "?lang=ko")
            assert english.status_code == korean.status_code == 200, path
            assert english.headers["link"] == f'<{alternate}>; rel="alternate"; type="application/json"'
            assert httpx.get(base + alternate).status_code == 200
            assert "Joint Committee" in english.text and "공동위원회" in korean.text
        page = httpx.get(f"{base}/meetings/{meeting.id}?lang=ko").text
    # The earlier meeting's open action item is on this meeting's agenda, escaped.
    assert "안건" in page and "미완료 후속 조치" in page and "회의록" in page
    assert "Share the &lt;b&gt;AI&lt;/b&gt; plan" in page and "<b>AI</b>" not in page


def test_a_secretariat_plans_a_meeting_and_others_are_refused(mou: Database, settings: Settings) -> None:
    plan = {"on": "2026-03-01", "place": "Seoul"}
    page, action = f"/agreements/{MOU}/meetings", f"/agreements/{MOU}/meetings"
    with serving(create_app(settings, mou)) as base:
        httpx.get(base + page)  # the first page keeps the session secret in the database
        before = row_counts(mou)
        for name in ("kr-editor", "reader"):
            with signed_in(base, name) as client:
                refused = post(client, page, action, plan)
                assert refused.status_code == 403 and "is not the secretariat" in refused.text
        with httpx.Client(base_url=base) as anonymous:
            asked = post(anonymous, "/signin", action, plan)  # the pages show anonymous visitors no form
            assert asked.status_code == 401 and "Sign in to make changes." in asked.text
        with signed_in(base, "kr-sec") as client:
            assert client.post(action, data=plan).status_code == 403  # no CSRF token
            bad = post(client, page, action, {"on": "2026-02-30", "place": "Seoul"})
            assert bad.status_code == 400 and "“2026-02-30” is not a date" in bad.text
            assert 'value="Seoul"' in bad.text  # the form again, as sent
            assert row_counts(mou) == before
            made = post(client, page, action, plan)
            assert made.status_code == 303
            shown = client.get(made.headers["location"])
    [meeting] = list_meetings(mou, MOU)
    assert (meeting.held_on, meeting.place) == (dt.date(2026, 3, 1), "Seoul")
    assert made.headers["location"].startswith(f"/meetings/{meeting.id}")
    assert "The meeting is planned." in shown.text


def test_minutes_are_approved_by_each_partys_own_secretariat_on_the_version_read(
    mou: Database, settings: Settings
) -> None:
    meeting = new_meeting(mou, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
    page = f"/meetings/{meeting.id}"
    with serving(create_app(settings, mou)) as base:
        with signed_in(base, "kr-editor") as editor:
            refused = post(editor, page, f"{page}/minutes", {"text": "We met.", "version": "1"})
            assert refused.status_code == 403
        with signed_in(base, "kr-sec") as kr:
            assert "Draft the minutes" in kr.get(page).text
            empty = post(kr, page, f"{page}/minutes", {"text": "  ", "version": "1"})
            assert empty.status_code == 400 and "This field is empty." in empty.text
            drafted = post(kr, page, f"{page}/minutes", {"text": "We met <in Seoul>.", "version": "1"})
            assert drafted.status_code == 303
            version = meeting_record(mou, meeting.id).meeting.version
            before = row_counts(mou)
            for party in ("US", "XX"):
                other = post(
                    kr, page, f"{page}/approvals", {"party": party, "on": "2026-03-02", "version": version}
                )
                assert other.status_code == 403
            stale = post(
                kr, page, f"{page}/approvals", {"party": "KR", "on": "2026-03-02", "version": version - 1}
            )
            assert stale.status_code == 409 and "stale" not in stale.url.path
            assert row_counts(mou) == before
            approved = post(
                kr, page, f"{page}/approvals", {"party": "KR", "on": "2026-03-02", "version": version}
            )
            assert approved.status_code == 303
            again = kr.get(page).text
    assert "We met &lt;in Seoul&gt;." in again
    assert "Approve these minutes" not in again  # KR has approved; only the US may now
    assert meeting_record(mou, meeting.id).meeting.approved_by == ["KR"]


def test_decisions_and_action_items_are_recorded_and_completed_with_evidence(
    mou: Database, settings: Settings
) -> None:
    meeting = new_meeting(mou, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
    commitment = list_commitments(mou, MOU)[0].id
    page = f"/meetings/{meeting.id}"
    item = {
        "text": "Report on the quantum workshop",
        "owner": "KR",
        "due": "2026-06-01",
        "commitment": commitment,
    }
    with serving(create_app(settings, mou)) as base:
        with signed_in(base, "us-sec") as us:
            decided = post(us, page, f"{page}/decisions", {"text": "Meet again in Washington."})
            assert decided.status_code == 303
            before = row_counts(mou)
            for bad, message in (
                ({**item, "due": "soon"}, "“soon” is not a date"),
                ({**item, "commitment": "x"}, "is not a number that names a record"),
                ({**item, "owner": "Nobody Office"}, "Nobody Office"),
                ({**item, "text": ""}, "This field is empty."),
            ):
                refused = post(us, page, f"{page}/actions", bad)
                assert refused.status_code == 400 and message in refused.text, message
            assert row_counts(mou) == before
            added = post(us, page, f"{page}/actions", item)
            assert added.status_code == 303
        [action] = meeting_record(mou, meeting.id).actions
        done = {
            "on": "2026-05-20",
            "level": "substantial",
            "evidence_url": "https://example.org/report",
            "version": action.version,
        }
        completion = f"/actions/{action.id}/completion"
        before = row_counts(mou)
        with signed_in(base, "us-editor") as other:
            assert post(other, page, completion, done).status_code == 403
        with signed_in(base, "kr-editor") as kr:
            assert kr.post(completion, data=done).status_code == 403  # no CSRF token
            no_evidence = post(kr, page, completion, {**done, "evidence_url": ""})
            assert no_evidence.status_code == 400 and "must be backed by evidence" in no_evidence.text
            bad_link = post(kr, page, completion, {**done, "evidence_url": "javascript:alert(1)"})
            assert bad_link.status_code == 400 and "http:// or https://" in bad_link.text
            assert row_counts(mou) == before
            assert 'action="/actions/' in kr.get(page).text
            completed = post(kr, page, completion, done)
            assert completed.status_code == 303
            shown = kr.get(completed.headers["location"]).text
    assert get_action(mou, action.id).done_on == dt.date(2026, 5, 20)
    [entry] = history(mou, commitment)
    assert (entry.party, entry.level, entry.evidence_url) == (
        "KR",
        "substantial",
        "https://example.org/report",
    )
    assert "Meet again in Washington." in shown and "Done on 2026-05-20" in shown


def test_an_owner_party_may_only_close_an_item_with_no_commitment(mou: Database, settings: Settings) -> None:
    meeting = new_meeting(mou, MOU, on=dt.date(2026, 3, 1), place=None, by=None)
    write_minutes(mou, meeting.id, "Draft.", by=None)
    item = add_action(mou, meeting.id, text="Send the list", owner="KR", due=dt.date(2026, 4, 1), by=None)
    page = f"/meetings/{meeting.id}"
    with serving(create_app(settings, mou)) as base, signed_in(base, "kr-editor") as kr:
        before = row_counts(mou)
        refused = post(
            kr, page, f"/actions/{item}/completion",
            {"on": "2026-03-20", "level": "complete", "note": "sent", "version": "1"},
        )  # fmt: skip
        assert refused.status_code == 400 and "linked to a commitment" in refused.text
        assert row_counts(mou) == before
        closed = post(kr, page, f"/actions/{item}/completion", {"on": "2026-03-20", "version": "1"})
        assert closed.status_code == 303
    assert get_action(mou, item).done_on == dt.date(2026, 3, 20)
