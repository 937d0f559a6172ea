"""The REST API over real HTTP: resources, pagination, and one JSON error shape."""

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
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.server import serving

SLUG = "us-kr-tpd-mou-2025"


@pytest.fixture
def base(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    record(db, SLUG, Act.SIGN, on=dt.date(2025, 10, 29), party="US", by=None)
    with serving(create_app(settings, db)) as url:
        yield url


def test_resources(base: str) -> None:
    assert {a["slug"] for a in httpx.get(base + "/api/v1/agreements").json()["items"]} == {
        SLUG,
        "us-kr-fact-sheet-2021",
    }
    detail = httpx.get(f"{base}/api/v1/agreements/{SLUG}").json()
    assert detail["terms"]["termination_notice_days"] == 180
    page = httpx.get(base + "/api/v1/commitments", params={"agreement": SLUG, "limit": 5}).json()
    assert (len(page["items"]), page["limit"], page["next"]) == (5, 5, page["items"][-1]["id"])
    korean = httpx.get(base + "/api/v1/commitments", params={"actor": "KR", "strength": "firm"}).json()[
        "items"
    ]
    assert korean and all("KR" in c["actors"] and c["strength"] == "firm" for c in korean)
    life = httpx.get(f"{base}/api/v1/agreements/{SLUG}/timeline").json()
    assert life["status"] == "signed_by_some" and life["events"][0]["party"] == "US"
    assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "accord"


def test_the_commitments_pages_items_are_the_commitments_one_json_shape(db: Database, base: str) -> None:
    """The page writes each item straight from its row (commitment_json), not through a view: the
    same JSON as the view's, amounts and due dates included."""
    expected = sorted((view.as_json() for view in list_commitments(db)), key=lambda item: item["id"])
    assert any(item["amounts"] for item in expected) and any(item["due"] for item in expected)
    assert httpx.get(base + "/api/v1/commitments", params={"limit": 500}).json()["items"] == expected


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/agreements/no-such-thing", 404, "not_found"),
        ("/api/v1/commitments?limit=100000", 422, "invalid_request"),
        ("/api/v1/commitments?area=cooking", 400, "invalid_input"),
        ("/api/v1/commitments?actor=XY", 400, "invalid_input"),
        ("/api/v1/agreements/us-kr-tpd-mou-2025/compliance", 404, "not_found"),
        ("/api/v1/nowhere", 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(base: str, path: str, status: int, code: str) -> None:
    response = httpx.get(base + path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert body["error"]["code"] == code and body["error"]["message"]


def korean_commitment(base: str) -> int:
    items = httpx.get(base + "/api/v1/commitments", params={"actor": "KR", "limit": 500}).json()["items"]
    return next(c["id"] for c in items if c["actors"] == ["KR"])


def test_tokens_roles_and_party_rules(db: Database, settings: Settings) -> None:
    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    add_user(db, "kr-editor", role="editor", party="KR")
    add_user(db, "reader", role="viewer")
    kr, viewer = new_token(db, "kr-editor"), new_token(db, "reader")
    progress = {"party": "KR", "level": "limited", "on": "2022-01-05", "note": "first call issued"}
    with serving(create_app(settings, db)) as base:
        target = korean_commitment(base)
        url = f"{base}/api/v1/commitments/{target}/progress"
        assert httpx.post(url, json=progress).status_code == 401
        assert (
            httpx.post(url, json=progress, headers={"Authorization": "Bearer acc_wrong"}).status_code == 401
        )
        assert (
            httpx.post(url, json=progress, headers={"Authorization": f"Bearer {viewer}"}).status_code == 403
        )
        american = httpx.post(
            url, json={**progress, "party": "US"}, headers={"Authorization": f"Bearer {kr}"}
        )
        assert american.status_code == 403 and american.json()["error"]["code"] == "forbidden"
        done = httpx.post(url, json=progress, headers={"Authorization": f"Bearer {kr}"})
        assert done.status_code == 201 and done.json()["recorded_by"] == "kr-editor"
        assert [e["level"] for e in httpx.get(url).json()] == ["limited"]
        bad = httpx.post(url, json={**progress, "on": "yesterday"}, headers={"Authorization": f"Bearer {kr}"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_private_deployment_needs_a_token_to_read(db: Database, database_url: str) -> None:
    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    add_user(db, "reader", role="viewer")
    token = new_token(db, "reader")
    private = Settings(database_url=database_url, public_read=False)
    with serving(create_app(private, db)) as base:
        assert httpx.get(base + "/api/v1/agreements").status_code == 401
        assert (
            httpx.get(base + "/api/v1/agreements", headers={"Authorization": f"Bearer {token}"}).status_code
            == 200
        )


def test_a_revoked_token_is_refused_at_once_though_it_was_just_trusted(
    db: Database, database_url: str
) -> None:
    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    add_user(db, "reader", role="viewer")
    token = new_token(db, "reader")
    private = Settings(database_url=database_url, public_read=False)
    headers = {"Authorization": f"Bearer {token}"}
    with serving(create_app(private, db)) as base:
        assert httpx.get(base + "/api/v1/agreements", headers=headers).status_code == 200
        # Revoked from the CLI, another process: the server's minute of trust does not outlive it.
        done = run_accord("token", "revoke", "reader", database_url=database_url)
        assert done.returncode == 0 and "revoked 1 token of reader" in done.stdout, done.stderr
        refused = httpx.get(base + "/api/v1/agreements", headers=headers)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    missing = run_accord("token", "revoke", "nobody", database_url=database_url)
    assert missing.returncode == 1 and "no user 'nobody'" in missing.stderr


def test_tokens_are_stored_hashed(db: Database) -> None:
    from sqlalchemy import select

    from accord.services.users import add_user, new_token
    from accord.storage.tables import TokenRow

    add_user(db, "admin", role="admin")
    token = new_token(db, "admin")
    with db.reading() as session:
        stored = session.scalars(select(TokenRow.token_hash)).all()
    assert stored and all(token not in value and value.startswith("$argon2") for value in stored)


def test_stale_if_match_gets_409_and_no_update_is_lost(db: Database, settings: Settings) -> None:
    import threading

    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    add_user(db, "kr-editor", role="editor", party="KR")
    auth = {"Authorization": f"Bearer {new_token(db, 'kr-editor')}"}
    with serving(create_app(settings, db)) as base:
        target = korean_commitment(base)
        url = f"{base}/api/v1/commitments/{target}"
        etag = httpx.get(url).headers["ETag"]
        changes = [{"set": {"strength": "intent"}}, {"set": {"timeframe": "by 2023"}}]
        start = threading.Barrier(2)
        statuses: list[int] = []

        def writer(change: dict) -> None:
            start.wait()
            response = httpx.patch(url, json=change, headers={**auth, "If-Match": etag})
            while response.status_code == 409:  # read again, repeat on the current version
                assert response.json()["error"]["code"] == "stale_version"
                statuses.append(409)
                fresh = httpx.get(url).headers["ETag"]
                response = httpx.patch(url, json=change, headers={**auth, "If-Match": fresh})
            statuses.append(response.status_code)

        threads = [threading.Thread(target=writer, args=(c,)) for c in changes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        final = httpx.get(url).json()
    assert statuses.count(409) == 1 and statuses.count(200) == 2
    assert (final["strength"], final["timeframe"], final["version"]) == ("intent", "by 2023", 3)


def test_patch_needs_if_match_and_the_right_party(db: Database, settings: Settings) -> None:
    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    add_user(db, "us-editor", role="editor", party="US")
    auth = {"Authorization": f"Bearer {new_token(db, 'us-editor')}"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/commitments/{korean_commitment(base)}"
        etag = httpx.get(url).headers["ETag"]
        assert httpx.patch(url, json={"accept": True}, headers=auth).status_code == 400
        refused = httpx.patch(url, json={"accept": True}, headers={**auth, "If-Match": etag})
        assert refused.status_code == 403 and httpx.get(url).headers["ETag"] == etag


def test_only_a_partys_secretariat_signs_for_it(db: Database, settings: Settings) -> None:
    from accord.services.users import add_user, new_token

    ingest_paths(db, [EXAMPLES / f"{SLUG}.txt"], by=None)
    add_user(db, "kr-secretariat", role="secretariat", party="KR")
    add_user(db, "kr-editor", role="editor", party="KR")
    secretariat = {"Authorization": f"Bearer {new_token(db, 'kr-secretariat')}"}
    editor = {"Authorization": f"Bearer {new_token(db, 'kr-editor')}"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/agreements/{SLUG}/acts"
        sign = {"act": "sign", "party": "KR", "on": "2025-10-30"}
        assert httpx.post(url, json=sign, headers=editor).status_code == 403
        assert httpx.post(url, json={**sign, "party": "US"}, headers=secretariat).status_code == 403
        assert httpx.post(url, json=sign, headers=secretariat).status_code == 201
        twice = httpx.post(url, json=sign, headers=secretariat)
        assert twice.status_code == 409 and "already signed" in twice.json()["error"]["message"]
        events = httpx.get(f"{base}/api/v1/agreements/{SLUG}/timeline").json()["events"]
    assert [(e["act"], e["party"]) for e in events] == [("sign", "KR")]


def test_upload_ingests_and_bad_uploads_change_nothing(db: Database, settings: Settings) -> None:
    from accord.services.users import add_user, new_token
    from tests.helpers import row_counts

    add_user(db, "us-secretariat", role="secretariat", party="US")
    add_user(db, "us-editor", role="editor", party="US")
    secretariat = {"Authorization": f"Bearer {new_token(db, 'us-secretariat')}"}
    editor = {"Authorization": f"Bearer {new_token(db, 'us-editor')}"}
    body = (EXAMPLES / f"{SLUG}.txt").read_bytes()
    params = {"name": SLUG, "date": "2025-10-29", "kind": "mou", "party": ["US", "KR"]}
    with serving(create_app(settings, db)) as base:
        url = base + "/api/v1/documents"
        before = row_counts(db)
        for headers, content, status in (
            ({**editor, "Content-Type": "text/plain"}, body, 403),
            ({**secretariat, "Content-Type": "image/png"}, body, 400),
            ({**secretariat, "Content-Type": "text/plain"}, b"\x00\x01binary", 400),
            ({**secretariat, "Content-Type": "text/plain"}, b"x" * (20 * 1024 * 1024 + 1), 413),
        ):
            response = httpx.post(url, params=params, content=content, headers=headers, timeout=60)
            assert response.status_code == status and set(response.json()) == {"error"}
        assert row_counts(db) == before
        done = httpx.post(
            url, params=params, content=body, headers={**secretariat, "Content-Type": "text/plain"}
        )
    assert done.status_code == 201 and done.json()["slug"] == SLUG and done.json()["commitments"] == 22
