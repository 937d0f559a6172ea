"""index every column that refers to a row which may be deleted

Revision ID: 0019_foreign_key_indexes
Revises: 0018_tally_statements
Create Date: 2026-12-07 21:00:00

Deleting a row makes the database find the rows that refer to it (to cascade, set null or refuse).
Without an index on the referring column it reads the whole referring table once for every row
deleted: deleting one agreement of 228 provisions from a database of 16,561 commitments took 2.1 s
on SQLite, nearly all of it reading commitments for each provision (commitments.provision_id), and
grew with both; 18 ms with the index. Re-extraction deletes commitments the same way, which read
scores, action items and funding flows in full for each. Parties and evidence files are never
deleted, so the columns naming them need no index for this.
"""

from __future__ import annotations

from alembic import op

revision = "0019_foreign_key_indexes"
down_revision = "0018_tally_statements"
branch_labels = None
depends_on = None

INDEXES = [
    ("commitments", "document_id"),
    ("commitments", "provision_id"),
    ("assessment_scores", "commitment_id"),
    ("action_items", "commitment_id"),
    ("action_items", "owner_body_id"),
    ("funding_flows", "commitment_id"),
    ("links", "progress_id"),
    ("commitment_bodies", "body_id"),
    ("bodies", "parent_id"),
]


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
