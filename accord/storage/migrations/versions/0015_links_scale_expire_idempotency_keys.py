"""expire idempotency keys: index their creation time, so that the purge is a range delete

Revision ID: 0015_links_scale
Revises: 0014_continuity
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0015_links_scale"
down_revision = "0014_continuity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
