"""record users and hashed api tokens

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 07:06:08.247336
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import create_indexes, current_timestamp, drop_indexes, party_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=True),
        current_timestamp("created_at"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=200), nullable=False),
        current_timestamp("created_at"),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("tokens", ("ix_tokens_prefix", ["prefix"]), ("ix_tokens_user_id", ["user_id"]))


def downgrade() -> None:
    drop_indexes("tokens", "ix_tokens_user_id", "ix_tokens_prefix")

    op.drop_table("tokens")
    op.drop_table("users")
