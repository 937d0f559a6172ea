"""The lifecycle and review pages over real HTTP: acts only by that party's secretariat, a
refused act shown with its reason and nothing recorded; reviews only by users of an actor party,
on the version read."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.commitments import get_view, list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import amendments, record, timeline
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.server import serving
from tests.test_web_meetings import post
from tests.webclient import add_signing_user, signed_in

MOU = "us-kr-tpd-mou-2025"
FACT_SHEET = "us-kr-fact-sheet-2021"


@pytest.fixture
def both(db: Database) -> Database:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    for name, role, party in (
        ("kr-sec", "secretariat", "KR"), ("kr-editor", "editor", "KR"), ("reader", "viewer", None),
        ("admin", "admin", None),
    ):  # fmt: skip
        add_signing_user(db, name, role, party)
    return db


def test_the_timeline_shows_when_each_act_was_made_and_takes_effect(
    both: Database, settings: Settings
) -> None:
    record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party="US", by=None)
    page = f"/agreements/{MOU}/lifecycle"
    with serving(create_app(settings, both)) as base:
        english, korean = httpx.get(base + page), httpx.get(base + page + "?lang=ko")
        with signed_in(base, "kr-sec") as kr:
            signed = post(
                kr, page, f"/agreements/{MOU}/acts", {"act": "sign", "party": "KR", "on": "2025-11-03"}
            )
            after = kr.get(signed.headers["location"]).text
    assert english.status_code == korean.status_code == 200
    assert english.headers["link"].startswith(f"</api/v1/agreements/{MOU}/timeline>")
    assert "Signed by some parties" in english.text and "2025-10-29" in english.text
    assert "효력 발생일" in korean.text and "일부 당사자 서명" in korean.text
    assert "Record an act" not in english.text  # nobody signed in: no form
    assert signed.status_code == 303 and "The signature is recorded." in after
    assert timeline(both, MOU).in_effect_on == dt.date(2025, 11, 3)
    # The final signature takes effect on its own date: both columns show it.
    assert after.count("2025-11-03") >= 3


def test_acts_are_for_that_partys_secretariat_and_a_refused_act_shows_why(
    both: Database, settings: Settings
) -> None:
    record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party="KR", by=None)
    page, acts = f"/agreements/{MOU}/lifecycle", f"/agreements/{MOU}/acts"
    with serving(create_app(settings, both)) as base:
        httpx.get(base + page)
        before = row_counts(both)
        with signed_in(base, "kr-sec") as kr:
            assert post(kr, page, acts, {"act": "sign", "party": "US", "on": "2025-11-01"}).status_code == 403
            assert kr.post(acts, data={"act": "sign", "party": "KR", "on": "2025-11-01"}).status_code == 403
            twice = post(kr, page, acts, {"act": "sign", "party": "KR", "on": "2025-11-01"})
            assert twice.status_code == 409 and "KR has already signed" in twice.text
            early = post(kr, page, acts, {"act": "notice", "party": "KR", "on": "2025-11-01"})
            assert (
                early.status_code == 409
                and "notice can be given only while the agreement is in effect" in early.text
            )
            bad = post(kr, page, acts, {"act": "sign", "party": "KR", "on": "1 November"})
            assert bad.status_code == 400 and "is not a date" in bad.text
            unknown = post(kr, page, acts, {"act": "ratify", "party": "KR", "on": "2025-11-01"})
            assert unknown.status_code == 400
        with signed_in(base, "kr-editor") as editor:
            assert (
                post(editor, "/", acts, {"act": "sign", "party": "KR", "on": "2025-11-01"}).status_code == 403
            )
    assert row_counts(both) == before


def test_an_amendment_is_proposed_as_text_or_a_file_and_consented_to(
    both: Database, settings: Settings
) -> None:
    for party in ("US", "KR"):
        record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    page = f"/agreements/{MOU}/lifecycle"
    with serving(create_app(settings, both)) as base:
        with signed_in(base, "kr-editor") as editor:
            refused = post(editor, "/", f"/agreements/{MOU}/amendments", {"on": "2026-01-10", "text": "New."})
            assert refused.status_code == 403
        with signed_in(base, "kr-sec") as kr:
            token_page = kr.get(page).text
            assert 'enctype="multipart/form-data"' in token_page
            before = row_counts(both)
            wrong = post(kr, page, f"/agreements/{MOU}/amendments", {"on": "2026-01-10"})
            assert wrong.status_code == 400 and "This field is empty." in wrong.text
            assert row_counts(both) == before
            pasted = post(
                kr, page, f"/agreements/{MOU}/amendments",
                {"on": "2026-01-10", "text": "The Participants intend to cooperate on quantum networks."},
            )  # fmt: skip
            assert pasted.status_code == 303
            token = kr.get(page).text.split('name="csrf" value="')[1].split('"')[0]
            exe = kr.post(
                f"/agreements/{MOU}/amendments", data={"csrf": token, "on": "2026-01-11"},
                files={"file": ("tool.exe", b"MZ", "application/octet-stream")},
            )  # fmt: skip
            assert exe.status_code == 400 and "cannot be read" in exe.text
            uploaded = kr.post(
                f"/agreements/{MOU}/amendments", data={"csrf": token, "on": "2026-01-12"},
                files={"file": ("v3.txt", b"The Participants plan to cooperate on 6G.", "text/plain")},
            )  # fmt: skip
            assert uploaded.status_code == 303
            consent = post(
                kr,
                page,
                f"/agreements/{MOU}/acts",
                {"act": "consent", "party": "KR", "on": "2026-01-20", "version": "2"},
            )
            assert consent.status_code == 303
            shown = kr.get(page).text
    assert [(v.version, v.consents) for v in amendments(both, MOU)] == [(2, ["KR"]), (3, [])]
    assert "version 2" in shown and "version 3" in shown


def test_a_review_is_for_users_of_an_actor_party_on_the_version_read(
    both: Database, settings: Settings
) -> None:
    shared = list_commitments(both, MOU)[0]
    american = next(c for c in list_commitments(both, FACT_SHEET) if c.actors == ["US"])
    page, american_page = f"/commitments/{shared.id}/review", f"/commitments/{american.id}/review"
    with serving(create_app(settings, both)) as base:
        assert httpx.get(base + page).status_code == 401
        with signed_in(base, "reader") as reader:
            assert reader.get(page).status_code == 403
        with signed_in(base, "kr-editor") as kr:
            korean, english = kr.get(page + "?lang=ko"), kr.get(page + "?lang=en")
            assert english.status_code == korean.status_code == 200
            assert english.headers["link"].startswith(f"</api/v1/commitments/{shared.id}>")
            assert "Record the review" in english.text and "검토 결과 기록" in korean.text
            refused = kr.get(american_page)
            assert refused.status_code == 403 and "may not change US's records" in refused.text.replace(
                "&#39;", "'"
            )
            before = row_counts(both)
            sent = post(kr, page, american_page, {"decision": "accept", "version": american.version})
            assert sent.status_code == 403
            assert kr.post(page, data={"decision": "accept", "version": shared.version}).status_code == 403
            same = {"decision": "edit", "actors": shared.actors, "strength": shared.strength,
                    "areas": shared.areas, "version": shared.version}  # fmt: skip
            nothing = post(kr, page, page, same)
            assert nothing.status_code == 400 and "Nothing was changed." in nothing.text
            odd = post(kr, page, page, {**same, "strength": "binding"})
            assert odd.status_code == 400 and "“binding” is not one of the choices" in odd.text
            foreign = post(kr, page, page, {**same, "actors": ["US", "FR"]})
            assert foreign.status_code == 400
            assert row_counts(both) == before
            changed = post(kr, page, page, {**same, "strength": "firm", "timeframe": "by 2027"})
            assert changed.status_code == 303
            stale = post(kr, page, page, {"decision": "accept", "version": shared.version})
            assert stale.status_code == 409 and "Record the review" in stale.text
    view = get_view(both, shared.id)
    assert (view.strength, view.timeframe, view.review_state) == ("firm", "by 2027", "edited")
    assert view.version == shared.version + 1
