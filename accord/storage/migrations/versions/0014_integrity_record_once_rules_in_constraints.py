"""record the "once" rules as constraints, consents to joint changes, and idempotency keys

- one signature per party, one consent per party and version (a partial unique index);
- one successor per audit record on the main chain (`audit_log.branch`; side branches written
  by concurrent writers before this revision are marked, not changed);
- `commitment_consents`: the acting parties' consents to a change of a joint commitment;
- `idempotency_keys`: an API write's key and its first answer, per principal.

Exact duplicates of a signature or consent (a double click that both writers recorded) are
removed first: nothing is lost, the first row says the same. Duplicates that differ are left for
a person to decide, and the upgrade stops naming them.

Revision ID: 0014_integrity
Revises: 0013
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import current_timestamp, party_key

revision = "0014_integrity"
down_revision = "0014_hardening"
branch_labels = None
depends_on = None

_ONCE = "act IN ('sign', 'consent')"


def _remove_identical_duplicate_acts(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text(
            "SELECT id, agreement_id, act, party_code, coalesce(version, 1), made_on, takes_effect_on, signatory "
            f"FROM lifecycle_events WHERE {_ONCE} ORDER BY id"
        )
    ).all()
    first: dict[tuple[object, ...], tuple[object, ...]] = {}
    identical: list[int] = []
    differing: list[str] = []
    for row in rows:
        key, facts = tuple(row[1:5]), tuple(row[5:])
        if key not in first:
            first[key] = (row[0], *facts)
        elif first[key][1:] == facts:
            identical.append(row[0])
        else:
            differing.append(
                f"agreement {key[0]}: {key[1]} by {key[2]} recorded twice (events {first[key][0]} and {row[0]})"
            )
    if differing:
        raise RuntimeError(
            "two different records of an act that happens once: "
            + "; ".join(differing)
            + ". A person must decide which is right: back up the database, delete the wrong row "
            "(DELETE FROM lifecycle_events WHERE id = ...), then run `accord db upgrade` again."
        )
    if identical:
        connection.execute(
            sa.text("DELETE FROM lifecycle_events WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": identical},
        )


def _mark_side_branches(connection: sa.Connection) -> None:
    """The main chain runs back from the latest record; a record beside it was a concurrent fork."""
    rows = [
        tuple(row)
        for row in connection.execute(sa.text("SELECT id, hash, previous_hash FROM audit_log ORDER BY id"))
    ]
    if not rows:
        return
    by_hash = {row[1]: row for row in rows}
    main: set[int] = set()
    current: tuple[Any, ...] | None = rows[-1]
    while current is not None:
        main.add(current[0])
        current = by_hash.get(current[2])
    side = [row[0] for row in rows if row[0] not in main]
    if side:
        connection.execute(
            sa.text("UPDATE audit_log SET branch = id WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": side},
        )


def upgrade() -> None:
    connection = op.get_bind()
    _remove_identical_duplicate_acts(connection)
    for act, columns in (
        ("sign", ["agreement_id", "party_code"]),
        ("consent", ["agreement_id", "party_code", "version"]),
    ):
        where = sa.text(f"act = '{act}'")
        op.create_index(
            f"uq_lifecycle_events_{act}_once", "lifecycle_events", columns, unique=True,
            sqlite_where=where, postgresql_where=where,
        )  # fmt: skip
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("branch", sa.Integer(), server_default="0", nullable=False))
    _mark_side_branches(connection)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_audit_log_one_successor", ["previous_hash", "branch"])
    op.create_table(
        "commitment_consents",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("party_code", sa.String(length=8), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("given_by", sa.String(length=200), nullable=False),
        current_timestamp("given_at"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint("commitment_id", "change", "party_code"),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("principal", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=200), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        current_timestamp("created_at"),
        sa.PrimaryKeyConstraint("principal", "key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("commitment_consents")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_log_one_successor", type_="unique")
        batch_op.drop_column("branch")
    for act in ("consent", "sign"):
        op.drop_index(f"uq_lifecycle_events_{act}_once", table_name="lifecycle_events")
