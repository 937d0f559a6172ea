"""link commitments across documents, keep their sentence vectors, and stem the search index

Revision ID: 0014_continuity
Revises: 0013
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import current_timestamp

revision = "0014_continuity"
down_revision = "0014_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commitment_vectors",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commitment_id"),
    )
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_agreement_id", sa.Integer(), nullable=False),
        sa.Column("from_document_id", sa.Integer(), nullable=False),
        sa.Column("from_start", sa.Integer(), nullable=False),
        sa.Column("from_end", sa.Integer(), nullable=False),
        sa.Column("to_agreement_id", sa.Integer(), nullable=False),
        sa.Column("to_document_id", sa.Integer(), nullable=False),
        sa.Column("to_start", sa.Integer(), nullable=False),
        sa.Column("to_end", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Numeric(precision=6, scale=4, asdecimal=False), nullable=False),
        sa.Column("explicit", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("progress_id", sa.Integer(), nullable=True),
        current_timestamp("created_at"),
        sa.ForeignKeyConstraint(["from_agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["to_agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["to_document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["progress_id"], ["progress_updates.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "from_document_id",
            "from_start",
            "from_end",
            "to_document_id",
            "to_start",
            "to_end",
            name="uq_links_spans",
        ),
    )
    op.create_index("ix_links_from_agreement_id", "links", ["from_agreement_id"])
    op.create_index("ix_links_to_agreement_id", "links", ["to_agreement_id"])
    op.create_index("ix_links_to_span", "links", ["to_document_id", "to_start"])
    op.create_index("ix_links_status", "links", ["status"])
    _stem_search_index()


def _stem_search_index() -> None:
    """The words side of search stems ("semiconductor" finds "semiconductors"): FTS5's porter
    tokenizer on SQLite, the 'english' configuration on PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index_stemmed USING fts5("
            "kind UNINDEXED, ref_id UNINDEXED, agreement_id UNINDEXED, body, tokenize='porter unicode61')"
        )
        op.execute(
            "INSERT INTO search_index_stemmed (kind, ref_id, agreement_id, body) "
            "SELECT kind, ref_id, agreement_id, body FROM search_index"
        )
        op.execute("DROP TABLE search_index")
        op.execute("ALTER TABLE search_index_stemmed RENAME TO search_index")
    else:
        op.execute("DROP INDEX ix_search_index_tsv")
        op.execute("ALTER TABLE search_index DROP COLUMN tsv")
        op.execute(
            "ALTER TABLE search_index ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED"
        )
        op.execute("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)")


def downgrade() -> None:
    op.drop_table("links")
    op.drop_table("commitment_vectors")
