"""store evidence files once, by the SHA-256 of their content, with their checked media type

Revision ID: 0015_daily_pages_evidence
Revises: 0014_continuity
Create Date: 2026-12-04 19:10:00
"""

from __future__ import annotations

import mimetypes

import sqlalchemy as sa
from alembic import op

revision = "0015_daily_pages_evidence"
down_revision = "0015_links_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    connection = op.get_bind()
    stored: set[str] = set()
    rows = connection.execute(
        sa.text(
            "SELECT evidence_sha256, evidence_name, evidence_bytes FROM progress_updates "
            "WHERE evidence_bytes IS NOT NULL ORDER BY id"
        )
    )
    for sha256, name, content in rows:
        if sha256 in stored:
            continue
        stored.add(sha256)
        guessed = mimetypes.guess_type(name or "")[0] or "application/octet-stream"
        connection.execute(
            sa.text(
                "INSERT INTO evidence_files (sha256, media_type, byte_size, content) VALUES (:h, :t, :n, :c)"
            ),
            {"h": sha256, "t": guessed, "n": len(content), "c": content},
        )
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_column("evidence_bytes")
        batch_op.create_foreign_key(
            "fk_progress_updates_evidence_sha256", "evidence_files", ["evidence_sha256"], ["sha256"]
        )


def downgrade() -> None:
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_constraint("fk_progress_updates_evidence_sha256", type_="foreignkey")
        batch_op.add_column(sa.Column("evidence_bytes", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE progress_updates SET evidence_bytes = (SELECT content FROM evidence_files "
        "WHERE evidence_files.sha256 = progress_updates.evidence_sha256) WHERE evidence_sha256 IS NOT NULL"
    )
    op.drop_table("evidence_files")
