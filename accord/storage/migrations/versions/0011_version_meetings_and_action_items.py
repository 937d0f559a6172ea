"""version meetings and action items, so that a change made on a stale copy is refused

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("meetings", "action_items"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table in ("action_items", "meetings"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
