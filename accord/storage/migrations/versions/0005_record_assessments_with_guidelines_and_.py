"""record assessments with guidelines and scores

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 06:52:04.472186
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import (
    create_indexes,
    create_party_table,
    current_timestamp,
    drop_indexes,
    party_key,
)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        current_timestamp("opened_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("assessment_cycles", ("ix_assessment_cycles_agreement_id", ["agreement_id"]))

    create_party_table(
        "cycle_reviews", "cycle_id", "assessment_cycles", sa.Column("reviewed_on", sa.Date(), nullable=False)
    )
    op.create_table(
        "assessment_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        current_timestamp("scored_at"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cycle_id"], ["assessment_cycles.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "commitment_id", "party_code"),
    )
    create_indexes("assessment_scores", ("ix_assessment_scores_cycle_id", ["cycle_id"]))

    op.create_table(
        "guidelines",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        current_timestamp("written_at"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commitment_id"),
    )


def downgrade() -> None:
    op.drop_table("guidelines")
    drop_indexes("assessment_scores", "ix_assessment_scores_cycle_id")

    op.drop_table("assessment_scores")
    op.drop_table("cycle_reviews")
    drop_indexes("assessment_cycles", "ix_assessment_cycles_agreement_id")

    op.drop_table("assessment_cycles")
