"""keep each actor's current progress and each commitment's quote, and index commitment lists for keyset pages

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


_QUOTES = """
UPDATE commitments SET quote = (
    SELECT substr(d.text, commitments.span_start + 1, commitments.span_end - commitments.span_start)
    FROM documents d WHERE d.id = commitments.document_id)
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
        batch_op.add_column(sa.Column("quote", sa.Text(), server_default="", nullable=False))
        batch_op.create_index("ix_commitments_agreement_id", ["agreement_id", "id"])
    op.execute(_QUOTES)


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy and drop `commitments`, and dropping it
    # cascades to every table that refers to it.
    op.drop_index("ix_commitments_agreement_id", table_name="commitments")
    op.execute("ALTER TABLE commitments DROP COLUMN quote")
    op.drop_index("ix_commitment_areas_area_commitment", table_name="commitment_areas")
    op.create_index("ix_commitment_areas_area", "commitment_areas", ["area"])
    op.drop_index("ix_commitment_actors_party_progress_commitment", table_name="commitment_actors")
    op.drop_index("ix_commitment_actors_party_commitment", table_name="commitment_actors")
    op.create_index("ix_commitment_actors_party_code", "commitment_actors", ["party_code"])
    op.execute("ALTER TABLE commitment_actors DROP COLUMN progress")
