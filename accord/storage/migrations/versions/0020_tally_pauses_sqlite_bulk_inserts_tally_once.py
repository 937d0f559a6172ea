"""on SQLite, the commitments an ingest stores are tallied once per batch, not by a trigger per row

Revision ID: 0020_tally_pauses
Revises: 0019_foreign_key_indexes
Create Date: 2026-12-08 00:00:00

SQLite has no statement triggers (0018_tally_statements gave PostgreSQL those): each actor and
area row an ingest inserts ran its tally trigger, which read the commitment's areas or actors and
appended a row to progress_tallies. Storing 5 MB of texts ran 58,784 of them, four fifths of what
inserting actors and areas cost, and left as many rows to fold. Now the insert triggers of
commitment_actors and commitment_areas do nothing while `tally_pauses` holds a row: a writer that
inserts many rows at once puts one there, inserts them, tallies them itself in one grouped
statement (accord.storage.tallies.tally_new_commitments) and takes the row out again, all in its
own write transaction, so no other connection ever sees the pause. Every other write is tallied
by the row triggers as before. On PostgreSQL the table is made (the tables are the same on both)
and never used.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accord.storage.migrations._ops import earlier_migration

revision = "0020_tally_pauses"
down_revision = "0019_foreign_key_indexes"
branch_labels = None
depends_on = None

ROW_TRIGGERS = "0016_overview_scale_keep_progress_tallies_current_by_triggers.py"
PAUSED = ("tally_actor_insert", "tally_area_insert")
NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM tally_pauses)"


def _row_triggers(pausable: bool) -> list[str]:
    """The insert triggers of actors and areas as 0016_overview_scale made them for SQLite, read
    from it; with `pausable`, each runs only while `tally_pauses` is empty."""
    made = earlier_migration(ROW_TRIGGERS)
    triggers = []
    for name, timing, event, table, statements, returns in made.TRIGGERS:
        if name not in PAUSED:
            continue
        assert " WHEN " not in event  # 0016's insert triggers have no condition to combine with
        triggers.append(
            (name, timing, f"{event} WHEN {NOT_PAUSED}" if pausable else event, table, statements, returns)
        )
    made.TRIGGERS = triggers
    return list(made.create_triggers("sqlite"))


def upgrade() -> None:
    op.create_table(
        "tally_pauses", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id")
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in PAUSED:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in _row_triggers(pausable=True):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in PAUSED:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in _row_triggers(pausable=False):
            op.execute(statement)
    op.drop_table("tally_pauses")
