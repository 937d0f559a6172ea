"""Reading the pages' forms and answering them: the one form layer of the pages.

Every field is checked here before a service is called, so that bad input shows the same page
again (400), filled in with what was sent, with the message and hint in the page's language
beside the field it is about (or atop the form when it is about the whole), and nothing is written.
A forbidden write raises and becomes the 403 page; a write the record's state refuses (a
lifecycle act, a stale version) shows the page again with the reason (409).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.domain.access import Principal
from accord.domain.lifecycle import Refused
from accord.errors import AccordError, InputError, NotFound
from accord.http.errors import http_status
from accord.http.visitors import Visitor
from accord.limits import MAX_ID
from accord.services.users import Unauthorized
from accord.services.versions import Stale
from accord.web import i18n
from accord.web.i18n import N_
from accord.web.render import render

EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
Key = Annotated[int, Path(ge=1, le=MAX_ID)]
Ref = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]

# No control characters but tab and line breaks (PostgreSQL refuses NUL; the others only hide text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$")


class FieldError(InputError):
    """A form field that cannot be used. `message` and `hint` are msgids, translated where shown;
    `values` fill the message's %(name)s placeholders after translation."""

    def __init__(self, message: str, *, hint: str = "", field: str | None = None, **values: object) -> None:
        super().__init__(message, hint=hint, field=field, values=values)


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong with a form, shown beside it, and what the form sent, refilled in it."""

    form: str
    message: str
    hint: str
    lang: str  # the language the message is in: the record's own messages are English
    status: int
    field: str | None = None  # the field the message is shown beside; None: atop the form
    sent: Mapping[str, object] = dataclasses.field(default_factory=dict)


def _none() -> None:
    return None


# A form page's function is also its GET route: shown by the route, with no problem (FastAPI fills
# this parameter with None, never from the request); shown again by a form handler, with the one it met.
ShownProblem = Annotated[Problem | None, Depends(_none)]


def problem(
    request: Request, form: str, error: AccordError, sent: Mapping[str, object] | None = None
) -> Problem:
    language = i18n.choose_language(request)
    message, hint = i18n.error_text(language, error)
    if isinstance(error, FieldError):
        return Problem(form, message, hint, language, 400, error.field, sent or {})
    # A record a field names but that does not exist is bad input to the form, not a missing page.
    status = 400 if isinstance(error, NotFound) else http_status(error)
    shown_in = language if message != error.message else "en"
    return Problem(form, message, hint, shown_in, status, error.field, sent or {})


def form_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    problem: Problem | None,
    *,
    alternate: str | None = None,
) -> HTMLResponse:
    """A page that holds forms, shown with the problem of the one that was sent (if any) and what it
    sent (`_forms.html` refills only that form), under the problem's status: 400 or 409, else 200."""
    return render(
        request,
        template,
        {**context, "problem": problem, "sent": problem.sent if problem else {}},
        status=problem.status if problem else 200,
        alternate=alternate,
    )


def acting_user(visitor: Visitor) -> Principal:
    if visitor.principal is None:
        raise Unauthorized(
            N_("Sign in to make changes."), hint=N_("Use the Sign in link at the top of the page.")
        )
    return visitor.principal


def submit(
    request: Request,
    visitor: Visitor,
    form: str,
    write: Callable[[Principal], str],
    again: Callable[[Problem], HTMLResponse],
    sent: Mapping[str, object] | None = None,
) -> Response:
    """Run `write` as the signed-in user and go to the page it names (303); on bad input (a field
    naming a record that does not exist included) or a refusal of the record's state, the page
    again with the problem and the `sent` values refilled. Forbidden propagates (403); so does a
    missing page, when shown again."""
    user = acting_user(visitor)
    try:
        target = write(user)
    except (InputError, NotFound, Refused, Stale) as error:
        return again(problem(request, form, error, sent))
    return RedirectResponse(target, status_code=303)


def optional_text(
    value: str, *, limit: int, single_line: bool = False, field: str | None = None
) -> str | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    if len(cleaned) > limit:
        raise FieldError(
            N_("The text is longer than %(limit)s characters."),
            hint=N_("Shorten it."),
            field=field,
            limit=limit,
        )
    if _CONTROL.search(cleaned) or (single_line and ("\n" in cleaned or "\r" in cleaned)):
        raise FieldError(
            N_("The text contains control characters or line breaks that cannot be stored."),
            hint=N_("Type the text again rather than pasting it."),
            field=field,
        )
    return cleaned


def text(value: str, *, limit: int, single_line: bool = False, field: str | None = None) -> str:
    cleaned = optional_text(value, limit=limit, single_line=single_line, field=field)
    if cleaned is None:
        raise FieldError(
            N_("This field is empty."), hint=N_("Write the text and send the form again."), field=field
        )
    return cleaned


def optional_day(value: str, *, field: str | None = None) -> dt.date | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    try:
        parsed = dt.date.fromisoformat(cleaned) if len(cleaned) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None or not EARLIEST <= parsed <= LATEST:
        raise FieldError(
            N_("“%(value)s” is not a date from 1900 to 2199."),
            hint=N_("Write dates as YYYY-MM-DD, e.g. 2026-03-01."),
            field=field,
            value=cleaned[:40],
        )
    return parsed


def day(value: str, *, field: str | None = None) -> dt.date:
    parsed = optional_day(value, field=field)
    if parsed is None:
        raise FieldError(
            N_("A date is needed."), hint=N_("Write dates as YYYY-MM-DD, e.g. 2026-03-01."), field=field
        )
    return parsed


# ASCII digits, few enough for int(): str.isdigit() also takes "²", which int() refuses, and
# int() refuses more than 4,300 digits.
_DIGITS = re.compile(r"[0-9]{1,12}")


def optional_number(value: str, *, field: str | None = None) -> int | None:
    cleaned = value.strip().lstrip("#")
    if not cleaned:
        return None
    if not _DIGITS.fullmatch(cleaned) or not 1 <= int(cleaned) <= MAX_ID:
        raise FieldError(
            N_("“%(value)s” is not a number that names a record."),
            hint=N_("Choose one from the list."),
            field=field,
            value=cleaned[:40],
        )
    return int(cleaned)


def number(value: str, *, field: str | None = None) -> int:
    parsed = optional_number(value, field=field)
    if parsed is None:
        raise FieldError(N_("A number is needed."), hint=N_("Choose one from the list."), field=field)
    return parsed


def version(value: str) -> int:
    """The hidden version field: the version of the record the form was read from."""
    cleaned = value.strip()
    if not _DIGITS.fullmatch(cleaned) or not 1 <= int(cleaned) <= 999_999_999:
        raise FieldError(
            N_("The form does not say which version of the record it was read from."),
            hint=N_("Reload the page and send the form again."),
        )
    return int(cleaned)


def choice(value: str, allowed: Collection[str], *, field: str | None = None) -> str:
    cleaned = value.strip()
    if cleaned not in allowed:
        raise FieldError(
            N_("“%(value)s” is not one of the choices offered."),
            hint=N_("Choose one from the list."),
            field=field,
            value=cleaned[:40] or "—",
        )
    return cleaned


def optional_choice(value: str, allowed: Collection[str], *, field: str | None = None) -> str | None:
    return choice(value, allowed, field=field) if value.strip() else None


def url(value: str, *, field: str | None = None) -> str | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    if len(cleaned) > 2000 or not _URL.match(cleaned):
        raise FieldError(
            N_("The evidence link must be a web address starting with http:// or https://."),
            hint=N_("e.g. https://www.korea.kr/…"),
            field=field,
        )
    return cleaned


def upload(value: UploadFile | str | None, *, limit: int) -> tuple[str, str | None, bytes] | None:
    """A file sent with the form: its name, the type the browser declared, and its bytes (one more
    than `limit` at most, for the service to refuse). None when no file was chosen."""
    if value is None or isinstance(value, str) or not value.filename:
        return None
    return value.filename, value.content_type, value.file.read(limit + 1)
