"""Shared request and response types of the API: ids, references, codes, texts, ETags, the error body.

Every constraint is declared in the types, so that it is in /openapi.json too and bad input is
refused with a 4xx before it reaches a service.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Protocol

from fastapi import Header, Path, Query, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from accord.domain.parties import CODE_PATTERN
from accord.domain.shapes import plain
from accord.errors import InputError
from accord.limits import MAX_ID
from accord.services.agreement_pages import MAX_LIMIT as MAX_AGREEMENTS

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)  # far enough for any term, near enough for date arithmetic never to overflow

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
AgreementRef = Annotated[
    str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="id or slug")
]

# No control characters but tab and line breaks: they would only hide text (and PostgreSQL refuses NUL).
_PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


_Printable = StringConstraints(pattern=_PRINTABLE)
_NotBlank = AfterValidator(_not_blank)
Name = Annotated[str, Field(min_length=1, max_length=500), _Printable, _NotBlank]
Line = Annotated[str, Field(min_length=1, max_length=2000), _Printable, _NotBlank]
Note = Annotated[str, Field(min_length=1, max_length=10_000), _Printable, _NotBlank]
LongText = Annotated[str, Field(min_length=1, max_length=1_000_000), _Printable, _NotBlank]


def _in_range(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return value


Day = Annotated[
    dt.date,
    AfterValidator(_in_range),
    Field(description=f"ISO 8601 date, YYYY-MM-DD, from {EARLIEST} to {LATEST}"),
]
PartyCode = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN),
    Field(description="a country's ISO 3166-1 alpha-2 code (US, KR) or an organisation's code (EU, ASEAN)"),
]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$"), Field(description="ISO 4217 code")]
Url = Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://[^\s\x00-\x1f\x7f]+$")]
# The words of a search (full-text or semantic) and how many hits it returns at the most.
SearchText = Annotated[str, Query(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f]+$")]
SearchLimit = Annotated[int, Query(ge=1, le=200)]
# A list of agreements a page at a time (GET /agreements, /partnerships/{key}): the `next` of the
# page before, and how many agreements to a page.
AgreementCursor = Annotated[int | None, Query(ge=1, le=MAX_ID, description="the `next` of the page before")]
AgreementLimit = Annotated[int, Query(ge=1, le=MAX_AGREEMENTS)]
IfMatch = Annotated[
    str | None,
    Header(max_length=40, pattern=r'^(W/)?"?[0-9]{1,9}"?$', description='the ETag you read, e.g. "3"'),
]


class Input(BaseModel):
    """A request body: unknown fields are refused rather than ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str


class ErrorOut(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": description}
    for status, description in (
        (400, "the input cannot be used as given"),
        (401, "no token, or not a valid one"),
        (403, "the token's user may not do this"),
        (404, "no such resource"),
        (409, "refused by the record's state, or made on a stale version"),
        (413, "the request body is larger than the limit"),
        (422, "the request does not match /openapi.json, or a document past accord's limits"),
    )
}

_ETAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


def etag(version: int) -> str:
    return f'"{version}"'


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


def tagged(response: Response, view: Versioned) -> dict[str, Any]:
    """The view's JSON, with its version as the response's ETag (what a change sends as If-Match)."""
    response.headers["ETag"] = etag(view.version)
    return plain(view)


def expected_version(if_match: str | None, what: str) -> int:
    """The version named by an If-Match header; a change without one would risk a lost update."""
    if if_match is None:
        raise InputError(
            f"a change to {what} needs If-Match with the ETag you read", hint=f"GET {what} first"
        )
    found = _ETAG.match(if_match.strip())
    if found is None:
        raise InputError(f"If-Match {if_match!r} is not an ETag of this API", hint='e.g. If-Match: "3"')
    return int(found.group(1))
