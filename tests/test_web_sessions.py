"""Signing in to the pages: passwords, signed session cookies, CSRF tokens, over real HTTP."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import inspect, select

from accord.errors import InputError, NotFound
from accord.http.keys import signing_key
from accord.server.app import create_app
from accord.services.sessions import set_password
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import UserRow
from tests.conftest import ROOT
from tests.helpers import row_counts
from tests.server import free_port, serving
from tests.webclient import PASSWORD, add_signing_user, csrf_of, signed_in


def test_signing_in_shows_the_user_and_signing_out_ends_it(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base, signed_in(base, "kr-desk") as client:
        page = client.get("/").text
        assert "kr-desk" in page and "editor" in page and "Republic of Korea" in page
        assert "Sign out" in page and 'href="/signin' not in page
        out = client.post("/signout", data={"csrf": csrf_of(page)})
        assert out.status_code == 303
        after = client.get("/").text
    assert "kr-desk" not in after and "Sign in" in after


def test_the_session_cookie_is_signed_httponly_and_lax(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base, httpx.Client(base_url=base) as client:
        form = client.get("/signin")
        sent = client.post(
            "/signin",
            data={"csrf": csrf_of(form.text), "name": "kr-desk", "password": PASSWORD, "next": "/"},
        )
        header = sent.headers["set-cookie"]
        assert "accord_session=" in header and "HttpOnly" in header and "SameSite=lax" in header
        payload, _, signature = client.cookies["accord_session"].partition(".")
        forged = {"accord_session": payload + "." + signature[::-1]}
        assert "kr-desk" not in httpx.get(base + "/", cookies=forged).text
        assert "kr-desk" in client.get("/").text


def test_an_unknown_name_and_a_wrong_password_get_the_same_answer(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    answers = []
    with serving(create_app(settings, db)) as base:
        for name, password in (("kr-desk", "not the password"), ("nobody", PASSWORD)):
            with httpx.Client(base_url=base) as client:
                token = csrf_of(client.get("/signin").text)
                response = client.post("/signin", data={"csrf": token, "name": name, "password": password})
            assert "accord_session" not in response.headers.get("set-cookie", "")
            page = response.text.replace(f'value="{name}"', "").replace(token, "")
            answers.append((response.status_code, page))
    assert answers[0][0] == answers[1][0] == 400
    assert "The name or the password is not right." in answers[0][1]
    assert answers[0][1] == answers[1][1]


def test_a_post_without_the_sessions_csrf_token_is_refused(db: Database, settings: Settings) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base, signed_in(base, "kr-desk") as client:
        before = row_counts(db)
        missing = client.post("/signout", data={})
        with httpx.Client(base_url=base) as other:
            foreign = client.post("/signout", data={"csrf": csrf_of(other.get("/signin").text)})
        no_cookie = httpx.post(base + "/signin", data={"csrf": "x", "name": "kr-desk", "password": PASSWORD})
        assert [missing.status_code, foreign.status_code, no_cookie.status_code] == [403, 403, 403]
        assert "not sent from a page of this session" in missing.text
        assert missing.headers["content-type"].startswith("text/html")
        assert "kr-desk" in client.get("/").text  # still signed in
        assert row_counts(db) == before


def test_a_new_password_a_changed_role_or_a_removed_user_takes_effect_at_once(
    db: Database, settings: Settings
) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    with serving(create_app(settings, db)) as base:
        with signed_in(base, "kr-desk") as client:
            with db.transaction() as session:
                user = session.scalar(select(UserRow).where(UserRow.name == "kr-desk"))
                assert user is not None
                user.role = "secretariat"
            assert "secretariat" in client.get("/").text
            set_password(db, "kr-desk", "another long password")
            assert "kr-desk" not in client.get("/").text
        with signed_in(base, "kr-desk", "another long password") as again:
            with db.transaction() as session:
                session.delete(session.scalar(select(UserRow).where(UserRow.name == "kr-desk")))
            assert "kr-desk" not in again.get("/").text


def test_the_key_is_in_a_0600_file_or_the_setting_and_never_in_the_database(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    keyed_by_file = Settings(
        database_url=settings.database_url, secret_key_file=tmp_path / "k" / "session.key"
    )
    with serving(create_app(keyed_by_file, db)) as base, signed_in(base, "kr-desk") as client:
        cookie = client.cookies["accord_session"]
    key = keyed_by_file.secret_key_file
    assert key is not None and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not inspect(db.engine).has_table("secrets")
    restarted = Database.from_settings(keyed_by_file)  # a new app reading the same file accepts it...
    with serving(create_app(keyed_by_file, restarted)) as base:
        assert "kr-desk" in httpx.get(base + "/", cookies={"accord_session": cookie}).text
    restarted.dispose()
    keyed = Settings(database_url=settings.database_url, secret_key="x" * 40)  # ...one keyed otherwise not
    with serving(create_app(keyed, db)) as base:
        assert "kr-desk" not in httpx.get(base + "/", cookies={"accord_session": cookie}).text
        with signed_in(base, "kr-desk") as client:
            assert "kr-desk" in client.get("/").text
    key.chmod(0o644)  # a key others can read is refused, with what to do
    with pytest.raises(InputError, match="readable by others") as refused:
        signing_key(keyed_by_file)
    assert refused.value.hint == f"chmod 600 {key}"


def test_requests_that_make_the_key_at_once_all_get_the_same_whole_key(tmp_path: Path) -> None:
    """The first requests to a new server each look for the key file: one makes it, and none may
    read it half written (they were refused with "the session key file is too short")."""
    for attempt in range(20):
        keyed_by_file = Settings(
            database_url=f"sqlite:///{tmp_path}/a.db",
            secret_key_file=tmp_path / f"k{attempt}" / "session.key",
        )
        start = threading.Barrier(8)

        def read(keyed: Settings = keyed_by_file, start: threading.Barrier = start) -> bytes:
            start.wait()
            return signing_key(keyed)

        with ThreadPoolExecutor(max_workers=8) as pool:
            keys = list(pool.map(lambda _: read(), range(8)))
        assert len(set(keys)) == 1 and len(keys[0]) == 64
        folder = tmp_path / f"k{attempt}"
        assert [p.name for p in folder.iterdir()] == ["session.key"]  # nothing left behind
        assert stat.S_IMODE((folder / "session.key").stat().st_mode) == 0o600


@pytest.mark.slow
def test_every_worker_of_a_server_accepts_the_session(db: Database, database_url: str) -> None:
    add_signing_user(db, "kr-desk", "editor", "KR")
    port = free_port()
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/signin", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        with signed_in(base, "kr-desk") as client:
            cookies = dict(client.cookies)
        # A new connection each time, so that both worker processes answer some of them.
        seen = {"kr-desk" in httpx.get(base + "/", cookies=cookies).text for _ in range(30)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    assert seen == {True}


def test_the_password_command_reads_stdin_and_checks_the_length(db: Database, database_url: str) -> None:
    from accord.services.users import add_user

    add_user(db, "kr-desk", role="editor", party="KR")
    env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "accord", "user", "password"]
    short = subprocess.run(
        [*command, "kr-desk", "--password-stdin"], input="short\n", capture_output=True, text=True, env=env
    )
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    done = subprocess.run(
        [*command, "kr-desk", "--password-stdin"], input=PASSWORD + "\n", capture_output=True, text=True,
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "password set for kr-desk" in done.stdout
    unknown = subprocess.run(
        [*command, "nobody", "--password-stdin"], input=PASSWORD + "\n", capture_output=True, text=True,
        env=env,
    )  # fmt: skip
    assert unknown.returncode == 1 and "no user 'nobody'" in unknown.stderr
    with pytest.raises(InputError):
        set_password(db, "kr-desk", "x" * 9)
    with pytest.raises(NotFound):
        set_password(db, "ghost", PASSWORD)
