"""Commitments and agreement terms as plain values (ANNOTATION.md defines them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from accord.domain import shapes
from accord.domain.shapes import Shape, json_number, plain


class Strength(StrEnum):
    FIRM = "firm"
    INTENT = "intent"
    ASPIRATION = "aspiration"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Strength.FIRM: 3, Strength.INTENT: 2, Strength.ASPIRATION: 1}
STRENGTH_VALUES = tuple(strength.value for strength in Strength)  # as stored, strongest first


# Three strengths, so the weakest or strongest of a list is found by asking which it contains
# (enum members hash in Python code, which made a ranked min() or max() slow). Written out, not
# looped over an order: the extractor asks tens of thousands of times per megabyte.
def weakest(strengths: list[Strength]) -> Strength:
    if not strengths:
        raise ValueError("weakest() of no strengths")
    if _ASPIRATION in strengths:
        return _ASPIRATION
    return _INTENT if _INTENT in strengths else _FIRM


def strongest(strengths: list[Strength]) -> Strength:
    if not strengths:
        raise ValueError("strongest() of no strengths")
    if _FIRM in strengths:
        return _FIRM
    return _INTENT if _INTENT in strengths else _ASPIRATION


_FIRM, _INTENT, _ASPIRATION = Strength.FIRM, Strength.INTENT, Strength.ASPIRATION


AREAS = (
    "ai",
    "telecom",
    "quantum",
    "semiconductors",
    "batteries",
    "biotech",
    "health",
    "space",
    "supply_chain",
    "investment",
    "research_security",
    "science_exchange",
    "digital",
    "climate_energy",
    "defense",
    "diplomacy",
    "trade",
    "governance",
)


class ReviewState(StrEnum):
    EXTRACTED = "extracted"
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str  # ISO 4217
    actor: str | None  # ISO 3166 code of the pledging party
    period: str | None  # ISO 8601 duration, e.g. "P5Y"
    start: int
    end: int

    def as_json(self) -> dict[str, Any]:
        return amount_json(self.value, self.currency, self.actor, self.period)


def amount_json(
    value: Decimal | float, currency: str, actor: str | None, period: str | None
) -> dict[str, Any]:
    """An extracted amount's JSON, the one shape of the lists, the API, the exports and `--json`."""
    return {"value": json_number(value), "currency": currency, "actor": actor, "period": period}


@dataclass(frozen=True, slots=True)
class Terms(Shape):
    # Stored and shown apart from the other terms (the agreement's own column), so not in their JSON.
    legally_binding: Annotated[bool | None, shapes.HIDDEN] = None
    entry_into_force: str | None = None
    amendment: str | None = None
    termination_notice_days: int | None = None
    implementation: str | None = None


@dataclass(slots=True)
class Commitment:
    start: int
    end: int
    text: str = field(repr=False)  # the whole document's text, shared, not copied
    # Tuples, shared between commitments where equal: a long document has hundreds of thousands.
    actors: tuple[str, ...]
    strength: Strength
    areas: tuple[str, ...]
    bodies: tuple[str, ...]
    amounts: tuple[Amount, ...]
    timeframe: str | None
    due: dt.date | None
    provision: int  # index of the sentence provision it lies in
    explanations: tuple[str, ...] = ()

    @property
    def quote(self) -> str:
        return self.text[self.start : self.end]

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "actors": list(self.actors),
            "strength": self.strength.value,
            "areas": list(self.areas),
            "bodies": list(self.bodies),
            "amounts": [plain(amount) for amount in self.amounts],
            "timeframe": self.timeframe,
            "due": self.due.isoformat() if self.due else None,
        }
