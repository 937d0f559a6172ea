"""English and Korean for every layer that shows text: the gettext catalogues, compiled in memory.

One catalogue serves the whole interface (the dashboard and the compliance report), so a
translator works in one file. The `.po` files are the only form committed: each is compiled
once per process with Babel (read_po → write_mo into memory), so no binary `.mo` file can drift
from its source. Translations are passed to each render (never installed in a shared Jinja
environment), so concurrent renders in different languages cannot mix.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import AccordError, InputError

if TYPE_CHECKING:
    # Babel and Jinja are imported where a catalogue is compiled or a template rendered: the
    # domain and services import this module for `N_`, and every read command imports them.
    from babel.support import Translations
    from jinja2.runtime import Context

LANGUAGES = ("en", "ko")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).with_name("locale")


def N_(message: str) -> str:
    """Marks a string for extraction (`pybabel extract -k N_`); it is translated where shown."""
    return message


def check_language(language: str, *, what: str = "language") -> str:
    if language not in LANGUAGES:
        raise InputError(f"unknown {what} {language!r}", hint=" or ".join(LANGUAGES))
    return language


@cache
def translations(language: str) -> Translations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    path = LOCALE_DIR / check_language(language) / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def translate(language: str, message: str) -> str:
    """A message in Python code (labels, error pages) in one language; one without a translation
    (a message of the record itself) is returned as it is. No %-formatting is applied."""
    if not message:
        return message  # gettext("") would return the catalogue's header
    return translations(language).gettext(message)


def error_text(language: str, error: AccordError) -> tuple[str, str]:
    """An error's message and hint in one language: each template translated, then filled with the
    error's values. A message with no translation stays in English."""
    message = translate(language, error.msgid)
    hint = translate(language, error.hint_msgid)
    if error.values:
        message = message % error.values
        hint = hint % error.values if "%(" in hint else hint
    return message, hint


def gettext_for(language: str) -> Callable[[str], str]:
    """`_` for Python code that writes a whole document in one language (`_("Summary")`)."""
    return lambda message: translate(language, message)


def gettext_callables(language: str) -> dict[str, Callable[..., Any]]:
    """`_`, `gettext` and `ngettext` for one render, in Jinja's "new style": variables are
    passed as keywords and escaped when the template autoescapes."""
    from jinja2 import pass_context
    from markupsafe import Markup

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
