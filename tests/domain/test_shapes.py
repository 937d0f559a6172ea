"""A view's JSON is its fields, with what differs declared on the field (accord.domain.shapes)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import Field, TypeAdapter, computed_field

from accord.domain.shapes import HIDDEN, IsoTime, Number, Rounded, Shape, Total, plain, shown_fields


@dataclass(frozen=True, slots=True)
class Inner:
    on: dt.date


@dataclass(frozen=True, slots=True)
class View(Shape):
    id: int
    status: Annotated[str, Field(serialization_alias="state")]
    amount: Number
    total: Total
    score: Rounded
    at: IsoTime
    inner: tuple[Inner, ...]
    note: Annotated[str, HIDDEN] = "kept out"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def doubled(self) -> int:
        return self.id * 2


VIEW = View(
    7, "draft", Decimal("1000000"), Decimal("2"), 0.123456, dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    (Inner(dt.date(2025, 10, 29)),),
)  # fmt: skip


def test_the_json_is_the_fields_in_order_with_what_each_field_declares() -> None:
    assert json.dumps(plain(VIEW)) == json.dumps(
        {
            "id": 7, "state": "draft", "amount": 1000000, "total": 2.0, "score": 0.1235,
            "at": "2026-01-02T03:04:05+00:00", "inner": [{"on": "2025-10-29"}], "doubled": 14,
        }
    )  # fmt: skip
    assert VIEW.as_json() == plain(VIEW)
    assert plain(View(1, "x", Decimal("2.5"), None, 1.0, VIEW.at, ()))["amount"] == 2.5


def test_the_api_writes_the_same_json_and_documents_it() -> None:
    adapter = TypeAdapter(View)
    assert json.loads(adapter.dump_json(VIEW, by_alias=True)) == plain(VIEW)
    schema = adapter.json_schema(mode="serialization")
    assert list(schema["properties"]) == [*plain(VIEW)]


def test_shown_fields_leave_the_hidden_out() -> None:
    assert shown_fields(View) == ("id", "status", "amount", "total", "score", "at", "inner")
