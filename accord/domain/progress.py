"""Progress on a commitment, per party, in OGP's completion levels."""

from __future__ import annotations

from enum import StrEnum

from accord.errors import InputError


class Level(StrEnum):
    NO_EVIDENCE = "no_evidence"  # nothing reported yet: never scored as failure
    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"

    @classmethod
    def parse(cls, value: str) -> Level:
        try:
            return cls(value.strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            choices = ", ".join(level.value for level in cls)
            raise InputError(f"unknown progress level {value!r}", hint=f"use one of: {choices}") from None

    @property
    def needs_evidence(self) -> bool:
        """A claim of progress must be backed; 'no evidence' and 'not started' claim none."""
        return self in (Level.LIMITED, Level.SUBSTANTIAL, Level.COMPLETE, Level.WITHDRAWN)
