"""record lifecycle events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:42:59.864883
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import create_indexes, current_timestamp, drop_indexes, party_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lifecycle_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("act", sa.String(length=32), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("takes_effect_on", sa.Date(), nullable=True),
        sa.Column("signatory", sa.String(length=300), nullable=True),
        current_timestamp("recorded_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("lifecycle_events", ("ix_lifecycle_events_agreement_id", ["agreement_id"]))


def downgrade() -> None:
    drop_indexes("lifecycle_events", "ix_lifecycle_events_agreement_id")

    op.drop_table("lifecycle_events")
