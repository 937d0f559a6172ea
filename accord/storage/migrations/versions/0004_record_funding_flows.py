"""record funding flows

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:50:14.049748
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import create_indexes, current_timestamp, drop_indexes, party_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "funding_flows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        current_timestamp("recorded_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="SET NULL"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("funding_flows", ("ix_funding_flows_agreement_id", ["agreement_id"]))


def downgrade() -> None:
    drop_indexes("funding_flows", "ix_funding_flows_agreement_id")

    op.drop_table("funding_flows")
