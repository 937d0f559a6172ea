"""`Idempotency-Key` on API writes: a retried request returns the first answer and writes once."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import select, update

from accord.server.app import create_app
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import timeline
from accord.services.progress import history
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.idempotency import LIFETIME
from accord.storage.tables import IdempotencyKeyRow
from tests.conftest import EXAMPLES
from tests.helpers import bearer, row_counts
from tests.server import serving

MOU = "us-kr-tpd-mou-2025"


def test_a_retried_signature_gets_the_first_answer_not_a_conflict(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    us = bearer(db, "us-sec", "secretariat", "US")
    act = {"act": "sign", "party": "US", "on": "2025-10-29", "signatory": "M. Kratsios"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/agreements/{MOU}/acts"
        first = httpx.post(url, json=act, headers={**us, "Idempotency-Key": "sign-1"}, timeout=60)
        counts = row_counts(db)
        again = httpx.post(url, json=act, headers={**us, "Idempotency-Key": "sign-1"}, timeout=60)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.content == first.content and again.headers["idempotent-replayed"] == "true"
        assert row_counts(db) == counts  # nothing written the second time
        without = httpx.post(url, json=act, headers=us, timeout=60)  # without a key, the rule answers
        assert without.status_code == 409
    assert [e.party for e in timeline(db, MOU).entries] == ["US"]


def test_a_key_is_bound_to_its_request_and_to_its_principal(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    kr = bearer(db, "kr-editor", "editor", "KR")
    other = bearer(db, "kr-editor-2", "editor", "KR")
    commitment = next(v.id for v in list_commitments(db, MOU) if "KR" in v.actors)
    note = {"party": "KR", "level": "limited", "on": "2026-01-05", "note": "begun"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/commitments/{commitment}/progress"
        assert (
            httpx.post(url, json=note, headers={**kr, "Idempotency-Key": "k"}, timeout=60).status_code == 201
        )
        counts = row_counts(db)
        changed = httpx.post(
            url, json={**note, "note": "more"}, headers={**kr, "Idempotency-Key": "k"}, timeout=60
        )
        assert changed.status_code == 400 and changed.json()["error"]["code"] == "idempotency_key_reused"
        assert row_counts(db) == counts
        for bad in ("", "x" * 201, "tab\there"):
            refused = httpx.post(url, json=note, headers={**kr, "Idempotency-Key": bad}, timeout=60)
            assert refused.status_code == 400 and row_counts(db) == counts, bad
        # Another principal's identical key is another request.
        assert (
            httpx.post(url, json=note, headers={**other, "Idempotency-Key": "k"}, timeout=60).status_code
            == 201
        )
        # A refused first attempt keeps no key: the corrected request goes through.
        wrong = httpx.post(
            url, json={**note, "level": "done"}, headers={**kr, "Idempotency-Key": "k2"}, timeout=60
        )
        assert wrong.status_code in (400, 422)
    assert len(history(db, commitment)) == 2


def test_two_simultaneous_attempts_with_one_key_write_once(db: Database, settings: Settings) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    kr = bearer(db, "kr-editor", "editor", "KR")
    commitment = next(v.id for v in list_commitments(db, MOU) if "KR" in v.actors)
    note = {"party": "KR", "level": "limited", "on": "2026-01-05", "note": "begun"}
    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/commitments/{commitment}/progress"
        for round_ in range(5):
            barrier = threading.Barrier(2)

            def send(_: int, round_: int = round_, barrier: threading.Barrier = barrier) -> int:
                barrier.wait()
                headers = {**kr, "Idempotency-Key": f"retry-{round_}"}
                return httpx.post(url, json=note, headers=headers, timeout=60).status_code

            with ThreadPoolExecutor(2) as pool:
                statuses = sorted(pool.map(send, range(2)))
            assert statuses in ([201, 201], [201, 409]), statuses
    assert len(history(db, commitment)) == 5


def test_a_key_expires_after_its_lifetime_and_is_purged(db: Database, settings: Settings) -> None:
    """A day later the same key is a new request, and keyed writes purge the keys past their lifetime."""
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    kr = bearer(db, "kr-editor", "editor", "KR")
    commitment = next(v.id for v in list_commitments(db, MOU) if "KR" in v.actors)
    note = {"party": "KR", "level": "limited", "on": "2026-01-05", "note": "begun"}

    def age(key: str, by: dt.timedelta) -> None:
        with db.transaction() as session:
            session.execute(
                update(IdempotencyKeyRow)
                .where(IdempotencyKeyRow.key == key)
                .values(created_at=dt.datetime.now(dt.UTC) - by)
            )

    def keys() -> list[str]:
        with db.reading() as session:
            return sorted(session.scalars(select(IdempotencyKeyRow.key)))

    with serving(create_app(settings, db)) as base:
        url = f"{base}/api/v1/commitments/{commitment}/progress"

        def post(key: str) -> httpx.Response:
            return httpx.post(url, json=note, headers={**kr, "Idempotency-Key": key}, timeout=60)

        assert post("old").status_code == 201
        assert post("recent").status_code == 201
        age("old", LIFETIME + dt.timedelta(minutes=1))
        age("recent", LIFETIME - dt.timedelta(minutes=5))
        # Within its lifetime a key still answers the retry without writing.
        replayed = post("recent")
        assert replayed.status_code == 201 and replayed.headers.get("idempotent-replayed") == "true"
        assert len(history(db, commitment)) == 2
        # Past it, the same key and request are a new write (and the old key made way for it).
        fresh = post("old")
        assert fresh.status_code == 201 and "idempotent-replayed" not in fresh.headers
        assert len(history(db, commitment)) == 3
        assert keys() == ["old", "recent"]
        # Any keyed write purges what has expired by then.
        age("recent", LIFETIME + dt.timedelta(minutes=1))
        assert post("another").status_code == 201
        assert keys() == ["another", "old"]
