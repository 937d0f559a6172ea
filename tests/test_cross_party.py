"""Rules between parties: a joint commitment changes only with every acting party's consent;
money is recorded by the party that gives it; a secretariat files only its own party's documents."""

from __future__ import annotations

import httpx

from accord.server.app import create_app
from accord.services.commitments import get_view, list_commitments
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import audit_actors, bearer, row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"
FACTS = "us-kr-fact-sheet-2021"


def patch(base: str, commitment: int, body: dict[str, object], headers: dict[str, str]) -> httpx.Response:
    url = f"{base}/api/v1/commitments/{commitment}"
    etag = httpx.get(url, timeout=60).headers["etag"]
    return httpx.patch(url, json=body, headers={**headers, "If-Match": etag}, timeout=60)


def test_the_actors_of_a_joint_commitment_change_once_every_acting_party_asks(
    db: Database, settings: Settings
) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    kr, us = bearer(db, "kr-editor", "editor", "KR"), bearer(db, "us-sec", "secretariat", "US")
    joint = next(v for v in list_commitments(db, MOU) if set(v.actors) == {"US", "KR"})
    with serving(create_app(settings, db)) as base:
        asked = patch(base, joint.id, {"set": {"actors": "KR"}}, kr)
        assert asked.status_code == 202 and set(asked.json()["actors"]) == {"US", "KR"}
        assert asked.json()["pending_changes"] == [
            {"change": "actors", "value": ["KR"], "consented": ["KR"], "awaiting": ["US"]}
        ]
        # The US asks for something else: nothing changes, both wishes are shown.
        other = patch(base, joint.id, {"set": {"actors": "US"}}, us)
        assert other.status_code == 202 and set(other.json()["actors"]) == {"US", "KR"}
        dossier = httpx.get(f"{base}/api/v1/commitments/{joint.id}/record", timeout=60).json()["commitment"]
        assert len(dossier["pending_changes"]) == 2
        agreed = patch(base, joint.id, {"set": {"actors": "KR"}}, us)
        assert agreed.status_code == 200 and agreed.json()["actors"] == ["KR"]
        dossier = httpx.get(f"{base}/api/v1/commitments/{joint.id}/record", timeout=60).json()["commitment"]
        assert dossier["pending_changes"] == []
    assert get_view(db, joint.id).review_state == "edited"
    assert audit_actors(db, f"commitment:{joint.id}")[-1] == "us-sec"


def test_a_joint_commitment_is_rejected_only_by_every_acting_party(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt", EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    kr, us = bearer(db, "kr-editor", "editor", "KR"), bearer(db, "us-editor", "editor", "US")
    admin = bearer(db, "admin", "admin")
    joint, second = [v for v in list_commitments(db, MOU) if set(v.actors) == {"US", "KR"}][:2]
    own = next(v for v in list_commitments(db, FACTS) if v.actors == ["KR"])
    with serving(create_app(settings, db)) as base:
        first = patch(base, joint.id, {"reject": True}, kr)
        assert first.status_code == 202 and first.json()["review_state"] != "rejected"
        assert first.json()["pending_changes"][0]["awaiting"] == ["US"]
        assert patch(base, joint.id, {"reject": True}, us).json()["review_state"] == "rejected"
        # An admin (or the local command line) decides alone; so does a party on its own commitment.
        assert patch(base, second.id, {"reject": True}, admin).json()["review_state"] == "rejected"
        assert patch(base, own.id, {"reject": True}, kr).json()["review_state"] == "rejected"


def test_money_is_recorded_by_the_giver_on_its_own_commitments(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    kr = bearer(db, "kr-editor", "editor", "KR")
    american = next(v for v in list_commitments(db, FACTS) if v.actors == ["US"])
    flow = {"type": "disbursement", "party": "KR", "amount": "1000", "currency": "USD", "on": "2022-03-01"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/agreements/{FACTS}/funding"
        before = row_counts(db)
        on_theirs = httpx.post(url, json={**flow, "commitment": american.id}, headers=kr, timeout=60)
        assert (
            on_theirs.status_code == 400
            and "KR does not act on commitment" in on_theirs.json()["error"]["message"]
        )
        as_them = httpx.post(url, json={**flow, "party": "US"}, headers=kr, timeout=60)
        assert as_them.status_code == 403
        assert row_counts(db) == before
        assert httpx.post(url, json=flow, headers=kr, timeout=60).status_code == 201


def test_a_secretariat_files_only_documents_its_party_is_a_party_to(db: Database, settings: Settings) -> None:
    kr = bearer(db, "kr-sec", "secretariat", "KR")
    text = b"Joint Statement\n\nThe Participants will cooperate on fusion research.\n"
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/documents"
        headers = {**kr, "Content-Type": "text/plain"}
        before = row_counts(db)
        for parties in (["US", "JP"], []):
            refused = httpx.post(
                url, params={"name": "us-jp.txt", "party": parties}, content=text, headers=headers, timeout=60
            )
            assert refused.status_code == 403, refused.text
            assert "KR is a party" in refused.json()["error"]["message"]
        assert row_counts(db) == before
        filed = httpx.post(
            url,
            params={"name": "us-kr.txt", "party": ["US", "KR"]},
            content=text,
            headers=headers,
            timeout=60,
        )
        assert filed.status_code == 201
