"""expire idempotency keys, and count changes to the commitment vectors

- an index on `idempotency_keys.created_at`, so that purging the expired keys is a range delete;
- `vector_generation`: one row whose number triggers raise on every insert, update or delete in
  `commitment_vectors` (cascades from removed commitments included). A process holding the
  vectors in memory compares it on each search and reloads when it moved, whatever the ids.

Revision ID: 0015_links_scale
Revises: 0014_continuity
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_links_scale"
down_revision = "0014_continuity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])
    op.create_table(
        "vector_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO vector_generation (id, generation) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER commitment_vectors_{event.lower()} AFTER {event} ON commitment_vectors "
                "BEGIN UPDATE vector_generation SET generation = generation + 1 WHERE id = 1; END"
            )
    else:
        # Once a transaction: every UPDATE of one row leaves a row version that the next must step
        # over, so a bulk load sent as thousands of statements would slow down quadratically.
        # The mark is a transaction-local setting (set_config(..., true) ends with the transaction).
        op.execute(
            "CREATE FUNCTION bump_vector_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF current_setting('accord.vectors_changed', true) IS DISTINCT FROM 'yes' THEN "
            "UPDATE vector_generation SET generation = generation + 1 WHERE id = 1; "
            "PERFORM set_config('accord.vectors_changed', 'yes', true); "
            "END IF; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER commitment_vectors_changed AFTER INSERT OR UPDATE OR DELETE ON commitment_vectors "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_vector_generation()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER commitment_vectors_{event}")
    else:
        op.execute("DROP TRIGGER commitment_vectors_changed ON commitment_vectors")
        op.execute("DROP FUNCTION bump_vector_generation()")
    op.drop_table("vector_generation")
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
