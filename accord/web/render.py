"""Rendering pages: one autoescaping Jinja environment, the per-request context (language,
visitor, CSRF token, labels), and error pages for the page routes."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from accord import __version__
from accord.domain.parties import all_parties
from accord.errors import AccordError
from accord.http.errors import http_status
from accord.http.visitors import Visitor, csrf_token, read_visitor, send_cookie
from accord.i18n import explanations, labels
from accord.i18n.money import amount_text
from accord.web import i18n
from accord.web.i18n import N_

ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,  # every template, whatever its name
    undefined=StrictUndefined,
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
# Translations are never installed here (the environment is shared by every request); each
# render passes its own `_`, `gettext` and `ngettext`. New style: `_("%(n)s left", n=3)`.
ENVIRONMENT.newstyle_gettext = True  # type: ignore[attr-defined]

# An amount as the page's language writes it, `{{ amount_text(value, currency, lang) }}`: no cents
# for KRW, and 억 and 조 in Korean.
ENVIRONMENT.globals["amount_text"] = amount_text

LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


def party_name(language: str, code: str | None) -> str:
    if not code:
        return ""
    known = all_parties().get(code)
    if known is None:
        return code
    return known.name_ko if language == "ko" else known.name_en


def party_list(language: str, codes: Iterable[str]) -> Markup:
    """Party names joined by " · ", each kept whole on its line: eight parties wrap between names,
    never inside one ("United / Kingdom")."""
    return Markup(" · ").join(
        Markup('<span class="party">{}</span>').format(party_name(language, c)) for c in codes
    )


def with_query(request: Request, **changes: str | None) -> str:
    """This page's path with some query parameters replaced (None drops one)."""
    params = {key: value for key, value in request.query_params.items() if key not in changes}
    params.update({key: value for key, value in changes.items() if value is not None})
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def page_context(request: Request, visitor: Visitor) -> dict[str, Any]:
    language = i18n.choose_language(request)
    translate = i18n.translations(language).gettext

    def label(kind: str, value: str | None) -> str:
        if value is None:
            return ""
        known = labels.VOCABULARIES[kind].get(value)
        return translate(known) if known else value

    return {
        **i18n.gettext_callables(language),
        "request": request,
        "lang": language,
        "languages": [
            (code, LANGUAGE_NAMES[code], with_query(request, lang=code)) for code in i18n.LANGUAGES
        ],
        "visitor": visitor,
        "principal": visitor.principal,
        "csrf": csrf_token(request, visitor),
        "label": label,
        "explain": lambda line: explanations.explain(language, line),
        "party": lambda code: party_name(language, code),
        "parties": lambda codes: party_list(language, codes),
        "version": __version__,
        "alternate": None,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    alternate: str | None = None,
) -> HTMLResponse:
    """A page in the request's language; `alternate` names the JSON resource with the same data."""
    visitor = read_visitor(request)
    full = page_context(request, visitor)
    full["alternate"] = alternate
    full.update(context)
    response = HTMLResponse(ENVIRONMENT.get_template(template).render(full), status_code=status)
    response.headers["Content-Language"] = full["lang"]
    response.headers["Cache-Control"] = "no-store"  # pages show who is signed in and carry CSRF tokens
    if alternate:
        response.headers["Link"] = f'<{alternate}>; rel="alternate"; type="application/json"'
    remember_language(request, response)
    send_cookie(request, response, read_visitor(request))
    return response


def remember_language(request: Request, response: Response) -> None:
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != asked:
        response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, path="/", samesite="lax")


TITLES = {
    400: N_("This request cannot be used as sent"),
    401: N_("Please sign in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    409: N_("Not possible now"),
}


def error_page(request: Request, status: int, message: str, hint: str = "") -> HTMLResponse:
    """An error in the request's language where the page wrote the message; the record's own
    messages (from accord.services) are shown in it where the catalogue has them, else in English."""
    language = i18n.choose_language(request)
    shown = i18n.translate(language, message), i18n.translate(language, hint)
    return _error_page(request, status, language, (message, hint), shown)


def record_error_page(request: Request, error: AccordError) -> HTMLResponse:
    """The page for an error of the record, its message and hint translated where they can be."""
    language = i18n.choose_language(request)
    shown = i18n.error_text(language, error)
    return _error_page(request, http_status(error), language, (error.message, error.hint), shown)


def _error_page(
    request: Request, status: int, language: str, english: tuple[str, str], shown: tuple[str, str]
) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": TITLES.get(status, N_("Something went wrong")),
         "message": shown[0], "hint": shown[1],
         # Untranslated: the record's own English message, marked as such for the page's language.
         "message_lang": "en" if shown[0] == english[0] else language,
         "hint_lang": "en" if shown[1] == english[1] else language},
        status=status,
    )  # fmt: skip


NO_PAGE = N_("There is no page at this address.")
NO_PAGE_HINT = N_("Follow a link from the overview, or search for what you are looking for.")


def no_such_page(request: Request) -> HTMLResponse:
    """The 404 page for an address no route answers, when a browser asked for a page."""
    return error_page(request, 404, NO_PAGE, NO_PAGE_HINT)


def _invalid(error: RequestValidationError) -> str:
    first = error.errors()[0] if error.errors() else {}
    where = str(first.get("loc", ("", ""))[-1])
    return f"{where}: {first.get('msg', 'invalid value')}"


class PageRoute(APIRoute):
    """A page route: errors of the record and malformed input render as HTML pages with the
    message and hint (the API keeps its JSON error shape)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except AccordError as error:
                return await run_in_threadpool(record_error_page, request, error)
            except RequestValidationError as error:
                return await run_in_threadpool(
                    error_page, request, 400, _invalid(error), N_("Check the form and send it again.")
                )

        return page_handler
