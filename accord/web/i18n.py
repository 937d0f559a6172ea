"""English and Korean: gettext catalogues compiled in memory, and the language of each request.

The `.po` files are the only form committed: each is compiled once per process with Babel
(read_po → write_mo into memory), so no binary `.mo` file can drift from its source. Each
request renders with its own translations, passed in the template context (never installed in
the shared Jinja environment), so concurrent requests in different languages cannot mix.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.requests import Request

LANGUAGES = ("en", "ko")
DEFAULT = "en"
COOKIE = "accord_lang"
LOCALE_DIR = Path(__file__).with_name("locale")


def N_(message: str) -> str:
    """Marks a string for extraction (`pybabel extract -k N_`); it is translated where shown."""
    return message


@cache
def translations(language: str) -> Translations:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


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


def gettext_callables(language: str) -> dict[str, Callable[..., Any]]:
    """`_`, `gettext` and `ngettext` for one render, in Jinja's "new style": variables are
    passed as keywords and escaped when the template autoescapes."""
    catalog = translations(language)

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        text = catalog.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables  # always, as Jinja does: a literal % is written %%

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int, **variables: Any) -> str:
        variables.setdefault("num", count)
        text = catalog.ngettext(singular, plural, count)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def translate(language: str, message: str) -> str:
    """A message in Python code (labels, error pages) in one language; one without a translation
    (a message of the record itself) is returned as it is. No %-formatting is applied."""
    if not message:
        return message  # gettext("") would return the catalogue's header
    return translations(language).gettext(message)
