"""The database is found the same way from every folder (issue 14, item 2): by default a SQLite
file in the user's data directory, ACCORD_DATABASE_URL to choose another, `accord db status` to
say which. Run from another folder, a command used to make an empty accord.db there and report
"no agreement"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

MOU = EXAMPLES / "us-kr-tpd-mou-2025.txt"


def accord(
    *args: str, cwd: Path, data_home: Path, url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_DATABASE_URL"}
    env |= {"XDG_DATA_HOME": str(data_home), "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    if url is not None:
        env["ACCORD_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "accord", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_every_folder_uses_the_one_database_in_the_user_data_directory(tmp_path: Path) -> None:
    home, first, second = tmp_path / "data", tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    expected = home / "accord" / "accord.db"

    status = accord("db", "status", cwd=first, data_home=home)
    assert status.returncode == 0, status.stderr
    assert f"file: {expected}" in status.stdout and "not created yet" in status.stdout
    assert not expected.exists()  # asking where it is does not create it

    stored = accord("ingest", str(MOU), cwd=first, data_home=home)
    assert stored.returncode == 0, stored.stderr
    listed = accord("agreements", "--json", cwd=second, data_home=home)
    assert listed.returncode == 0, listed.stderr
    assert [a["slug"] for a in json.loads(listed.stdout)] == ["us-kr-tpd-mou-2025"]
    assert expected.is_file() and oct(expected.stat().st_mode & 0o777) == "0o600"
    assert not list(first.iterdir()) and not list(second.iterdir())  # no stray accord.db anywhere

    status = accord("db", "status", cwd=second, data_home=home)
    assert "(default: the user's data directory)" in status.stdout
    assert "schema: revision" in status.stdout and "(current)" in status.stdout
    assert "agreements: 1" in status.stdout


def test_accord_database_url_overrides_and_status_names_it(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere" / "mine.db"
    chosen.parent.mkdir()
    url = f"sqlite:///{chosen}"
    assert accord("db", "upgrade", cwd=tmp_path, data_home=tmp_path / "data", url=url).returncode == 0
    status = accord("db", "status", cwd=ROOT, data_home=tmp_path / "data", url=url)
    assert f"file: {chosen}" in status.stdout and "from ACCORD_DATABASE_URL" in status.stdout
    assert "agreements: 0" in status.stdout
    assert not (tmp_path / "data").exists()


def test_an_old_accord_db_in_the_working_folder_is_pointed_out(tmp_path: Path) -> None:
    """Before, the database was ./accord.db: a user upgrading would see an empty record without a word."""
    old = tmp_path / "project"
    old.mkdir()
    url = f"sqlite:///{old / 'accord.db'}"
    assert accord("ingest", str(MOU), cwd=old, data_home=tmp_path / "data", url=url).returncode == 0

    listed = accord("agreements", "--json", cwd=old, data_home=tmp_path / "data")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert f"Note: {old / 'accord.db'} in this folder is not used" in listed.stderr
    assert f"ACCORD_DATABASE_URL=sqlite:///{old / 'accord.db'}" in listed.stderr
    status = accord("db", "status", cwd=old, data_home=tmp_path / "data")
    assert f"note: {old / 'accord.db'} in this folder is not used" in status.stdout
