"""Compliance scoring in the G7 Research Group manner: −1, 0 or +1 per commitment and party,
judged against a guideline written for that commitment; compliance % = (mean + 1) / 2."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import computed_field

from accord.errors import InputError

SCORES = (-1, 0, 1)


class CycleKind(StrEnum):
    INTERIM = "interim"
    FINAL = "final"


def check_score(value: int) -> int:
    if value not in SCORES:
        raise InputError(
            f"a score is -1, 0 or +1, got {value}",
            hint="-1: no or contrary action; 0: partial or work under way; +1: full compliance",
        )
    return value


@dataclass(frozen=True, slots=True)
class Compliance:
    group: str
    scores: int
    mean: float | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> float | None:
        return None if self.mean is None else (self.mean + 1) / 2 * 100


def compliance(groups: Iterable[tuple[str, int]]) -> list[Compliance]:
    """(group, score) pairs → mean score and compliance % per group, in group order."""
    by: dict[str, list[int]] = {}
    for group, score in groups:
        by.setdefault(group, []).append(check_score(score))
    return [Compliance(group, len(values), sum(values) / len(values)) for group, values in sorted(by.items())]
