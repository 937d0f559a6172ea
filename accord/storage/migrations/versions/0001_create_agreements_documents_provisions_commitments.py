"""create agreements, documents, provisions, commitments and bodies

Revision ID: 0001
Revises:
Create Date: 2026-11-22 05:06:39.701320
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

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
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
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
    op.create_table(
        "agreement_parties",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["party_code"],
            ["parties.code"],
        ),
        sa.PrimaryKeyConstraint("agreement_id", "party_code"),
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
        sa.ForeignKeyConstraint(
            ["party_code"],
            ["parties.code"],
        ),
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
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
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
    with op.batch_alter_table("provisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provisions_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index("ix_provisions_document_span", ["document_id", "span_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_provisions_parent_id"), ["parent_id"], unique=False)

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
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provision_id"], ["provisions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index("ix_commitments_agreement_span", ["agreement_id", "span_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_review_state"), ["review_state"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_strength"), ["strength"], unique=False)

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
        sa.ForeignKeyConstraint(
            ["party_code"],
            ["parties.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("amounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amounts_commitment_id"), ["commitment_id"], unique=False)

    op.create_table(
        "commitment_actors",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["party_code"],
            ["parties.code"],
        ),
        sa.PrimaryKeyConstraint("commitment_id", "party_code"),
    )
    with op.batch_alter_table("commitment_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_actors_party_code"), ["party_code"], unique=False)

    op.create_table(
        "commitment_areas",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("commitment_id", "area"),
    )
    with op.batch_alter_table("commitment_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_areas_area"), ["area"], unique=False)

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
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_commitment_id"), ["commitment_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_commitment_id"))

    op.drop_table("reviews")
    op.drop_table("commitment_bodies")
    with op.batch_alter_table("commitment_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_areas_area"))

    op.drop_table("commitment_areas")
    with op.batch_alter_table("commitment_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_actors_party_code"))

    op.drop_table("commitment_actors")
    with op.batch_alter_table("amounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amounts_commitment_id"))

    op.drop_table("amounts")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_strength"))
        batch_op.drop_index(batch_op.f("ix_commitments_review_state"))
        batch_op.drop_index(batch_op.f("ix_commitments_due"))
        batch_op.drop_index("ix_commitments_agreement_span")

    op.drop_table("commitments")
    with op.batch_alter_table("provisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provisions_parent_id"))
        batch_op.drop_index("ix_provisions_document_span")
        batch_op.drop_index(batch_op.f("ix_provisions_agreement_id"))

    op.drop_table("provisions")
    op.drop_table("documents")
    op.drop_table("bodies")
    op.drop_table("agreement_parties")
    op.drop_table("parties")
    op.drop_table("agreements")
