"""Partnerships: the documents between the same two parties, in date order.

A trilateral or multilateral text belongs to every bilateral partnership it touches (a
U.S.–Japan–ROK statement is in U.S.–Japan, U.S.–ROK and Japan–ROK).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Annotated

from pydantic import Field

from accord.domain.parties import party
from accord.errors import InputError, NotFound
from accord.services.queries import AgreementSummary, list_agreements
from accord.storage.database import Database


@dataclass(frozen=True, slots=True)
class Partnership:
    key: Annotated[str, Field(serialization_alias="partnership", description='e.g. "KR-US"')]
    parties: tuple[str, str]  # in code order
    agreements: list[AgreementSummary]  # in date order (undated last)


def _pair(a: str, b: str) -> tuple[str, str]:
    first, second = sorted((a, b))
    return first, second


def partnerships(db: Database) -> list[Partnership]:
    groups: dict[tuple[str, str], list[AgreementSummary]] = {}
    for summary in list_agreements(db):
        for a, b in combinations(sorted(set(summary.parties)), 2):
            groups.setdefault(_pair(a, b), []).append(summary)
    return [
        Partnership("-".join(pair), pair, sorted(found, key=lambda s: (s.date is None, s.date, s.id)))
        for pair, found in sorted(groups.items())
    ]


def partnership(db: Database, key: str) -> Partnership:
    """One partnership by its key, e.g. "KR-US" (either order, any case)."""
    codes = [c for c in key.replace("_", "-").split("-") if c]
    if len(codes) != 2:
        raise InputError(f"a partnership is two party codes, got {key!r}", hint="e.g. KR-US")
    pair = _pair(party(codes[0]).code, party(codes[1]).code)
    for found in partnerships(db):
        if found.parties == pair:
            return found
    raise NotFound(
        f"no document between {pair[0]} and {pair[1]}",
        hint="give two parties of a recorded agreement",
        subject="agreement",
    )


def partnerships_of(db: Database, slug: str) -> list[Partnership]:
    return [p for p in partnerships(db) if any(a.slug == slug for a in p.agreements)]
