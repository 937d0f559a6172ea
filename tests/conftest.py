"""Fixtures that build cheap real objects: a migrated SQLite file, a real PostgreSQL database."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpx import _config as httpx_config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from accord.settings import Settings
from accord.storage import schema
from accord.storage.database import Database, make_engine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "us-kr"
SEEDS = Path(__file__).resolve().parent / "corpus" / "seeds"
POSTGRES_ENV = "ACCORD_TEST_POSTGRES_URL"
# The browser tests' fixtures (Chromium, servers, screenshots), for any module that asks for them.
pytest_plugins = ["tests.browser"]
POSTGRES_SKIP = (
    f"PostgreSQL tests skipped: set {POSTGRES_ENV}=postgresql+psycopg://USER@HOST:PORT/DB, "
    "or run `make test-postgres`, which starts a throwaway server (needs `apt-get install postgresql`)"
)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """argon2 at its cheapest parameters for the passwords and tokens the tests hash in-process.
    At the standard parameters each hash costs ~125 ms by design, and the suite makes hundreds;
    checking a hash reads its parameters from the hash itself, so servers started by the tests
    check these cheaply too. Still argon2, still salted: what the tests assert holds the same."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from accord.services import sessions, users

    cheap = PasswordHasher.from_parameters(CHEAPEST)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sessions, "_HASHER", cheap)
        patch.setattr(users, "_HASHER", cheap)
        yield


@pytest.fixture(autouse=True, scope="session")
def patient_http_clients() -> Iterator[None]:
    """httpx gives up on an answer after 5 s by default: a timing assertion hidden in every test
    that talks to a server, and one a loaded machine breaks (a process's first overview imports
    matplotlib and draws its charts; under the whole suite beside other work, even a 422 has
    taken longer). Those tests failed only under load and passed alone, and some calls had been
    given `timeout=30` or `60` one by one. Tests assert behaviour, not speed: every client made
    without a timeout of its own waits up to two minutes, which still ends a hang."""
    default = httpx_config.DEFAULT_TIMEOUT_CONFIG  # the default of httpx.get and httpx.Client
    kept = (default.connect, default.read, default.write, default.pool)
    default.connect = default.read = default.write = default.pool = 120.0
    yield
    default.connect, default.read, default.write, default.pool = kept


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
    schema.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(POSTGRES_SKIP)
    name = f"accord_tpl_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=url))
    schema.upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _fresh_postgres(template: str) -> Iterator[str]:
    server = os.environ[POSTGRES_ENV]
    name = f"accord_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "accord.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        yield from _fresh_postgres(request.getfixturevalue("postgres_template"))


@pytest.fixture
def settings(database_url: str) -> Settings:
    # No background chart drawing in the many short-lived test servers (tests/test_chart_warmer.py
    # tests it): each would import matplotlib and draw every chart twice.
    return Settings(database_url=database_url, warm_charts=False)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database.from_settings(settings)
    yield database
    database.dispose()
