"""index provisions and commitments for full-text search

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 07:24:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "kind UNINDEXED, ref_id UNINDEXED, agreement_id UNINDEXED, body, tokenize='unicode61')"
        )
    else:
        op.execute(
            "CREATE TABLE search_index ("
            "id BIGSERIAL PRIMARY KEY, kind VARCHAR(16) NOT NULL, ref_id INTEGER NOT NULL, "
            "agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE, body TEXT NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)"
        )
        op.execute("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)")


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
