"""keep each actor's current progress and index commitment lists for keyset pages

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The latest update by (made_on, id) is the current level, as accord.services.progress.history orders them.
_BACKFILL = """
UPDATE commitment_actors SET progress = COALESCE(
    (SELECT p.level FROM progress_updates p
     WHERE p.commitment_id = commitment_actors.commitment_id
       AND p.party_code = commitment_actors.party_code
     ORDER BY p.made_on DESC, p.id DESC LIMIT 1),
    'no_evidence')
"""


def upgrade() -> None:
    with op.batch_alter_table("commitment_actors", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("progress", sa.String(length=16), server_default="no_evidence", nullable=False)
        )
        batch_op.drop_index("ix_commitment_actors_party_code")
        batch_op.create_index("ix_commitment_actors_party_commitment", ["party_code", "commitment_id"])
        batch_op.create_index(
            "ix_commitment_actors_party_progress_commitment", ["party_code", "progress", "commitment_id"]
        )
    op.execute(_BACKFILL)
    with op.batch_alter_table("commitment_areas", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_areas_area")
        batch_op.create_index("ix_commitment_areas_area_commitment", ["area", "commitment_id"])
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index("ix_commitments_agreement_id", ["agreement_id", "id"])


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index("ix_commitments_agreement_id")
    with op.batch_alter_table("commitment_areas", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_areas_area_commitment")
        batch_op.create_index("ix_commitment_areas_area", ["area"])
    with op.batch_alter_table("commitment_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_actors_party_progress_commitment")
        batch_op.drop_index("ix_commitment_actors_party_commitment")
        batch_op.create_index("ix_commitment_actors_party_code", ["party_code"])
        batch_op.drop_column("progress")
