"""Provisions, amendments, bodies and funding over real HTTP: who may write what, and bad input
refused with nothing changed."""

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
FACTS = "us-kr-fact-sheet-2021"


@pytest.fixture
def both(db: Database) -> Database:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    return db


def test_provisions_are_spans_of_the_text_flat_and_as_a_tree(both: Database, settings: Settings) -> None:
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1"
        text = httpx.get(f"{api}/agreements/{MOU}").json()["document"]["text"]
        flat = httpx.get(f"{api}/agreements/{MOU}/provisions").json()
        assert flat["version"] == 1 and len(flat["items"]) > 50
        assert all(text[p["start"] : p["end"]] == p["text"] for p in flat["items"])
        ids = {p["id"] for p in flat["items"]}
        assert all(p["parent"] is None or p["parent"] in ids for p in flat["items"])
        sections = httpx.get(f"{api}/agreements/{MOU}/provisions", params={"kind": "section"}).json()["items"]
        assert [s["kind"] for s in sections] == ["section"] * len(sections) and sections
        tree = httpx.get(f"{api}/agreements/{MOU}/provisions/tree").json()["provisions"]

        def count(nodes: list[dict]) -> int:
            return sum(1 + count(node["children"]) for node in nodes)

        assert count(tree) == len(flat["items"])
        missing = httpx.get(f"{api}/agreements/{MOU}/provisions", params={"version": 7})
        assert missing.status_code == 404 and "versions: 1" in missing.json()["error"]["hint"]
        assert httpx.get(f"{api}/agreements/{MOU}/provisions", params={"kind": "chapter"}).status_code == 422


def test_an_amendment_is_proposed_by_a_secretariat_and_consented_to_by_each(
    both: Database, settings: Settings
) -> None:
    for party in ("US", "KR"):
        record(both, MOU, Act.SIGN, on=dt.date(2025, 10, 29), party=party, by=None)
    us, kr = bearer(both, "us-sec", "secretariat", "US"), bearer(both, "kr-sec", "secretariat", "KR")
    japan, editor = bearer(both, "jp-sec", "secretariat", "JP"), bearer(both, "us-editor", "editor", "US")
    amended = (EXAMPLES / f"{MOU}.txt").read_text(
        encoding="utf-8"
    ) + "\nIV. Annex\n\nThe Participants will meet yearly.\n"
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1"
        url = f"{api}/agreements/{MOU}/amendments"
        params = {"on": "2026-01-10", "name": "mou-amendment-1"}
        before = row_counts(both)
        for headers, content_type, status in (
            (editor, "text/plain", 403),
            (japan, "text/plain", 403),
            (us, "image/png", 400),
        ):
            response = httpx.post(
                url,
                params=params,
                content=amended.encode(),
                headers={**headers, "Content-Type": content_type},
            )
            assert response.status_code == status and set(response.json()) == {"error"}
        same = httpx.post(
            url,
            params=params,
            content=(EXAMPLES / f"{MOU}.txt").read_bytes(),
            headers={**us, "Content-Type": "text/plain"},
        )
        assert same.status_code == 400 and "already stored" in same.json()["error"]["message"]
        assert row_counts(both) == before
        proposed = httpx.post(
            url, params=params, content=amended.encode(), headers={**us, "Content-Type": "text/plain"}
        )
        assert proposed.status_code == 201 and proposed.json()["version"] == 2
        acts = f"{api}/agreements/{MOU}/acts"
        consent = {"act": "consent", "version": 2, "on": "2026-02-01"}
        assert httpx.post(acts, json={**consent, "party": "KR"}, headers=us).status_code == 403
        assert httpx.post(acts, json={**consent, "party": "KR"}, headers=kr).status_code == 201
        assert httpx.get(url).json()[0]["in_effect_on"] is None
        assert (
            httpx.post(acts, json={**consent, "party": "US", "on": "2026-02-03"}, headers=us).status_code
            == 201
        )
        (version,) = httpx.get(url).json()
        assert (version["consents"], version["in_effect_on"]) == (["KR", "US"], "2026-02-03")
        annex = httpx.get(f"{api}/agreements/{MOU}/provisions", params={"version": 2}).json()["items"]
        assert any(p["text"] == "The Participants will meet yearly." for p in annex)
        agreement_id = httpx.get(f"{api}/agreements/{MOU}").json()["id"]
    assert audit_actors(both, f"agreement:{agreement_id}")[-3:] == ["us-sec", "kr-sec", "us-sec"]


def test_bodies_are_registered_and_linked_by_their_partys_users(both: Database, settings: Settings) -> None:
    kr_editor, kr_sec = bearer(both, "kr-editor", "editor", "KR"), bearer(both, "kr-sec", "secretariat", "KR")
    korean = next(c.id for c in list_commitments(both, FACTS) if c.actors == ["KR"])
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1"
        kasa = {"name": "Korea AeroSpace Administration", "kind": "agency", "party": "KR", "acronym": "KASA"}
        assert httpx.post(f"{api}/bodies", json={**kasa, "party": "US"}, headers=kr_editor).status_code == 403
        joint = {"name": "U.S.-ROK Space Dialogue", "kind": "committee"}
        assert httpx.post(f"{api}/bodies", json=joint, headers=kr_editor).status_code == 403
        made = httpx.post(f"{api}/bodies", json=kasa, headers=kr_editor)
        assert made.status_code == 201 and made.json()["party"] == "KR"
        assert httpx.post(f"{api}/bodies", json=joint, headers=kr_sec).status_code == 201
        before = row_counts(both)
        for bad, status in (
            (kasa, 400),  # already registered
            ({**kasa, "name": "Other", "kind": "club"}, 400),
            ({**kasa, "name": "Other", "party": "XX"}, 403),  # not KR's, whatever the code
            ({**kasa, "name": "Other", "colour": "blue"}, 422),
            ({**kasa, "name": "x" * 501}, 422),
        ):
            assert httpx.post(f"{api}/bodies", json=bad, headers=kr_editor).status_code == status
        assert row_counts(both) == before
        korean_bodies = httpx.get(f"{api}/bodies", params={"party": "KR"}).json()
        assert kasa["name"] in [b["name"] for b in korean_bodies] and {b["party"] for b in korean_bodies} == {
            "KR"
        }
        links = f"{api}/commitments/{korean}/bodies"
        linked = httpx.post(links, json={"body": "KASA"}, headers=kr_editor)
        assert linked.status_code == 201 and kasa["name"] in linked.json()["bodies"]
        assert kasa["name"] in httpx.get(f"{api}/commitments/{korean}").json()["bodies"]
        unlinked = httpx.delete(f"{links}/{made.json()['id']}", headers=kr_editor)
        assert unlinked.status_code == 200 and kasa["name"] not in unlinked.json()["bodies"]
        assert httpx.delete(f"{links}/{made.json()['id']}", headers=kr_editor).status_code == 400
    assert audit_actors(both, f"commitment:{korean}") == ["kr-editor", "kr-editor"]


def test_funding_is_recorded_only_by_the_paying_partys_users(both: Database, settings: Settings) -> None:
    kr_editor = bearer(both, "kr-editor", "editor", "KR")
    mou_commitment = list_commitments(both, MOU)[0].id
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1"
        url = f"{api}/agreements/{FACTS}/funding"
        flow = {
            "type": "disbursement",
            "party": "KR",
            "amount": "250000000",
            "currency": "USD",
            "on": "2022-03-01",
        }
        before = row_counts(both)
        american = httpx.post(url, json={**flow, "party": "US"}, headers=kr_editor)
        assert american.status_code == 403 and american.json()["error"]["code"] == "forbidden"
        for bad, status in (
            ({**flow, "amount": "-5"}, 422),
            ({**flow, "amount": "lots"}, 422),
            ({**flow, "amount": 1e300}, 422),
            ({**flow, "currency": "US"}, 422),
            ({**flow, "type": "gift"}, 422),
            ({**flow, "period": "five years"}, 422),
            ({**flow, "on": "2022-02-30"}, 422),
            ({**flow, "party": "XX"}, 403),  # not KR's to record, whatever the code
            ({**flow, "commitment": mou_commitment}, 400),
        ):
            response = httpx.post(url, json=bad, headers=kr_editor)
            assert response.status_code == status, (bad, response.text)
        assert row_counts(both) == before
        made = httpx.post(url, json={**flow, "period": "P5Y", "note": "first tranche"}, headers=kr_editor)
        assert made.status_code == 201 and (made.json()["value"], made.json()["period"]) == (250000000, "P5Y")
        assert httpx.get(f"{api}/funding/{made.json()['id']}").json() == made.json()
        totals = httpx.get(url).json()["totals"]
        assert [(t["group"], t["currency"], t["disbursement"]) for t in totals] == [("KR", "USD", 250000000)]
