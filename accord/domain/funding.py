"""Money flows, IATI-style: pledge → commitment → disbursement → expenditure.

Totals are kept per flow type and per ISO 4217 currency: different types are never added
together (no double counting) and currencies are never converted silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from accord.domain.choices import Choices
from accord.errors import InputError


class FlowType(Choices, noun="flow type"):
    PLEDGE = "pledge"
    COMMITMENT = "commitment"
    DISBURSEMENT = "disbursement"
    EXPENDITURE = "expenditure"


@dataclass(frozen=True, slots=True)
class Flow:
    type: FlowType
    value: Decimal
    currency: str
    group: str  # what the totals are by: a party, an area, a commitment id


def totals(flows: Iterable[Flow]) -> dict[tuple[str, str], dict[FlowType, Decimal]]:
    """(group, currency) → amount per flow type; a missing type is simply absent, never zero-filled."""
    out: dict[tuple[str, str], dict[FlowType, Decimal]] = defaultdict(dict)
    for flow in flows:
        cell = out[(flow.group, flow.currency)]
        cell[flow.type] = cell.get(flow.type, Decimal(0)) + flow.value
    return dict(out)


def currency_code(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InputError(
            f"not an ISO 4217 currency code: {value!r}", hint="e.g. USD, KRW, EUR, JPY", field="currency"
        )
    return code
