"""Many rows at once (`insert_rows`): a COPY on PostgreSQL, the driver's executemany on SQLite — each must store what SQLAlchemy's INSERT stores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    select,
)
from sqlalchemy.exc import IntegrityError

from accord.errors import Conflict
from accord.storage import audit
from accord.storage.bulk_insert import DIRECT_FROM, insert_rows
from accord.storage.database import Database

_METADATA = MetaData()
_SAMPLES = Table(
    "bulk_insert_samples",
    _METADATA,
    Column("id", Integer, primary_key=True),
    Column("label", String(200), nullable=False),
    Column("payload", JSON),
    Column("day", Date),
    Column("at", DateTime(timezone=True)),
    Column("flag", Boolean),
    Column("blob", LargeBinary),
    Column("amount", Numeric(18, 2)),
    Column("kind", String(20), default="other"),  # left out by the rows: the Python-side defaults
    Column("extra", JSON, default=dict),
)

# Text a COPY stream must escape: tabs, newlines, backslashes, its NULL marker, non-Latin letters.
_AWKWARD = ["tab\there", "line\nbreak", "back\\slash \\N", "\\.", "한미 과학기술 협력", "", "quote ' and \""]


def _rows(first_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": first_id + n,
            "label": _AWKWARD[n % len(_AWKWARD)] + f" {n}",
            "payload": None if n % 5 == 0 else {"n": n, "words": ["a\tb", "ü"], "nested": {"ok": n % 2 == 0}},
            "day": None if n % 4 == 0 else dt.date(2023, 1 + n % 12, 1 + n % 28),
            "at": dt.datetime(2024, 5, 1, 12, n % 60, 7, 123456, tzinfo=dt.timezone(dt.timedelta(hours=9))),
            "flag": [True, False, None][n % 3],
            "blob": bytes(range(n % 7, 256, 7)) + b"\x00\\\t",
            "amount": Decimal("1234567.89") * n,
        }
        for n in range(DIRECT_FROM + 10)
    ]


@pytest.fixture
def samples(db: Database) -> Database:
    _SAMPLES.create(db.engine)
    return db


def test_the_rows_read_back_as_the_same_values_as_rows_inserted_one_statement_each(samples: Database) -> None:
    copied, inserted = _rows(1), _rows(1001)
    with samples.transaction() as session:
        insert_rows(session, _SAMPLES, copied)
        session.execute(_SAMPLES.insert(), inserted)
    with samples.transaction() as session:
        stored = {row.id: row._asdict() for row in session.execute(select(_SAMPLES))}
    for a, b in zip(copied, inserted, strict=True):
        first, second = stored[a["id"]], stored[b["id"]]
        assert {**first, "id": 0} == {**second, "id": 0}
        assert (
            first["label"] == a["label"] and first["blob"] == a["blob"] and first["payload"] == a["payload"]
        )
        assert first["kind"] == "other" and first["extra"] == {}


def test_a_refused_row_leaves_none_of_the_rows(samples: Database) -> None:
    rows = _rows(1)
    rows[-1]["id"] = rows[0]["id"]  # the primary key twice
    with pytest.raises(Conflict) as refused, samples.transaction() as session:
        insert_rows(session, _SAMPLES, rows)
    assert isinstance(refused.value.__cause__, IntegrityError)  # SQLAlchemy's, on both backends
    with samples.transaction() as session:
        assert session.execute(select(_SAMPLES.c.id)).all() == []


def test_a_batch_of_audit_records_still_verifies(db: Database) -> None:
    # The chain's digests are worked out from the values before they are stored: what is read
    # back must be those values exactly, the time to the microsecond included.
    with db.transaction(actor="tester") as session:
        audit.append_many(
            session,
            [
                ("ingest", f"agreement:{n}", None, {"slug": _AWKWARD[n % len(_AWKWARD)], "n": n})
                for n in range(DIRECT_FROM + 5)
            ],
        )
    with db.transaction() as session:
        found = audit.verify(session)
    assert found.records == DIRECT_FROM + 5 and found.broken_at is None, found.reason
