"""The language of each request; the catalogues themselves live in `accord.i18n`, shared with
the reports."""

from __future__ import annotations

from starlette.requests import Request

from accord.i18n import (
    DEFAULT,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    error_text,
    gettext_callables,
    translate,
    translations,
)

__all__ = [
    "COOKIE",
    "DEFAULT",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "choose_language",
    "error_text",
    "gettext_callables",
    "translate",
    "translations",
]

COOKIE = "accord_lang"


def _accepted(header: str) -> list[tuple[float, str]]:
    ranked = []
    for position, item in enumerate(header.split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    return [(-q, tag) for q, _, tag in sorted(ranked) if q < 0]


def choose_language(request: Request) -> str:
    """`?lang=` first (remembered in a cookie), then the cookie, then Accept-Language, then English."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    for _quality, tag in _accepted(request.headers.get("accept-language", "")):
        if tag in LANGUAGES:
            return tag
    return DEFAULT
