"""Meetings over real HTTP: minutes approved only by each party's own secretariat, on the version
read (a stale If-Match gets 409), action items whose completion records progress, bad input refused."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from accord.domain.lifecycle import Act
from accord.server.app import create_app
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import audit_actors, bearer, row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"


@pytest.fixture
def mou(db: Database) -> Database:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    for party in ("US", "KR"):
        record(db, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    return db


def test_minutes_are_approved_by_each_partys_secretariat_on_the_version_read(
    mou: Database, settings: Settings
) -> None:
    kr, us = bearer(mou, "kr-sec", "secretariat", "KR"), bearer(mou, "us-sec", "secretariat", "US")
    editor, viewer = bearer(mou, "kr-editor", "editor", "KR"), bearer(mou, "reader", "viewer")
    with serving(create_app(settings, mou)) as base:
        api = base + "/api/v1"
        plan = {"on": "2026-03-01", "place": "Seoul"}
        assert httpx.post(f"{api}/agreements/{MOU}/meetings", json=plan).status_code == 401
        for headers in (editor, viewer):
            assert (
                httpx.post(f"{api}/agreements/{MOU}/meetings", json=plan, headers=headers).status_code == 403
            )
        made = httpx.post(f"{api}/agreements/{MOU}/meetings", json=plan, headers=kr)
        assert made.status_code == 201 and made.json()["parties"] == ["US", "KR"]
        minutes = f"{api}/meetings/{made.json()['id']}/minutes"
        first = httpx.get(minutes)
        assert first.json()["status"] == "none"
        assert httpx.put(minutes, json={"text": "Draft."}, headers=kr).status_code == 400  # no If-Match
        drafted = httpx.put(
            minutes, json={"text": "Draft."}, headers={**kr, "If-Match": first.headers["ETag"]}
        )
        assert drafted.status_code == 200 and drafted.json()["status"] == "draft"
        etag = drafted.headers["ETag"]
        approvals = f"{api}/meetings/{made.json()['id']}/approvals"
        for headers, party in ((us, "KR"), (editor, "KR"), (kr, "US")):
            refused = httpx.post(
                approvals, json={"party": party, "on": "2026-03-02"}, headers={**headers, "If-Match": etag}
            )
            assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        before = row_counts(mou)
        stale = httpx.post(
            approvals,
            json={"party": "KR", "on": "2026-03-02"},
            headers={**kr, "If-Match": first.headers["ETag"]},
        )
        assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
        assert row_counts(mou) == before and httpx.get(minutes).headers["ETag"] == etag
        korean = httpx.post(
            approvals, json={"party": "KR", "on": "2026-03-02"}, headers={**kr, "If-Match": etag}
        )
        assert korean.status_code == 201 and korean.json()["status"] == "draft"
        american = httpx.post(
            approvals,
            json={"party": "US", "on": "2026-03-03"},
            headers={**us, "If-Match": korean.headers["ETag"]},
        )
        assert american.json()["status"] == "approved" and american.json()["approved_by"] == ["KR", "US"]
        # An amendment on a copy read before the approvals changes nothing ...
        late = httpx.put(minutes, json={"text": "Other."}, headers={**us, "If-Match": etag})
        assert late.status_code == 409 and httpx.get(minutes).json()["text"] == "Draft."
        # ... made on the current version, it clears the approvals.
        amended = httpx.put(
            minutes, json={"text": "Amended."}, headers={**us, "If-Match": american.headers["ETag"]}
        )
        assert (amended.json()["status"], amended.json()["approved_by"]) == ("draft", [])
    assert audit_actors(mou, f"meeting:{made.json()['id']}") == [
        "kr-sec", "kr-sec", "kr-sec", "us-sec", "us-sec",
    ]  # fmt: skip


def test_action_item_completion_records_the_owners_progress(mou: Database, settings: Settings) -> None:
    kr = bearer(mou, "kr-sec", "secretariat", "KR")
    kr_editor, us_editor = bearer(mou, "kr-editor", "editor", "KR"), bearer(mou, "us-editor", "editor", "US")
    korean = next(c.id for c in list_commitments(mou, MOU) if "KR" in c.actors)
    with serving(create_app(settings, mou)) as base:
        api = base + "/api/v1"
        meeting = httpx.post(f"{api}/agreements/{MOU}/meetings", json={"on": "2026-03-01"}, headers=kr).json()
        decided = httpx.post(
            f"{api}/meetings/{meeting['id']}/decisions", json={"text": "Adopt the plan."}, headers=kr
        )
        assert decided.status_code == 201
        item = httpx.post(
            f"{api}/meetings/{meeting['id']}/actions",
            json={"text": "Issue the first call", "owner": "KR", "due": "2026-06-01", "commitment": korean},
            headers=kr,
        )
        assert item.status_code == 201 and item.json()["party"] == "KR"
        url = f"{api}/actions/{item.json()['id']}"
        etag = httpx.get(url).headers["ETag"]
        done = {"on": "2026-05-20", "level": "limited", "note": "call issued"}
        assert (
            httpx.post(url + "/completion", json=done, headers={**us_editor, "If-Match": etag}).status_code
            == 403
        )
        before = row_counts(mou)
        stale = httpx.post(url + "/completion", json=done, headers={**kr_editor, "If-Match": '"99"'})
        assert stale.status_code == 409 and row_counts(mou) == before
        completed = httpx.post(url + "/completion", json=done, headers={**kr_editor, "If-Match": etag})
        assert completed.status_code == 200 and completed.json()["done_on"] == "2026-05-20"
        history = httpx.get(f"{api}/commitments/{korean}/progress").json()
        assert [(e["party"], e["level"], e["recorded_by"]) for e in history] == [
            ("KR", "limited", "kr-editor")
        ]
        again = httpx.post(
            url + "/completion", json=done, headers={**kr_editor, "If-Match": completed.headers["ETag"]}
        )
        assert again.status_code == 400 and "was completed" in again.json()["error"]["message"]
        record_ = httpx.get(f"{api}/meetings/{meeting['id']}").json()
        assert [d["text"] for d in record_["decisions"]] == ["Adopt the plan."]
        assert [a["done_on"] for a in record_["actions"]] == ["2026-05-20"]


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/agreements/{mou}/meetings", b'{"on": "2026-03-01",', 422),  # malformed JSON
        ("/agreements/{mou}/meetings", {"on": "2026-13-01"}, 422),
        ("/agreements/{mou}/meetings", {"on": "9999-01-01"}, 422),
        ("/agreements/{mou}/meetings", {"on": "2026-03-01", "room": "B"}, 422),
        ("/agreements/{mou}/meetings", {"on": "2026-03-01", "place": "x" * 301}, 422),
        ("/agreements/{mou}/meetings", {"on": "2026-03-01", "place": "a\u0000b"}, 422),
        ("/agreements/no-such/meetings", {"on": "2026-03-01"}, 404),
        ("/meetings/{meeting}/decisions", {"text": "   "}, 422),
        ("/meetings/{meeting}/actions", {"text": "x", "owner": "Nowhere Agency", "due": "2026-06-01"}, 404),
        ("/meetings/{meeting}/actions", {"text": "x", "owner": "XX", "due": "2026-06-01"}, 400),
        (
            "/meetings/{meeting}/actions",
            {"text": "x", "owner": "KR", "due": "2026-06-01", "commitment": 2**40},
            422,
        ),
        ("/meetings/99999/decisions", {"text": "x"}, 404),
        ("/meetings/{big}/decisions", {"text": "x"}, 422),
    ],
)
def test_bad_meeting_input_gets_4xx_and_changes_nothing(
    mou: Database, settings: Settings, path: str, body: object, status: int
) -> None:
    from accord.services.meetings import new_meeting

    admin = bearer(mou, "admin", "admin")
    meeting = new_meeting(mou, MOU, on=dt.date(2026, 3, 1), place=None, by=None)
    before = row_counts(mou)
    url = path.format(mou=MOU, meeting=meeting.id, big=2**40)
    with serving(create_app(settings, mou)) as base:
        if isinstance(body, bytes):
            response = httpx.post(
                base + "/api/v1" + url, content=body, headers={**admin, "Content-Type": "application/json"}
            )
        else:
            response = httpx.post(base + "/api/v1" + url, json=body, headers=admin)
    assert response.status_code == status
    assert (
        set(response.json()["error"]) == {"code", "message", "hint"} and response.json()["error"]["message"]
    )
    assert row_counts(mou) == before
