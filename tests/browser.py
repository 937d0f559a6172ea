"""What the browser tests share: Debian's Chromium driven headless by Playwright (one browser per
test process, a new context per test), real uvicorn servers, and screenshots of every page visited.

Each test writes its screenshots to $ACCORD_SCREENSHOTS/<test name>/NN-name.png (by default the
git-ignored screenshots/ folder at the top of the repository). tests/conftest.py loads this
module as a plugin, so that every test module may ask for its fixtures.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from tests.conftest import EXAMPLES, ROOT
from tests.server import serving
from tests.webclient import PASSWORD, add_signing_user

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = Path(os.environ.get("ACCORD_SCREENSHOTS") or ROOT / "screenshots")
MOU = "us-kr-tpd-mou-2025"
FACT_SHEET = "us-kr-fact-sheet-2021"
USERS = (
    ("kr-editor", "editor", "KR"), ("us-editor", "editor", "US"),
    ("kr-sec", "secretariat", "KR"), ("us-sec", "secretariat", "US"),
)  # fmt: skip


@pytest.fixture(scope="session")
def loaded_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A database file with both example agreements and the users of USERS, built once per process."""
    path = tmp_path_factory.mktemp("loaded") / "loaded.db"
    shutil.copyfile(sqlite_template, path)
    db = Database.from_settings(Settings(database_url=f"sqlite:///{path}"))
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    for name, role, party in USERS:
        add_signing_user(db, name, role, party)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def serve_copy(template: Path, folder: Path, **options: bool) -> Iterator[tuple[str, Database]]:
    path = folder / "accord.db"
    shutil.copyfile(template, path)
    settings = Settings(database_url=f"sqlite:///{path}", **options)
    db = Database.from_settings(settings)
    with serving(create_app(settings, db)) as base:
        yield base, db
    db.dispose()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, loaded_template: Path) -> Iterator[tuple[str, Database]]:
    """Both example agreements on a real uvicorn server, shared by the tests of a module."""
    yield from serve_copy(loaded_template, tmp_path_factory.mktemp("browser"))


@pytest.fixture
def fresh_site(tmp_path: Path, loaded_template: Path) -> Iterator[tuple[str, Database]]:
    """A server of its own for a test that changes the record (each test may run in any process)."""
    yield from serve_copy(loaded_template, tmp_path, warm_charts=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per test process; the tests that use it are skipped without it."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium: apt-get install chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def open_page(browser, request: pytest.FixtureRequest, locale: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    folder = SHOTS / request.node.name.replace("[", "-").replace("]", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    opened.shots = folder
    opened.shot_count = 0
    yield opened
    context.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    yield from open_page(browser, request, "en-US")


def shoot(page, name: str, *, full_page: bool = True) -> None:  # type: ignore[no-untyped-def]
    """`full_page=False` keeps only the window, to show where the page was scrolled to."""
    page.shot_count += 1
    page.screenshot(path=str(page.shots / f"{page.shot_count:02d}-{name}.png"), full_page=full_page)


def api(base: str, path: str) -> object:
    return httpx.get(base + path).json()


def commitments_of(base: str, agreement: str, actor: str | None = None) -> list[dict[str, object]]:
    query = f"/api/v1/commitments?agreement={agreement}&limit=500" + (f"&actor={actor}" if actor else "")
    page = api(base, query)
    assert isinstance(page, dict) and page["next"] is None
    return page["items"]  # type: ignore[no-any-return]


SIGN_IN = {"en": ("Sign in", "Name", "Password"), "ko": ("로그인", "이름", "비밀번호")}


def sign_in(page, base: str, name: str, *, lang: str = "en") -> None:  # type: ignore[no-untyped-def]
    """Sign in through the header's link and the form, by their labels in the page's language."""
    action, name_label, password_label = SIGN_IN[lang]
    page.goto(base + "/")
    page.locator("header .who").get_by_role("link", name=action).click()
    page.get_by_label(name_label).fill(name)
    page.get_by_label(password_label).fill(PASSWORD)
    shoot(page, "sign-in")
    page.get_by_role("button", name=action).click()
    page.wait_for_url(base + "/")
    assert page.locator(".who .name").inner_text() == name
