"""The JSON form of a read model, defined by the model itself: its fields in order, dates as ISO
strings. One function for every face (the API, the pages' JSON twins, `--json`, the exports), so
a model is written once; a model whose JSON differs from its fields (renamed keys, rounded
scores) says so in its own `as_json`."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}  # building one costs milliseconds: once per model


def _adapter(kind: type) -> TypeAdapter[Any]:
    known = _ADAPTERS.get(kind)
    if known is None:
        known = _ADAPTERS[kind] = TypeAdapter(kind)
    return known


def plain(value: Any) -> Any:
    """`value` (a dataclass) as plain JSON values."""
    shaped = getattr(value, "as_json", None)
    if shaped is not None:
        return shaped()
    return _adapter(type(value)).dump_python(value, mode="json")
