"""The lists of a set of commitments, as both read paths hand them to the services (the ORM's,
accord.storage.listing, and the stdlib sqlite3 one, accord.storage.sqlite_queries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Children:
    """A set of commitments' actors (in the order their agreement lists its parties), areas
    (alphabetical), bodies (in the order the text names them) and amounts, by commitment id."""

    actors: dict[int, list[str]]
    areas: dict[int, list[str]]
    bodies: dict[int, list[str]]
    amounts: dict[int, list[dict[str, Any]]]
