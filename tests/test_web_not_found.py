"""An address no route answers: a browser asking for a page gets the HTML error page in its
language; the API and clients that ask for JSON (or for anything) keep the one JSON error shape."""

from __future__ import annotations

import httpx
import pytest

from accord.server.app import create_app
from accord.settings import Settings
from accord.storage.database import Database
from tests.server import serving

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.fixture
def base(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    with serving(create_app(settings, db)) as url:
        yield url


@pytest.mark.parametrize(
    ("language", "title", "hint"),
    [
        ("en", "Not found", "Follow a link from the overview"),
        ("ko", "찾을 수 없음", "개요"),
    ],
)
def test_a_browser_gets_the_error_page_in_its_language(
    base: str, language: str, title: str, hint: str
) -> None:
    answer = httpx.get(base + "/nope/deeper?x=<b>", headers={"Accept": BROWSER, "Accept-Language": language})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-language"] == language
    assert f'<html lang="{language}">' in answer.text
    assert title in answer.text and hint in answer.text
    assert 'href="/"' in answer.text and "<b>" not in answer.text


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/api/v1/nope", BROWSER),  # under /api/, JSON whatever the client prefers
        ("/nope", "application/json"),
        ("/nope", "application/json, text/html;q=0.5"),
        ("/nope", "*/*"),  # curl, httpx and scripts that name nothing
        ("/nope", ""),
    ],
)
def test_the_api_and_json_clients_get_the_json_error(base: str, path: str, accept: str) -> None:
    answer = httpx.get(base + path, headers={"Accept": accept})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["error"]["code"] == "not_found"
