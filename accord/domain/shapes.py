"""The JSON form of a read model, defined by the model itself: its fields in order, dates as ISO
strings. One function for every face (the API, the pages' JSON twins, `--json`, the exports), so
a model is written once; the API uses the same dataclass as its response model, so /openapi.json
documents that very shape.

Where the JSON differs from a field, the field says so in its annotation: `Annotated[T, HIDDEN]`
leaves it out, `Field(serialization_alias=...)` (or `shapes.renamed(...)`) renames it, the types below write numbers and
times, and pydantic's `computed_field` adds a property after the fields.

pydantic is imported on first need, not with this module: importing it costs a read command of the
CLI more than its whole start-up budget (issue 14). So HIDDEN and the serializing types are made
when first asked for (a model that must stay importable without pydantic writes `shapes.HIDDEN`,
which is looked up only when its annotations are read), and while pydantic is not loaded `plain`
writes the JSON itself (`accord.domain.plain_json`), falling back to pydantic for anything it does
not know.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any, get_type_hints

from accord.domain import plain_json

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    HIDDEN: Any
    Number: Any
    Total: Any
    Rounded: Any
    IsoTime: Any

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}  # building one costs milliseconds: once per model


def _adapter(kind: type) -> TypeAdapter[Any]:
    known = _ADAPTERS.get(kind)
    if known is None:
        from pydantic import TypeAdapter

        known = _ADAPTERS[kind] = TypeAdapter(kind)
    return known


def plain(value: Any) -> Any:
    """`value` (a dataclass) as plain JSON values."""
    if not isinstance(value, Shape):
        shaped = getattr(value, "as_json", None)
        if shaped is not None:
            return shaped()
    if "pydantic" not in sys.modules:
        try:
            return plain_json.dump(value)
        except plain_json.NeedsPydantic:
            pass
    return plain_with_pydantic(value)


def plain_with_pydantic(value: Any) -> Any:
    """`value` (a dataclass) as pydantic writes it in JSON mode: what `plain_json` must match."""
    return _adapter(type(value)).dump_python(value, mode="json", by_alias=True)


def shown_fields(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields that its JSON shows (all but the HIDDEN), in order."""
    if "pydantic" not in sys.modules:
        try:
            return plain_json.shown_fields(kind)
        except plain_json.NeedsPydantic:
            pass
    hints = get_type_hints(kind, include_extras=True)
    hidden = __getattr__("HIDDEN")
    return tuple(
        field.name for field in fields(kind) if hidden not in getattr(hints[field.name], "__metadata__", ())
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


def json_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def json_rounded(value: float) -> float:
    return round(value, 4)


def renamed(alias: str) -> Any:
    """`Field(serialization_alias=alias)`, for a model that must stay importable without pydantic:
    called only when its annotations are read."""
    from pydantic import Field

    return Field(serialization_alias=alias)


def _made(name: str) -> Any:
    """HIDDEN and the serializing types, built with pydantic when first asked for."""
    from typing import Annotated

    from pydantic import Field, PlainSerializer

    return {
        "HIDDEN": Field(exclude=True),  # a field of the model that its JSON leaves out
        "Number": Annotated[Decimal, PlainSerializer(json_number, return_type=int | float)],
        # A sum that the overview has always written as a float (1000000.0), where Number writes 1000000.
        "Total": Annotated[Decimal | None, PlainSerializer(json_float, return_type=float | None)],
        "Rounded": Annotated[float, PlainSerializer(json_rounded, return_type=float)],  # to 4 decimals
        # "+00:00", not "Z"
        "IsoTime": Annotated[dt.datetime, PlainSerializer(dt.datetime.isoformat, return_type=str)],
    }[name]


_LAZY = ("HIDDEN", "Number", "Total", "Rounded", "IsoTime")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        if name not in globals():
            for made in _LAZY:
                globals()[made] = _made(made)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
