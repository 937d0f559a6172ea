"""Pieces the migrations repeat, written once: a timestamp the database fills in, a foreign key to a
party, a new table's plain indexes, a table of one row per record and party, and the `secrets`
table that one migration creates and a later one's downgrade creates again.

Frozen: an applied migration must emit the same schema for ever, so nothing here may change what
it emits (the schema a fresh upgrade makes, on SQLite and PostgreSQL, is compared byte for byte
when this module is touched). A migration that needs something else gets a new helper, or writes
its operations out.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op


def current_timestamp(name: str) -> sa.Column[Any]:
    """A timestamp with time zone that the database sets to the time of the insert (created_at,
    recorded_at...): what autogenerate wrote for `server_default=func.now()` on SQLite."""
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        server_default=sa.text("(CURRENT_TIMESTAMP)"),
        nullable=False,
    )


def party_key(column: str = "party_code") -> sa.ForeignKeyConstraint:
    """The foreign key of a column that holds a party code: no ON DELETE, parties stay."""
    return sa.ForeignKeyConstraint([column], ["parties.code"])


def create_indexes(table: str, *indexes: tuple[str, list[str]]) -> None:
    """A new table's plain (not unique) indexes, (name, columns) in the order given, in one batch
    as autogenerate wrote them. Their names are final (`f()`); the metadata has no naming
    convention, so a name is the same with it or without."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name, columns in indexes:
            batch_op.create_index(batch_op.f(name), columns, unique=False)


def drop_indexes(table: str, *names: str) -> None:
    """The downgrade of create_indexes: the indexes dropped in the order given."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in names:
            batch_op.drop_index(batch_op.f(name))


def create_secrets_table() -> None:
    """`secrets` (named values such as the former session key), as 0013 created it."""
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        current_timestamp("created_at"),
        sa.PrimaryKeyConstraint("name"),
    )


def create_party_table(table: str, owner: str, owner_table: str, *columns: sa.Column[Any]) -> None:
    """A table of one row per record and party (an agreement's parties, a commitment's actors, a
    party's review of a cycle or approval of minutes): the owner's id and the party's code as the
    key, then `columns`; the row goes with its owner."""
    op.create_table(
        table,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        *columns,
        sa.ForeignKeyConstraint([owner], [f"{owner_table}.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint(owner, "party_code"),
    )


def earlier_migration(filename: str) -> Any:
    """An earlier migration of `versions/`, loaded from its file (its name is not importable), for a
    later one that emits again what it emitted (its triggers, say) rather than copying them."""
    spec = importlib.util.spec_from_file_location(
        Path(filename).stem, Path(__file__).with_name("versions") / filename
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
