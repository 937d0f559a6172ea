"""on PostgreSQL, rows inserted into commitment_actors and commitment_areas are tallied a statement at once

Revision ID: 0018_tally_statements
Revises: 0017_tally_plans
Create Date: 2026-12-07 20:50:00

Migration 0016_overview_scale tallies every row inserted into commitment_actors and
commitment_areas by a row trigger, which appends one row to progress_tallies for each cell the
row touches: storing 5 MB of texts appended 112,588 rows and cost the server a second. On
PostgreSQL the inserts are now tallied by statement triggers that read the statement's rows as a
transition table (COPY fires them too) and append one row per cell, its change summed. The counts
are those of the row triggers: an actor counts in each area of its commitment, or in (none); an
area counts each actor of its commitment, and a commitment that had no area before the statement
takes its actors out of (none) once. Deletes and updates stay row triggers (they are rare). SQLite
has no statement triggers; its row triggers are unchanged.
"""

from __future__ import annotations

from alembic import op

from accord.storage.migrations._ops import earlier_migration

revision = "0018_tally_statements"
down_revision = "0017_tally_plans"
branch_labels = None
depends_on = None

NO_AREA = "'(none)'"  # accord.services.overview.NO_AREA
LIVE = "c.review_state <> 'rejected'"

ACTORS = f"""INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT coalesce(x.area, {NO_AREA}), r.party_code, r.progress, count(*)
  FROM inserted r JOIN commitments c ON c.id = r.commitment_id
  LEFT JOIN commitment_areas x ON x.commitment_id = r.commitment_id
  WHERE {LIVE}
  GROUP BY coalesce(x.area, {NO_AREA}), r.party_code, r.progress"""

# A commitment whose areas are all in this statement had none before it: counted by how many.
AREAS = f"""INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT area, party_code, level, sum(n) FROM (
    SELECT r.area, a.party_code, a.progress AS level, 1 AS n
    FROM inserted r JOIN commitments c ON c.id = r.commitment_id
    JOIN commitment_actors a ON a.commitment_id = r.commitment_id
    WHERE {LIVE}
    UNION ALL
    SELECT {NO_AREA}, a.party_code, a.progress, -1
    FROM (SELECT commitment_id, count(*) AS added FROM inserted GROUP BY commitment_id) f
    JOIN commitments c ON c.id = f.commitment_id
    JOIN commitment_actors a ON a.commitment_id = f.commitment_id
    WHERE {LIVE}
      AND (SELECT count(*) FROM commitment_areas y WHERE y.commitment_id = f.commitment_id) = f.added
  ) t
  GROUP BY area, party_code, level
  HAVING sum(n) <> 0"""

ROW_TRIGGERS = "0016_overview_scale_keep_progress_tallies_current_by_triggers.py"
STATEMENTS = {
    "tally_actor_insert": ("commitment_actors", ACTORS),
    "tally_area_insert": ("commitment_areas", AREAS),
}


def _drop(name: str, table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {name}()")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, statement) in STATEMENTS.items():
        _drop(name, table)
        # Sequential scans off while it plans, as every tally function (0017_tally_plans).
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$\n"
            f"BEGIN\n{statement};\nRETURN NULL;\nEND\n$$"
        )
        op.execute(
            f"CREATE TRIGGER {name} AFTER INSERT ON {table} REFERENCING NEW TABLE AS inserted "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )


def _row_triggers() -> list[str]:
    """The row triggers of the inserts as 0016_overview_scale made them, read from it."""
    made = earlier_migration(ROW_TRIGGERS)
    made.TRIGGERS = [trigger for trigger in made.TRIGGERS if trigger[0] in STATEMENTS]
    return list(made.create_triggers("postgresql"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, _statement) in STATEMENTS.items():
        _drop(name, table)
    for statement in _row_triggers():
        op.execute(statement)
    for name in STATEMENTS:
        op.execute(f"ALTER FUNCTION {name}() SET enable_seqscan = off")  # as 0017_tally_plans
