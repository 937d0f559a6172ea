"""tally triggers never scan a table: on PostgreSQL their functions plan with enable_seqscan off

Revision ID: 0017_tally_plans
Revises: 0016_overview_scale
Create Date: 2026-12-07 05:40:00

Each statement of a tally trigger (migration 0016_overview_scale) finds the rows of one commitment
by key. PL/pgSQL plans a statement once per connection and keeps a generic plan; planned while
the tables are small, as in a database being filled, that plan scans commitment_areas for every
area inserted, so an ingest slowed with the square of what it had stored (ingesting 2 MB into a
new database: 64 million rows read for 11,373 areas, 5.5 of the server's 20 seconds). With
sequential scans off while they plan, the functions look rows up by the primary keys at every
size; they read nothing else. SQLite's triggers use the keys already.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_tally_plans"
down_revision = "0016_overview_scale"
branch_labels = None
depends_on = None

_FUNCTIONS = sa.text(r"SELECT proname FROM pg_proc WHERE proname LIKE 'tally\_%' ORDER BY proname")


def _tally_functions() -> list[str]:
    if op.get_bind().dialect.name != "postgresql":
        return []
    return list(op.get_bind().execute(_FUNCTIONS).scalars())


def upgrade() -> None:
    for name in _tally_functions():
        op.execute(f"ALTER FUNCTION {name}() SET enable_seqscan = off")


def downgrade() -> None:
    for name in _tally_functions():
        op.execute(f"ALTER FUNCTION {name}() RESET enable_seqscan")
