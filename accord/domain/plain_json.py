"""A read model's JSON written without pydantic, the same as pydantic writes it (`shapes.plain`).

Importing pydantic costs a read command of the CLI more than its whole start-up budget, so while
pydantic is not loaded the JSON is made here, from the dataclass's fields and the markers of their
annotations (HIDDEN, Field(serialization_alias=...), the serializing types of `shapes`), read with
stand-ins instead of the pydantic objects. Whatever this module does not know (a computed field,
another Field argument, a datetime without IsoTime, a value of a type it has no rule for) raises
NeedsPydantic, and `shapes.plain` asks pydantic. `tests/domain/test_plain_json.py` holds it to
pydantic's output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple


class NeedsPydantic(Exception):
    """A value or a model this module does not write as pydantic would."""


class _Hidden:
    pass


class _Renamed(NamedTuple):
    alias: str


class _Serialized(NamedTuple):
    write: Callable[[Any], Any]


def _field(**given: Any) -> Any:
    if set(given) - {"serialization_alias", "description"}:
        raise NeedsPydantic(f"Field({', '.join(given)})")
    alias = given.get("serialization_alias")
    return _Renamed(alias) if alias else None


def _stand_ins() -> dict[str, Any]:
    from accord.domain.shapes import json_float, json_number, json_rounded

    marks = {
        "HIDDEN": _Hidden(),
        "Field": _field,
        "Number": typing.Annotated[Decimal, _Serialized(json_number)],
        "Total": typing.Annotated[Decimal | None, _Serialized(json_float)],
        "Rounded": typing.Annotated[float, _Serialized(json_rounded)],
        "IsoTime": typing.Annotated[dt.datetime, _Serialized(dt.datetime.isoformat)],
    }
    return {**marks, "shapes": types.SimpleNamespace(**marks, renamed=_Renamed)}


class _Key(NamedTuple):
    name: str  # the attribute
    key: str  # the JSON's name for it
    write: Callable[[Any], Any] | None  # a serializer that replaces the usual rules
    to_float: bool  # declared float: pydantic writes an int there as a float


_PLANS: dict[type, tuple[_Key, ...]] = {}


def _plan(kind: type) -> tuple[_Key, ...]:
    known = _PLANS.get(kind)
    if known is not None:
        return known
    if any(hasattr(attribute, "decorator_info") for attribute in vars(kind).values()):
        raise NeedsPydantic(f"{kind.__name__} has a computed field")
    try:
        hints = typing.get_type_hints(kind, localns=_stand_ins(), include_extras=True)
    except NeedsPydantic:
        raise
    except Exception as error:  # a name only pydantic's objects resolve
        raise NeedsPydantic(str(error)) from error
    keys = []
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        key, write = field.name, None
        for mark in getattr(hint, "__metadata__", ()):
            if isinstance(mark, _Hidden):
                key = ""
            elif isinstance(mark, _Renamed):
                key = mark.alias
            elif isinstance(mark, _Serialized):
                write = mark.write
            elif mark is not None:
                raise NeedsPydantic(f"{kind.__name__}.{field.name}: {mark!r}")
        if key:
            keys.append(_Key(field.name, key, write, _declared_float(hint)))
    _PLANS[kind] = plan = tuple(keys)
    return plan


def shown_fields(kind: type) -> tuple[str, ...]:
    """The names of the fields of `kind` that its JSON shows, in order (`shapes.shown_fields`)."""
    return tuple(key.name for key in _plan(kind))


def _declared_float(hint: Any) -> bool:
    """float or float | None; a float deeper inside (list[float]...) is not handled here."""
    bare = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
    if bare is float:
        return True
    if typing.get_origin(bare) in (typing.Union, types.UnionType):
        options = set(typing.get_args(bare)) - {type(None)}
        if float in options and options != {float}:
            raise NeedsPydantic(f"a union with float: {hint!r}")
        return options == {float}
    if "float" in repr(bare):
        raise NeedsPydantic(f"a float inside {hint!r}")
    return False


def dump(value: Any) -> Any:
    """`value` as pydantic's `dump_python(mode="json", by_alias=True)` gives it."""
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, Enum):
        return dump(value.value)
    if type(value) is float:
        if not math.isfinite(value):
            raise NeedsPydantic("a float that is not finite")
        return value
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is Decimal and value.is_finite():
        return str(value)
    if type(value) in (list, tuple):
        return [dump(item) for item in value]
    if type(value) is dict:
        if not all(type(key) is str for key in value):
            raise NeedsPydantic("a key that is not a str")
        return {key: dump(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for key in _plan(type(value)):
            item = getattr(value, key.name)
            if key.write is not None:
                out[key.key] = key.write(item)
            elif key.to_float and type(item) is int:
                out[key.key] = float(item)
            else:
                out[key.key] = dump(item)
        return out
    raise NeedsPydantic(f"a {type(value).__name__}")
