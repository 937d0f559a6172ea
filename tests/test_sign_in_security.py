"""Sessions and sign-in as a security review checks them, over real HTTP: signing out ends the
session on the server, an idle session ends, guesses are throttled per account and per address,
every sign-in is in the audit trail, and common or trivial passwords are refused."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update

from accord.errors import InputError
from accord.server.app import create_app
from accord.services.sessions import MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES, set_password
from accord.services.users import add_user
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import AuditRow, SignInAttemptRow, WebSessionRow
from tests.conftest import ROOT
from tests.server import serving, serving_workers
from tests.webclient import PASSWORD, add_signing_user, csrf_of, signed_in


def sign_in_once(base: str, name: str, password: str) -> httpx.Response:
    with httpx.Client(base_url=base) as client:
        token = csrf_of(client.get("/signin").text)
        return client.post("/signin", data={"csrf": token, "name": name, "password": password})


def test_signing_out_ends_the_session_for_every_copy_of_its_cookie(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base, signed_in(base, "kr-desk") as client:
        kept = client.cookies["accord_session"]  # what a thief who copied the cookie would hold
        assert "kr-desk" in httpx.get(base + "/", cookies={"accord_session": kept}).text
        out = client.post("/signout", data={"csrf": csrf_of(client.get("/").text)})
        assert out.status_code == 303
        replayed = httpx.get(base + "/", cookies={"accord_session": kept})
        assert "kr-desk" not in replayed.text and "Sign in" in replayed.text
    with db.reading() as session:
        assert session.scalars(select(WebSessionRow)).all() == []


def test_an_idle_session_ends(db: Database, database_url: str) -> None:
    settings = Settings(database_url=database_url, warm_charts=False, session_idle_minutes=30)
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base, signed_in(base, "kr-desk") as client:
        assert "kr-desk" in client.get("/").text
        # The session's last request, 29 and then 31 minutes ago (the clock cannot be moved, the record can).
        for minutes, still_in in ((29, True), (31, False)):
            with db.transaction() as session:
                ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
                session.execute(update(WebSessionRow).values(last_seen_at=ago))
            assert ("kr-desk" in client.get("/").text) is still_in, minutes
    with db.reading() as session:
        assert session.scalars(select(WebSessionRow)).all() == []  # the idle one was removed


def test_guesses_are_throttled_per_account(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    add_signing_user(db, "us-desk", "editor", "US")
    with serving(create_app(settings, db)) as base:
        for _ in range(MAX_ACCOUNT_FAILURES):
            assert sign_in_once(base, "kr-desk", "a wrong guess here").status_code == 400
        throttled = sign_in_once(base, "kr-desk", PASSWORD)  # even the right password, for now
        assert throttled.status_code == 429
        assert "Too many failed sign-ins" in throttled.text
        assert "accord_session" not in throttled.headers.get("set-cookie", "")
        assert sign_in_once(base, "us-desk", PASSWORD).status_code == 303  # other accounts are not locked
        # The window moves on: failures older than it no longer count.
        with db.transaction() as session:
            old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16)
            session.execute(update(SignInAttemptRow).values(at=old))
        assert sign_in_once(base, "kr-desk", PASSWORD).status_code == 303


def test_simultaneous_guesses_never_check_more_than_the_limit(db: Database, database_url: str) -> None:
    """Guesses sent all at once to two worker processes: the count and the attempt's record are
    one write, so however they interleave no more than MAX_ACCOUNT_FAILURES passwords are checked."""
    add_signing_user(db, "kr-desk", "editor", "KR")
    guesses = 4 * MAX_ACCOUNT_FAILURES
    with serving_workers(database_url, workers=2) as (base, _):
        clients = [httpx.Client(base_url=base, timeout=60) for _ in range(guesses)]
        tokens = [csrf_of(client.get("/signin").text) for client in clients]
        start = threading.Barrier(guesses)

        def guess(number: int) -> int:
            start.wait()
            form = {"csrf": tokens[number], "name": "kr-desk", "password": f"wrong guess {number}"}
            return clients[number].post("/signin", data=form).status_code

        with ThreadPoolExecutor(guesses) as pool:
            statuses = Counter(pool.map(guess, range(guesses)))
        for client in clients:
            client.close()
    assert statuses == {400: MAX_ACCOUNT_FAILURES, 429: guesses - MAX_ACCOUNT_FAILURES}
    with db.reading() as session:
        checked = session.scalar(select(func.count()).select_from(SignInAttemptRow))
        failed = session.scalar(select(func.count()).where(AuditRow.action == "sign_in_failed"))
    assert checked == failed == MAX_ACCOUNT_FAILURES


def test_guesses_are_throttled_per_address(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base:
        # Spraying one password over many names never reaches any account's limit...
        for number in range(MAX_ADDRESS_FAILURES):
            assert sign_in_once(base, f"name-{number}", "Spring2026!").status_code == 400
        # ...but the address's: from here on nothing is checked from it.
        assert sign_in_once(base, "kr-desk", PASSWORD).status_code == 429


def test_sign_ins_and_failures_are_in_the_audit_trail(
    db: Database, settings: Settings, database_url: str
) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base:
        assert sign_in_once(base, "kr-desk", "not the password").status_code == 400
        assert sign_in_once(base, "kr-desk", PASSWORD).status_code == 303
    with db.reading() as session:
        events = session.execute(
            select(AuditRow.action, AuditRow.actor, AuditRow.target, AuditRow.after)
            .where(AuditRow.action.like("sign_in%"))
            .order_by(AuditRow.id)
        ).all()
    assert [(e.action, e.actor, e.target) for e in events] == [
        ("sign_in_failed", "anonymous@127.0.0.1", "user:kr-desk"),
        ("sign_in", "kr-desk", "user:kr-desk"),
    ]
    assert all(e.after == {"address": "127.0.0.1"} for e in events)
    assert "not the password" not in str(events)  # no password, right or wrong, is ever logged
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    verified = subprocess.run(
        [sys.executable, "-m", "accord", "audit", "verify"], capture_output=True, text=True, env=env
    )
    assert verified.returncode == 0, verified.stderr


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "Repeats like"),
        ("password123", "common password"),
        ("1234567890", "common password"),
        ("qwertyuiop", "common password"),
        ("kr-desk2026", "too easy to guess"),  # the user's own name and a year
        ("Password2026", "too easy to guess"),
        ("short", "at least 10 characters"),
    ],
)
def test_common_and_trivial_passwords_are_refused(db: Database, password: str, why: str) -> None:
    add_user(db, "kr-desk", role="editor", party="KR")
    with pytest.raises(InputError, match=why):
        set_password(db, "kr-desk", password)
    set_password(db, "kr-desk", PASSWORD)  # a few unrelated words pass


def test_database_and_backup_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite:///{path}", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "accord"]
    assert subprocess.run([*command, "db", "upgrade"], env=env, capture_output=True).returncode == 0
    done = subprocess.run(
        [*command, "backup", str(tmp_path / "copy.db")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in tmp_path.iterdir())
    assert "fresh.db" in made and "copy.db" in made
    for name in made:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
