"""record meetings, minutes, decisions and action items

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 06:55:03.926231
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

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=True),
        current_timestamp("created_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("meetings", ("ix_meetings_agreement_id", ["agreement_id"]))

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("decisions", ("ix_decisions_meeting_id", ["meeting_id"]))

    create_party_table(
        "minutes_approvals", "meeting_id", "meetings", sa.Column("approved_on", sa.Date(), nullable=False)
    )
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_party", sa.String(length=2), nullable=True),
        sa.Column("owner_body_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_body_id"], ["bodies.id"], ondelete="SET NULL"),
        party_key("owner_party"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("action_items", ("ix_action_items_meeting_id", ["meeting_id"]))


def downgrade() -> None:
    drop_indexes("action_items", "ix_action_items_meeting_id")

    op.drop_table("action_items")
    op.drop_table("minutes_approvals")
    drop_indexes("decisions", "ix_decisions_meeting_id")

    op.drop_table("decisions")
    drop_indexes("meetings", "ix_meetings_agreement_id")

    op.drop_table("meetings")
