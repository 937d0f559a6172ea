"""Issue 14, item 7: users listed, changed and removed, and the audit trail read — through the
services (admins only), the CLI, the API and the admin pages — and CLI lists of meetings and cycles."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest

from accord.domain.access import Forbidden, Principal, Role
from accord.errors import InputError, NotFound
from accord.server.app import create_app
from accord.services.assessments import open_cycle
from accord.services.audit_trail import audit_entries, audit_entry
from accord.services.ingest import ingest_paths
from accord.services.meetings import new_meeting
from accord.services.user_admin import change_user, list_users, remove_user
from accord.services.users import add_user, authenticate, new_token
from accord.settings import Settings
from accord.storage.database import Database
from tests.cli import accord_shell
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.server import serving
from tests.webclient import add_signing_user, csrf_of, signed_in

ADMIN = Principal("root", Role.ADMIN, None)
EDITOR = Principal("kr-editor", Role.EDITOR, "KR")
MOU = "us-kr-tpd-mou-2025"


def test_an_admin_lists_changes_and_removes_users_and_each_change_is_audited(db: Database) -> None:
    add_user(db, "root", role="admin")
    add_user(db, "kr-editor", role="editor", party="KR")
    token = new_token(db, "kr-editor")
    assert [(u.name, u.role, u.party) for u in list_users(db, by=ADMIN)] == [
        ("kr-editor", "editor", "KR"), ("root", "admin", None),
    ]  # fmt: skip
    changed = change_user(db, "kr-editor", role="secretariat", party="KR", by=ADMIN)
    assert (changed.role, changed.party) == ("secretariat", "KR")
    assert authenticate(db, token).role is Role.SECRETARIAT  # the token's next request sees the new role
    remove_user(db, "kr-editor", by=ADMIN)
    assert [u.name for u in list_users(db, by=ADMIN)] == ["root"]
    with pytest.raises(Exception, match="not valid"):
        authenticate(db, token)
    trail = audit_entries(db, by=ADMIN, target="user:kr-editor")
    assert [(e.action, e.actor) for e in trail][:2] == [("user_remove", "root"), ("user_change", "root")]
    assert trail[1].before == {"role": "editor", "party": "KR"}
    assert trail[1].after == {"role": "secretariat", "party": "KR"}


def test_only_an_admin_may_administer_and_a_refusal_changes_nothing(db: Database) -> None:
    add_user(db, "root", role="admin")
    add_user(db, "kr-editor", role="editor", party="KR")
    before = row_counts(db)
    for attempt in (
        lambda: list_users(db, by=EDITOR),
        lambda: change_user(db, "kr-editor", role="admin", party=None, by=EDITOR),
        lambda: remove_user(db, "root", by=EDITOR),
        lambda: audit_entries(db, by=EDITOR),
    ):
        with pytest.raises(Forbidden):
            attempt()
    bad = (
        (lambda: change_user(db, "kr-editor", role="editor", party=None, by=ADMIN), "acts for one party"),
        (lambda: change_user(db, "kr-editor", role="viewer", party="KR", by=ADMIN), "not bound to a party"),
        (lambda: change_user(db, "kr-editor", role="emperor", party=None, by=ADMIN), "unknown role"),
        (lambda: change_user(db, "root", role="viewer", party=None, by=ADMIN), "their own admin role"),
        (lambda: remove_user(db, "root", by=ADMIN), "may not remove themself"),
    )
    for attempt, message in bad:
        with pytest.raises(InputError, match=message):
            attempt()
    with pytest.raises(NotFound):
        remove_user(db, "nobody", by=ADMIN)
    with pytest.raises(NotFound):
        audit_entry(db, 10_000, by=ADMIN)
    assert row_counts(db) == before


def test_the_audit_trail_reads_newest_first_pages_on_and_filters(db: Database) -> None:
    for n in range(5):
        add_user(db, f"user-{n}", role="viewer")
    newest = audit_entries(db, by=None, limit=2)
    assert [e.target for e in newest] == ["user:user-4", "user:user-3"] and all(e.intact for e in newest)
    older = audit_entries(db, by=None, limit=2, before=newest[-1].id)
    assert [e.target for e in older] == ["user:user-2", "user:user-1"]
    assert [e.target for e in audit_entries(db, by=None, target="user:user-0")] == ["user:user-0"]
    assert len(audit_entries(db, by=None, target="user", action="user_add")) == 5
    assert audit_entry(db, newest[0].id, by=None).after == {"role": "viewer", "party": None}


def test_the_cli_lists_changes_removes_users_and_reads_the_audit(database_url: str, db: Database) -> None:
    with accord_shell(database_url) as accord:
        ingest_paths(db, [EXAMPLES / f"{MOU}.txt"], by=None)
        add_user(db, "kr-editor", role="editor", party="KR")
        new_meeting(db, MOU, on=dt.date(2026, 3, 1), place="Seoul", by=None)
        open_cycle(db, MOU, kind="interim", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), by=None)
        listed = accord("user", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout) == [
            {"name": "kr-editor", "role": "editor", "party": "KR", "may_sign_in": False}
        ]
        changed = accord("user", "change", "kr-editor", "--role", "editor")
        said = changed.stderr + changed.stdout
        assert (
            changed.returncode == 1
            and "acts for one party" in said
            and "Hint: name the party, e.g. KR" in said
        )
        changed = accord("user", "change", "kr-editor", "--role", "secretariat", "--party", "KR")
        assert changed.returncode == 0 and "kr-editor: secretariat for KR" in changed.stdout
        trail = accord("audit", "list", "--action", "user_change", "--json")
        (record,) = json.loads(trail.stdout)
        assert record["before"] == {"role": "editor", "party": "KR"} and record["target"] == "user:kr-editor"
        shown = accord("audit", "show", str(record["id"]))
        assert shown.returncode == 0 and "secretariat" in shown.stdout and "intact: yes" in shown.stdout
        table = accord("audit", "list", "--limit", "3")
        assert "user_change" in table.stdout and "older records: --before" in table.stdout
        removed = accord("user", "remove", "kr-editor")
        assert removed.returncode == 0 and list_users(db, by=None) == []
        meetings = accord("meeting", "list", MOU, "--json")
        assert [(m["held_on"], m["place"]) for m in json.loads(meetings.stdout)] == [("2026-03-01", "Seoul")]
        cycles = accord("assess", "cycles", MOU)
        assert cycles.returncode == 0 and "interim" in cycles.stdout and "preliminary" in cycles.stdout


@pytest.fixture
def site(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    add_signing_user(db, "root", "admin")
    add_signing_user(db, "kr-editor", "editor", "KR")
    with serving(create_app(settings, db)) as base:
        yield base


def test_the_api_administers_users_and_reads_the_audit_for_admins_only(db: Database, site: str) -> None:
    admin = {"Authorization": f"Bearer {new_token(db, 'root')}"}
    editor = {"Authorization": f"Bearer {new_token(db, 'kr-editor')}"}
    assert httpx.get(f"{site}/api/v1/users").status_code == 401
    assert httpx.get(f"{site}/api/v1/users", headers=editor).status_code == 403
    assert httpx.get(f"{site}/api/v1/audit", headers=editor).status_code == 403
    listed = httpx.get(f"{site}/api/v1/users", headers=admin).json()
    assert [u["name"] for u in listed] == ["kr-editor", "root"]
    refused = httpx.patch(f"{site}/api/v1/users/kr-editor", json={"role": "editor"}, headers=admin)
    assert refused.status_code == 400 and refused.json()["error"]["message"] == "an editor acts for one party"
    changed = httpx.patch(
        f"{site}/api/v1/users/kr-editor", json={"role": "secretariat", "party": "KR"}, headers=admin
    )
    assert changed.status_code == 200 and changed.json()["role"] == "secretariat"
    trail = httpx.get(f"{site}/api/v1/audit?action=user_change", headers=admin).json()
    assert [r["target"] for r in trail] == ["user:kr-editor"]
    one = httpx.get(f"{site}/api/v1/audit/{trail[0]['id']}", headers=admin).json()
    assert one["after"] == {"role": "secretariat", "party": "KR"} and one["intact"] is True
    assert httpx.delete(f"{site}/api/v1/users/kr-editor", headers=editor).status_code in (401, 403)
    assert httpx.delete(f"{site}/api/v1/users/kr-editor", headers=admin).status_code == 204
    assert httpx.get(f"{site}/api/v1/users", headers=editor).status_code == 401  # its token went with it


def test_the_admin_pages_change_remove_and_show_the_trail(db: Database, site: str) -> None:
    with signed_in(site, "kr-editor") as client:
        assert client.get("/admin/users").status_code == 403
        assert client.get("/admin/audit").status_code == 403
    with httpx.Client(base_url=site) as anonymous:
        assert anonymous.get("/admin/users").status_code == 401
    with signed_in(site, "root") as client:
        page = client.get("/admin/users")
        assert page.status_code == 200 and 'data-user="kr-editor"' in page.text
        before = row_counts(db)
        refused = client.post(
            "/admin/users/change",
            data={"csrf": csrf_of(page.text), "name": "kr-editor", "role": "editor", "party": ""},
        )
        # The page again, the row's form filled in with what was sent and the problem atop it;
        # nothing changed.
        assert refused.status_code == 400 and row_counts(db) == before
        row = refused.text.split('data-user="kr-editor"')[1].split("</tr>")[0]
        assert 'id="problem"' in row and 'id="change-kr-editor-party-error"' in row
        assert "an editor acts for one party" in row.split('id="change-kr-editor-party-error"')[1]
        assert '<option value="editor" selected>' in row
        done = client.post(
            "/admin/users/change",
            data={"csrf": csrf_of(page.text), "name": "kr-editor", "role": "analyst", "party": ""},
        )
        assert done.status_code == 303
        assert [(u.name, u.role) for u in list_users(db, by=None)] == [
            ("kr-editor", "analyst"),
            ("root", "admin"),
        ]
        gone = client.post("/admin/users/removal", data={"csrf": csrf_of(page.text), "name": "kr-editor"})
        assert gone.status_code == 303 and [u.name for u in list_users(db, by=None)] == ["root"]
        trail = client.get("/admin/audit?target=user:kr-editor")
        assert "user_remove" in trail.text and "user_change" in trail.text
        record = audit_entries(db, by=None, action="user_change")[0]
        shown = client.get(f"/admin/audit/{record.id}").text
        assert "&#34;role&#34;: &#34;analyst&#34;" in shown and "&#34;role&#34;: &#34;editor&#34;" in shown


def test_two_admins_removing_each_other_at_once_leave_one(db: Database, database_url: str) -> None:
    """The acting admin is read again inside the write transaction: of two admins who remove
    each other at the same instant, the one whose removal commits first has gone when the
    other's turn comes, so one admin always remains (real HTTP, two server processes)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from tests.server import serving_workers

    rounds = 6
    pairs = []
    for n in range(rounds):
        first, second = f"admin-a{n}", f"admin-b{n}"
        add_user(db, first, role="admin")
        add_user(db, second, role="admin")
        pairs.append(((first, new_token(db, first)), (second, new_token(db, second))))
    outcomes = []
    with serving_workers(database_url) as (base, _server), httpx.Client(base_url=base, timeout=60) as client:
        for (first, first_token), (second, second_token) in pairs:
            barrier = threading.Barrier(2)

            def remove(target: str, token: str, barrier: threading.Barrier = barrier) -> int:
                barrier.wait()
                headers = {"Authorization": f"Bearer {token}"}
                return client.delete(f"/api/v1/users/{target}", headers=headers).status_code

            with ThreadPoolExecutor(2) as pool:
                codes = sorted(pool.map(remove, (second, first), (first_token, second_token)))
            outcomes.append(codes)
            left = {u.name for u in list_users(db, by=None)}
            assert len(left & {first, second}) == 1, (codes, left)
    assert all(codes[0] == 204 and codes[1] in (401, 403) for codes in outcomes), outcomes
