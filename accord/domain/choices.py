"""The base of the closed lists that input names by value (roles, kinds, levels...)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from accord.errors import InputError

# What each subclass is called in a refusal, and its hint (an enum's class attributes would be members).
_SAID: dict[type, tuple[str, str | None]] = {}


class Choices(StrEnum):
    """Parsed from input in any case, with '-' or a space for '_'; an unknown value is refused
    with `InputError("unknown <noun> ...")` and a hint: the subclass's own, else every value."""

    def __init_subclass__(cls, *, noun: str, hint: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _SAID[cls] = (noun, hint)

    @classmethod
    def parse(cls, value: str) -> Self:
        try:
            return cls(value.strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            noun, hint = _SAID[cls]
            choices = ", ".join(member.value for member in cls)
            raise InputError(f"unknown {noun} {value!r}", hint=hint or f"use one of: {choices}") from None
