"""The JSON written without pydantic (accord.domain.plain_json) is pydantic's, for the views of the
read commands, with odd values: no date, empty lists, unicode, an enum, a float declared as int,
a renamed field, hidden fields; and it gives way to pydantic for what it does not know."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from accord.domain import plain_json
from accord.domain.lifecycle import Status
from accord.domain.shapes import Number, Shape, plain_with_pydantic, shown_fields
from accord.services.agreement_views import AgreementDetail, AgreementSummary, ProvisionNode
from accord.services.commitment_views import COMMITMENT_KEYS, CommitmentView, PendingChange
from accord.services.deadline_views import Deadline
from accord.services.search_views import SearchResult
from accord.services.timeline_views import Timeline, TimelineEntry

DAY = dt.date(2025, 10, 29)
SUMMARY = AgreementSummary(7, "ünï", "Ünïcode — “title”", None, "mou", ["US", "KR", "EU"], None, 0, 0)
NODE = ProvisionNode(1, "section", 0, 0, 5, "Ünï\n", [ProvisionNode(2, "paragraph", 1, 1, 2, "n")])
VIEWS: list[Any] = [
    SUMMARY,
    NODE,
    CommitmentView(
        id=1,
        agreement="a",
        start=0,
        end=3,
        quote="“x”",
        actors=[],
        strength="",
        areas=["ai"],
        bodies=[],
        amounts=[{"value": 2.5, "currency": "USD", "actor": None, "period": None}],
        timeframe=None,
        due=None,
        review_state="extracted",
        explanations=["hidden"],
        pending_changes=[PendingChange("actors", ["US"], ["US"], ["KR"])],
    ),
    Deadline(
        commitment=None,
        action=3,
        meeting=2,
        agreement="a",
        due=DAY,
        actors=["Bödy"],
        timeframe=None,
        quote="q",
        overdue=True,
        kind="action",
    ),
    SearchResult("provision", 4, "?", "⟦ü⟧"),
    Timeline("a", Status.IN_EFFECT, DAY, None, [TimelineEntry("sign", "US", None, DAY, DAY, "Ä")], [1, 2]),
    Timeline("a", Status.DRAFT, None, None, [], [], 2, "broken: ü"),
]


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: type(view).__name__)
def test_the_json_is_pydantics(view: Any) -> None:
    assert plain_json.dump(view) == plain_with_pydantic(view)


def test_the_agreement_detail_is_written_the_same_way() -> None:
    detail = AgreementDetail(SUMMARY, {"amendment": None}, None, "0" * 64, "ü.txt", "Ünï\n", [NODE])
    assert detail.as_json()["provisions"] == [plain_with_pydantic(NODE)]


def test_the_shown_fields_are_pydantics() -> None:
    assert plain_json.shown_fields(CommitmentView) == shown_fields(CommitmentView) == COMMITMENT_KEYS
    assert "explanations" not in COMMITMENT_KEYS


@dataclass(frozen=True, slots=True)
class _Money(Shape):
    value: Number
    ratio: float
    at: dt.datetime | None = None


def test_what_it_does_not_know_is_left_to_pydantic() -> None:
    assert plain_json.dump(_Money(Decimal("2.50"), 3)) == plain_with_pydantic(_Money(Decimal("2.50"), 3))
    with pytest.raises(plain_json.NeedsPydantic):
        plain_json.dump(_Money(Decimal(1), 1.0, dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))
    with pytest.raises(plain_json.NeedsPydantic):
        plain_json.dump({1: "a key that is no str"})
    with pytest.raises(plain_json.NeedsPydantic):
        plain_json.dump(float("nan"))
