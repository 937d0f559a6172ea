"""A route class for a hot read endpoint whose parameters are all plain query parameters: the
common request skips FastAPI's dependency solving; anything else takes FastAPI's own path.

FastAPI looks every query parameter's annotation over again on each request (a quarter of a
millisecond for the commitment list's ten, a tenth of the request). Here the parameters' checks
are read once from the route's own declaration (the same `Query(...)` the OpenAPI description
is made from): a string's maximum length and pattern, an integer's bounds. A request whose
values are all plain — printable ASCII, integers written as digits without a leading zero, no
parameter twice, no token nor session cookie, a public deployment — is checked against them
and the endpoint called with the values as FastAPI would give them; any other request (a date,
an empty value, a value out of bounds, a signed-in caller) goes through FastAPI unchanged, so
its answer, an error included, is FastAPI's own. So every answer is the one FastAPI would give.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen
from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic.types import StringConstraints

from accord.http.deps import COOKIE, Db, get_db, reader
from accord.settings import Settings

_PLAIN = re.compile(r"[\x20-\x7e]*")  # printable ASCII: what every check below reads alike
_DIGITS = re.compile(r"0|[1-9][0-9]{0,9}")  # what pydantic reads as that integer, and nothing else
_DB = get_args(Db)[1].dependency  # the `db: Db` parameter's dependency


@dataclass(frozen=True, slots=True)
class _Check:
    name: str
    kind: type  # str or int
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    ge: int | None = None
    le: int | None = None

    def value(self, text: str) -> Any:
        """The value FastAPI would pass, or None where FastAPI must decide (it may refuse)."""
        if self.kind is int:
            if not _DIGITS.fullmatch(text):
                return None
            number = int(text)
            if (self.ge is not None and number < self.ge) or (self.le is not None and number > self.le):
                return None
            return number
        if self.max_length is not None and len(text) > self.max_length:
            return None
        if self.pattern is not None and not self.pattern.search(text):
            return None
        return text


def _check(name: str, annotation: Any, metadata: list[Any]) -> _Check | None:
    """The checks of a parameter of a kind read here (an optional or required str or int with
    lengths, bounds and a pattern); None for any other (a date, a list...)."""
    if get_origin(annotation) in (Union, types.UnionType):
        present = [arm for arm in get_args(annotation) if arm is not type(None)]
        if len(present) != 1:
            return None
        annotation = present[0]
    constraints = list(metadata)
    if get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        constraints += more
    if annotation not in (str, int):
        return None
    found: dict[str, Any] = {}
    for constraint in constraints:
        if isinstance(constraint, MaxLen):
            found["max_length"] = constraint.max_length
        elif isinstance(constraint, Ge):
            found["ge"] = int(constraint.ge)  # type: ignore[call-overload]
        elif isinstance(constraint, Le):
            found["le"] = int(constraint.le)  # type: ignore[call-overload]
        elif isinstance(constraint, StringConstraints):
            others = {
                key: getattr(constraint, key)
                for key in ("strip_whitespace", "to_upper", "to_lower", "strict", "min_length", "ascii_only")
            }
            if any(value is not None for value in others.values()):
                return None
            if constraint.max_length is not None:
                found["max_length"] = constraint.max_length
            if constraint.pattern is not None:
                found["pattern"] = re.compile(str(constraint.pattern))
        elif type(constraint).__name__ != "FieldInfo":  # a description
            return None
    return _Check(name, annotation, **found)


class QuickParameters:
    """A route's query parameters, with the checks read from its declaration."""

    def __init__(self, route: APIRoute) -> None:
        self.defaults: dict[str, Any] = {}
        self.checks: dict[str, _Check | None] = {}
        for field in route.dependant.query_params:
            info = field.field_info
            self.checks[field.alias] = _check(field.name, info.annotation, list(info.metadata))
            self.defaults[field.name] = None if info.is_required() else info.default

    def values(self, request: Request) -> dict[str, Any] | None:
        """Every parameter as the endpoint's argument, or None for FastAPI to decide."""
        if "authorization" in request.headers or COOKIE in request.cookies:
            return None  # a caller to identify, as the `reader` dependency does
        settings: Settings = request.app.state.settings
        if not settings.public_read:
            return None
        values: dict[str, Any] = {}
        for key, text in request.query_params.multi_items():
            if key not in self.checks:
                continue  # FastAPI ignores a parameter it does not declare
            check = self.checks[key]
            if check is None or check.name in values or not text or not _PLAIN.fullmatch(text):
                return None
            value = check.value(text)
            if value is None:
                return None
            values[check.name] = value
        return {**self.defaults, **values}


class QuickQueryRoute(APIRoute):
    """For an endpoint `async def endpoint(db: Db, <query parameters>) -> Response` on a router
    whose only other dependency is `reader`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        slow = super().get_route_handler()
        if {dependency.call for dependency in self.dependant.dependencies} - {_DB, reader}:
            return slow  # a dependency this does not know how to skip
        self.parameters = QuickParameters(self)
        endpoint = typing.cast(Callable[..., Coroutine[Any, Any, Response]], self.endpoint)

        async def handler(request: Request) -> Response:
            values = self.parameters.values(request)
            if values is None:
                return await slow(request)
            return await endpoint(get_db(request), **values)

        return handler
