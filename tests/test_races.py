"""Races through real HTTP against `accord serve --workers 2`, on SQLite and on PostgreSQL.

A rule that says "once" holds when two requests arrive together (the check and the write are
one transaction holding the write lock); 16 clients writing through every kind of write leave
an audit chain that verifies, also while a worker is killed. The load phases run for
ACCORD_RACE_SECONDS each (4 by default, to keep `make test` short; the issue's drill used 20:
`ACCORD_RACE_SECONDS=20 .venv/bin/pytest tests/test_races.py`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from accord.domain.agreements import AgreementMeta
from accord.domain.lifecycle import Act
from accord.errors import Conflict
from accord.services.assessments import open_cycle
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.services.lifecycle import record, timeline
from accord.storage.database import Database
from accord.storage.tables import AgreementRow, LifecycleEventRow
from tests.cli import run_accord
from tests.conftest import EXAMPLES
from tests.helpers import bearer
from tests.server import serving_workers, worker_pids

SECONDS = float(os.environ.get("ACCORD_RACE_SECONDS", "4"))
CLIENTS = 16
ROUNDS = 20
MOU = "us-kr-tpd-mou-2025"
FACTS = "us-kr-fact-sheet-2021"


@dataclass
class Office:
    """The database's people and records the clients write to."""

    admin: dict[str, str]
    us_secretariat: dict[str, str]
    kr_secretariat: dict[str, str]
    kr_editor: dict[str, str]
    analyst: dict[str, str]
    blank: list[str]  # agreements nobody has signed yet
    actors: list[tuple[int, str]]  # (commitment, acting party) of the fact sheet
    cycles: list[int]


def small_agreements(folder: Path, count: int, stem: str) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"{stem}-{n}.txt"
        path.write_text(
            f"Memorandum of Understanding number {n} ({stem})\n\n"
            f"The Participants will cooperate on research topic {stem} {n}.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def set_up(db: Database, folder: Path, *, blank: int) -> Office:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt", EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    made = ingest_paths(
        db, small_agreements(folder, blank, "race"), AgreementMeta(parties=("US", "KR")), by=None
    )
    actors = [(view.id, code) for view in list_commitments(db, FACTS) for code in view.actors]
    cycles = [
        open_cycle(
            db, FACTS, kind="interim", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), by=None
        ).id
        for _ in range(10)
    ]
    return Office(
        admin=bearer(db, "admin", "admin"),
        us_secretariat=bearer(db, "us-sec", "secretariat", "US"),
        kr_secretariat=bearer(db, "kr-sec", "secretariat", "KR"),
        kr_editor=bearer(db, "kr-editor", "editor", "KR"),
        analyst=bearer(db, "analyst", "analyst"),
        blank=[result.slug for result in made],
        actors=actors,
        cycles=cycles,
    )


def together(requests: list[Callable[[], httpx.Response]]) -> list[int]:
    """Send the requests at the same instant (a barrier releases every thread at once)."""
    barrier = threading.Barrier(len(requests))

    def send(request: Callable[[], httpx.Response]) -> int:
        barrier.wait()
        return request().status_code

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(send, requests))


def test_two_simultaneous_signatures_record_one(db: Database, database_url: str, tmp_path: Path) -> None:
    office = set_up(db, tmp_path, blank=ROUNDS)
    with serving_workers(database_url) as (base, _server), httpx.Client(base_url=base, timeout=60) as client:
        outcomes = []
        act = {"act": "sign", "party": "US", "on": "2026-01-05", "signatory": "double click"}
        for slug in office.blank:
            outcomes.append(
                sorted(
                    together(
                        [
                            lambda slug=slug, act=act: client.post(
                                f"/api/v1/agreements/{slug}/acts", json=act, headers=office.us_secretariat
                            )
                        ]
                        * 2
                    )
                )
            )
        assert outcomes == [[201, 409]] * ROUNDS
        for slug in office.blank:  # and every agreement still reads: one signature, no broken history
            life = client.get(f"/api/v1/agreements/{slug}/timeline").json()
            assert life["error"] is None and [e["party"] for e in life["events"]] == ["US"]


def test_two_simultaneous_reviews_of_a_cycle_record_one(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    office = set_up(db, tmp_path, blank=0)
    with serving_workers(database_url) as (base, _server), httpx.Client(base_url=base, timeout=60) as client:
        outcomes = [
            sorted(
                together(
                    [
                        lambda cycle=cycle: client.post(
                            f"/api/v1/cycles/{cycle}/reviews",
                            json={"party": "KR", "on": "2026-01-05"},
                            headers=office.kr_secretariat,
                        )
                    ]
                    * 2
                )
            )
            for cycle in office.cycles
        ]
    assert outcomes == [[201, 409]] * len(office.cycles)


@dataclass
class Tally:
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    transport_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    written_at_kill: int | None = None

    def count(self, kind: str, status: int) -> None:
        with self.lock:
            self.statuses[kind][status] += 1

    def written(self) -> int:
        with self.lock:
            return sum(n for counts in self.statuses.values() for status, n in counts.items() if status < 300)

    def written_after_kill(self) -> int:
        return self.written() - (self.written_at_kill or 0)


def writer(
    client: httpx.Client, office: Office, number: int, rng: random.Random
) -> list[tuple[str, Callable[[int], httpx.Response]]]:
    """Every kind of write the API offers, as (kind, send(n)) pairs for one client."""
    api, h = "/api/v1", office.admin
    made_bodies: list[str] = []

    def progress(n: int) -> httpx.Response:
        commitment, party = rng.choice(office.actors)
        body = {
            "party": party,
            "level": rng.choice(["limited", "substantial"]),
            "on": "2026-02-01",
            "note": f"{number}-{n}",
        }
        return client.post(f"{api}/commitments/{commitment}/progress", json=body, headers=h)

    def review(n: int) -> httpx.Response:
        commitment, _ = rng.choice(office.actors)
        read = client.get(f"{api}/commitments/{commitment}")
        return client.patch(
            f"{api}/commitments/{commitment}",
            json={"set": {"timeframe": f"by {2030 + n % 9}"}},
            headers={**h, "If-Match": read.headers["etag"]},
        )

    def act(n: int) -> httpx.Response:
        slug = rng.choice(office.blank)
        party = rng.choice(["US", "KR"])
        headers = office.us_secretariat if party == "US" else office.kr_secretariat
        return client.post(
            f"{api}/agreements/{slug}/acts",
            json={"act": "sign", "party": party, "on": "2026-01-05"},
            headers=headers,
        )

    def funding(n: int) -> httpx.Response:
        commitment, party = rng.choice(office.actors)
        body = {
            "type": "disbursement",
            "party": party,
            "amount": str(1000 + n),
            "currency": "USD",
            "on": "2026-01-05",
            "commitment": commitment,
        }
        return client.post(f"{api}/agreements/{FACTS}/funding", json=body, headers=h)

    def body(n: int) -> httpx.Response:
        name = f"Race body {number}-{n}"
        response = client.post(
            f"{api}/bodies", json={"name": name, "kind": "agency", "party": "KR"}, headers=office.kr_editor
        )
        if response.status_code == 201:
            made_bodies.append(name)
        return response

    def link(n: int) -> httpx.Response:
        commitment = next(c for c, party in office.actors if party == "KR")
        if not made_bodies:
            return body(n)
        linked = client.post(
            f"{api}/commitments/{commitment}/bodies", json={"body": made_bodies[-1]}, headers=office.kr_editor
        )
        if linked.status_code != 201 or n % 2:
            return linked
        found = client.get(f"{api}/bodies", params={"party": "KR"}).json()
        body_id = next(b["id"] for b in found if b["name"] == made_bodies[-1])
        return client.delete(f"{api}/commitments/{commitment}/bodies/{body_id}", headers=office.kr_editor)

    def meeting(n: int) -> httpx.Response:
        planned = client.post(
            f"{api}/agreements/{MOU}/meetings",
            json={"on": "2026-03-01", "place": "Seoul"},
            headers=office.kr_secretariat,
        )
        if planned.status_code != 201:
            return planned
        meeting_id = planned.json()["id"]
        steps = [
            client.put(
                f"{api}/meetings/{meeting_id}/minutes",
                json={"text": f"We met ({number}-{n})."},
                headers=office.kr_secretariat,
            ),
            client.post(
                f"{api}/meetings/{meeting_id}/decisions",
                json={"text": "Decided."},
                headers=office.kr_secretariat,
            ),
        ]
        action = client.post(
            f"{api}/meetings/{meeting_id}/actions",
            json={"text": "Report.", "owner": "KR", "due": "2026-06-01"},
            headers=office.kr_secretariat,
        )
        steps.append(action)
        if action.status_code == 201:
            steps.append(
                client.post(
                    f"{api}/actions/{action.json()['id']}/completion",
                    json={"on": "2026-04-01"},
                    headers=office.kr_editor,
                )
            )
        return next((step for step in steps if step.status_code != steps[0].status_code), steps[-1])

    def assessment(n: int) -> httpx.Response:
        opened = client.post(
            f"{api}/agreements/{FACTS}/cycles",
            json={"kind": "interim", "period_start": "2025-01-01", "period_end": "2025-12-31"},
            headers=office.analyst,
        )
        commitment, party = rng.choice(office.actors)
        client.put(
            f"{api}/commitments/{commitment}/guideline", json={"text": "Full: done."}, headers=office.analyst
        )
        if opened.status_code != 201:
            return opened
        cycle = opened.json()["id"]
        client.post(
            f"{api}/cycles/{cycle}/scores",
            json={"commitment": commitment, "party": party, "score": 1, "justification": "seen"},
            headers=office.analyst,
        )
        return client.post(
            f"{api}/cycles/{cycle}/reviews",
            json={"party": "KR", "on": "2026-01-05"},
            headers=office.kr_secretariat,
        )

    def upload(n: int) -> httpx.Response:
        text = f"Joint statement {number}-{n}\n\nThe Participants will meet again in {2030 + n}.\n"
        return client.post(
            f"{api}/documents", params={"name": f"race-{number}-{n}.txt", "party": ["US", "KR"]},
            content=text.encode(), headers={**office.kr_secretariat, "Content-Type": "text/plain"},
        )  # fmt: skip

    return [
        ("progress", progress), ("review", review), ("act", act), ("funding", funding), ("body", body),
        ("link", link), ("meeting", meeting), ("assessment", assessment), ("upload", upload),
    ]  # fmt: skip


def load(
    base: str, office: Office, seconds: float, tally: Tally, *, during: Callable[[], None] | None = None
) -> None:
    stop = time.monotonic() + seconds

    def run(number: int) -> None:
        rng = random.Random(number)
        with httpx.Client(base_url=base, timeout=60) as client:
            kinds = writer(client, office, number, rng)
            n = 0
            while time.monotonic() < stop:
                kind, send = kinds[(number + n) % len(kinds)]
                n += 1
                try:
                    tally.count(kind, send(n).status_code)
                except httpx.TransportError:
                    with tally.lock:
                        tally.transport_errors += 1

    with ThreadPoolExecutor(CLIENTS + 1) as pool:
        futures = [pool.submit(run, number) for number in range(CLIENTS)]
        if during is not None:
            time.sleep(seconds / 3)
            during()
        for future in futures:
            future.result()


def check_after_load(
    tally: Tally, database_url: str, base: str, office: Office, *, every_kind: bool = True
) -> None:
    failures = {kind: sorted(s for s in counts if s >= 500) for kind, counts in tally.statuses.items()}
    assert not any(failures.values()), (failures, dict(tally.statuses))
    written = {kind for kind, counts in tally.statuses.items() if any(200 <= s < 300 for s in counts)}
    # While a worker is killed, a busy machine may give a kind no successful write in a short load
    # phase (its tries fall on the dying worker); what must hold then is that writes of several
    # kinds went on, none failed with 5xx, and the chain verifies.
    assert every_kind or len(written) >= 4, dict(tally.statuses)
    assert not every_kind or written == {
        "progress",
        "review",
        "act",
        "funding",
        "body",
        "link",
        "meeting",
        "assessment",
        "upload",
    }, dict(tally.statuses)
    verified = run_accord("audit", "verify", database_url=database_url)
    assert verified.returncode == 0 and "every link holds" in verified.stdout, verified.stderr
    with httpx.Client(base_url=base, timeout=60) as client:
        for slug in office.blank:  # no signature was recorded twice, whatever the load
            life = client.get(f"/api/v1/agreements/{slug}/timeline").json()
            parties = [event["party"] for event in life["events"]]
            assert life["error"] is None and len(parties) == len(set(parties))


def test_sixteen_clients_writing_everything_leave_a_chain_that_verifies(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    office = set_up(db, tmp_path, blank=8)
    tally = Tally()
    with serving_workers(database_url) as (base, _server):
        load(base, office, SECONDS, tally)
        print({kind: dict(counts) for kind, counts in tally.statuses.items()})
        assert tally.transport_errors == 0
        check_after_load(tally, database_url, base, office)


def test_killing_a_worker_mid_write_leaves_a_chain_that_verifies(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    office = set_up(db, tmp_path, blank=8)
    tally = Tally()
    killed: list[int] = []
    with serving_workers(database_url) as (base, server):

        def kill_one() -> None:
            workers = worker_pids(server)
            assert len(workers) == 2, workers
            tally.written_at_kill = tally.written()
            os.kill(workers[0], signal.SIGKILL)
            killed.append(workers[0])

        load(base, office, SECONDS, tally, during=kill_one)
        print({kind: dict(counts) for kind, counts in tally.statuses.items()}, tally.transport_errors)
        assert killed and killed[0] not in worker_pids(server)
        assert tally.written_after_kill() > 0  # the other worker (and the one uvicorn restarts) went on
        # The other worker kept answering (and uvicorn starts a new one): writes went on.
        check_after_load(tally, database_url, base, office, every_kind=False)


def test_the_constraint_itself_refuses_a_second_signature_as_a_conflict(db: Database, tmp_path: Path) -> None:
    """Bypassing the service's check, the database refuses a second signature by the same party;
    the refusal surfaces as Conflict (a 409), never as an IntegrityError (a 500)."""
    office = set_up(db, tmp_path, blank=1)
    record(db, office.blank[0], Act.SIGN, on=dt.date(2026, 1, 5), party="US", by=None)
    with pytest.raises(Conflict), db.transaction() as session:
        agreement = session.scalars(select(AgreementRow).where(AgreementRow.slug == office.blank[0])).one()
        session.add(
            LifecycleEventRow(
                agreement_id=agreement.id, act="sign", party_code="US", made_on=dt.date(2026, 1, 6)
            )
        )
    assert [e.party for e in timeline(db, office.blank[0]).entries] == ["US"]
