"""create agreements, documents, provisions, commitments and bodies

Revision ID: 0001
Revises:
Create Date: 2026-11-22 05:06:39.701320
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

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("legally_binding", sa.Boolean(), nullable=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=True),
        current_timestamp("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "parties",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    create_party_table(
        "agreement_parties", "agreement_id", "agreements", sa.Column("position", sa.Integer(), nullable=False)
    )
    op.create_table(
        "bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("acronym", sa.String(length=50), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["bodies.id"], ondelete="SET NULL"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", "party_code"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_path", sa.String(length=2000), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        current_timestamp("created_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agreement_id", "version"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_table(
        "provisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["provisions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes(
        "provisions",
        ("ix_provisions_agreement_id", ["agreement_id"]),
        ("ix_provisions_document_span", ["document_id", "span_start"]),
        ("ix_provisions_parent_id", ["parent_id"]),
    )

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("strength", sa.String(length=16), nullable=True),
        sa.Column("timeframe", sa.String(length=200), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("review_state", sa.String(length=16), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=False),
        sa.Column("extractor", sa.String(length=200), nullable=False),
        sa.Column("vocabulary_checksum", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        current_timestamp("created_at"),
        current_timestamp("updated_at"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provision_id"], ["provisions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes(
        "commitments",
        ("ix_commitments_agreement_span", ["agreement_id", "span_start"]),
        ("ix_commitments_due", ["due"]),
        ("ix_commitments_review_state", ["review_state"]),
        ("ix_commitments_strength", ["strength"]),
    )

    op.create_table(
        "amounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=True),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        party_key(),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("amounts", ("ix_amounts_commitment_id", ["commitment_id"]))

    create_party_table("commitment_actors", "commitment_id", "commitments")
    create_indexes("commitment_actors", ("ix_commitment_actors_party_code", ["party_code"]))

    op.create_table(
        "commitment_areas",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commitment_id", "area"),
    )
    create_indexes("commitment_areas", ("ix_commitment_areas_area", ["area"]))

    op.create_table(
        "commitment_bodies",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commitment_id", "body_id"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        current_timestamp("at"),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    create_indexes("reviews", ("ix_reviews_commitment_id", ["commitment_id"]))


def downgrade() -> None:
    drop_indexes("reviews", "ix_reviews_commitment_id")

    op.drop_table("reviews")
    op.drop_table("commitment_bodies")
    drop_indexes("commitment_areas", "ix_commitment_areas_area")

    op.drop_table("commitment_areas")
    drop_indexes("commitment_actors", "ix_commitment_actors_party_code")

    op.drop_table("commitment_actors")
    drop_indexes("amounts", "ix_amounts_commitment_id")

    op.drop_table("amounts")
    drop_indexes(
        "commitments",
        "ix_commitments_strength",
        "ix_commitments_review_state",
        "ix_commitments_due",
        "ix_commitments_agreement_span",
    )

    op.drop_table("commitments")
    drop_indexes(
        "provisions", "ix_provisions_parent_id", "ix_provisions_document_span", "ix_provisions_agreement_id"
    )

    op.drop_table("provisions")
    op.drop_table("documents")
    op.drop_table("bodies")
    op.drop_table("agreement_parties")
    op.drop_table("parties")
    op.drop_table("agreements")
