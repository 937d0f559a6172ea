"""The JSON form of a read model, defined by the model itself: its fields in order, dates as ISO
strings. One function for every face (the API, the pages' JSON twins, `--json`, the exports), so
a model is written once; the API uses the same dataclass as its response model, so /openapi.json
documents that very shape.

Where the JSON differs from a field, the field says so in its annotation: `Annotated[T, HIDDEN]`
leaves it out, `Field(serialization_alias=...)` renames it, the types below write numbers and
times, and pydantic's `computed_field` adds a property after the fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal
from typing import Annotated, Any, get_type_hints

from pydantic import Field, PlainSerializer, TypeAdapter

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}  # building one costs milliseconds: once per model


def _adapter(kind: type) -> TypeAdapter[Any]:
    known = _ADAPTERS.get(kind)
    if known is None:
        known = _ADAPTERS[kind] = TypeAdapter(kind)
    return known


def plain(value: Any) -> Any:
    """`value` (a dataclass) as plain JSON values."""
    if not isinstance(value, Shape):
        shaped = getattr(value, "as_json", None)
        if shaped is not None:
            return shaped()
    return _adapter(type(value)).dump_python(value, mode="json", by_alias=True)


def shown_fields(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields that its JSON shows (all but the HIDDEN), in order."""
    hints = get_type_hints(kind, include_extras=True)
    return tuple(
        field.name for field in fields(kind) if HIDDEN not in getattr(hints[field.name], "__metadata__", ())
    )


class Shape:
    """A read model (a dataclass) whose JSON is `plain(model)`, also as `model.as_json()`."""

    __slots__ = ()

    def as_json(self) -> Any:
        return plain(self)


def json_number(value: Decimal | float) -> int | float:
    """An amount as JSON writes it, everywhere: a whole number as an integer, else a float."""
    number = float(value)
    return int(value) if number.is_integer() else number


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _rounded(value: float) -> float:
    return round(value, 4)


HIDDEN = Field(exclude=True)  # a field of the model that its JSON leaves out
Number = Annotated[Decimal, PlainSerializer(json_number, return_type=int | float)]
# A sum that the overview has always written as a float (1000000.0), where Number writes 1000000.
Total = Annotated[Decimal | None, PlainSerializer(_float, return_type=float | None)]
Rounded = Annotated[float, PlainSerializer(_rounded, return_type=float)]  # to 4 decimals
IsoTime = Annotated[dt.datetime, PlainSerializer(dt.datetime.isoformat, return_type=str)]  # "+00:00", not "Z"
