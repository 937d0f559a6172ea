"""record progress with evidence

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:44:55.380239
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import create_indexes, current_timestamp, drop_indexes, party_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("evidence_url", sa.String(length=2000), nullable=True),
        sa.Column("evidence_on", sa.Date(), nullable=True),
        sa.Column("evidence_name", sa.String(length=500), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("evidence_bytes", sa.LargeBinary(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        current_timestamp("recorded_at"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes(
        "progress_updates", ("ix_progress_commitment_party", ["commitment_id", "party_code", "id"])
    )


def downgrade() -> None:
    drop_indexes("progress_updates", "ix_progress_commitment_party")

    op.drop_table("progress_updates")
