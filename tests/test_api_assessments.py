"""Assessments over real HTTP: analysts open cycles, write guidelines and score; each party's
secretariat reviews; compliance follows; bad input is refused with nothing changed."""

from __future__ import annotations

import httpx

from accord.server.app import create_app
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import audit_actors, bearer, row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"


def test_analysts_score_and_each_partys_secretariat_reviews(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
    analyst, editor = bearer(db, "analyst", "analyst"), bearer(db, "kr-editor", "editor", "KR")
    kr, us = bearer(db, "kr-sec", "secretariat", "KR"), bearer(db, "us-sec", "secretariat", "US")
    shared = next(c.id for c in list_commitments(db, MOU) if set(c.actors) == {"US", "KR"})
    other = next(c.id for c in list_commitments(db, MOU) if c.id != shared)
    with serving(create_app(settings, db)) as base:
        api = base + "/api/v1"
        period = {"kind": "interim", "period_start": "2025-11-01", "period_end": "2026-10-31"}
        cycles = f"{api}/agreements/{MOU}/cycles"
        assert httpx.post(cycles, json=period, headers=editor).status_code == 403
        assert httpx.post(cycles, json=period, headers=kr).status_code == 403
        cycle = httpx.post(cycles, json=period, headers=analyst)
        assert cycle.status_code == 201 and cycle.json()["status"] == "preliminary"
        scores = f"{api}/cycles/{cycle.json()['id']}/scores"
        guideline = f"{api}/commitments/{shared}/guideline"
        assert httpx.get(guideline).status_code == 404
        text = {"text": "+1: joint programme funded; 0: announced; -1: nothing"}
        assert httpx.put(guideline, json=text, headers=kr).status_code == 403
        first = httpx.put(guideline, json=text, headers=analyst)
        assert (first.json()["text"], first.json()["version"], first.headers["etag"]) == (
            text["text"],
            1,
            '"1"',
        )
        # A rewrite needs the ETag read; without it, or with a stale one, nothing changes.
        rewrite = {"text": "+1: programme funded and running; 0: announced; -1: nothing"}
        assert httpx.put(guideline, json=rewrite, headers=analyst).status_code == 409
        second = httpx.put(guideline, json=rewrite, headers={**analyst, "If-Match": '"1"'})
        assert (second.status_code, second.json()["version"], second.headers["etag"]) == (200, 2, '"2"')
        stale = httpx.put(guideline, json=text, headers={**analyst, "If-Match": '"1"'})
        assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
        read = httpx.get(guideline)
        assert (read.json()["text"], read.headers["etag"]) == (rewrite["text"], '"2"')
        korea = {"commitment": shared, "party": "KR", "score": 1, "justification": "programme funded in 2026"}
        assert httpx.post(scores, json=korea, headers=editor).status_code == 403
        before = row_counts(db)
        for bad, status in (
            ({**korea, "score": 2}, 422),
            ({**korea, "commitment": other}, 400),  # no guideline yet
            ({**korea, "party": "JP"}, 400),
            ({**korea, "justification": " "}, 422),
            ({**korea, "commitment": 2**31}, 422),
        ):
            response = httpx.post(scores, json=bad, headers=analyst)
            assert response.status_code == status, (bad, response.text)
        bad_period = httpx.post(cycles, json={**period, "period_end": "2025-01-01"}, headers=analyst)
        assert bad_period.status_code == 400
        assert row_counts(db) == before
        assert httpx.post(scores, json=korea, headers=analyst).status_code == 201
        assert (
            httpx.post(scores, json={**korea, "party": "US", "score": 0}, headers=analyst).status_code == 201
        )
        reviews = f"{api}/cycles/{cycle.json()['id']}/reviews"
        for headers in (analyst, us):
            assert (
                httpx.post(reviews, json={"party": "KR", "on": "2026-11-05"}, headers=headers).status_code
                == 403
            )
        assert (
            httpx.post(reviews, json={"party": "KR", "on": "2026-11-05"}, headers=kr).json()["status"]
            == "preliminary"
        )
        final = httpx.post(reviews, json={"party": "US", "on": "2026-11-06"}, headers=us)
        assert (final.json()["status"], final.json()["reviewed_by"]) == ("final", ["KR", "US"])
        late = httpx.post(scores, json={**korea, "score": -1}, headers=analyst)
        assert late.status_code == 400 and "final" in late.json()["error"]["message"]
        detail = httpx.get(f"{api}/cycles/{cycle.json()['id']}").json()
        assert sorted((s["party"], s["score"]) for s in detail["scores"]) == [("KR", 1), ("US", 0)]
        compliance = httpx.get(f"{api}/agreements/{MOU}/compliance").json()["compliance"]
        assert {row["group"]: row["percent"] for row in compliance} == {"KR": 100.0, "US": 50.0}
        assert [c["id"] for c in httpx.get(cycles).json()] == [cycle.json()["id"]]
    assert audit_actors(db, f"cycle:{cycle.json()['id']}") == [
        "analyst",
        "analyst",
        "analyst",
        "kr-sec",
        "us-sec",
    ]


def test_an_analyst_acts_for_no_party(db: Database) -> None:
    import pytest

    from accord.errors import InputError
    from accord.services.users import add_user

    with pytest.raises(InputError, match="not bound to a party"):
        add_user(db, "analyst", role="analyst", party="KR")
    assert add_user(db, "analyst", role="analyst").party is None
