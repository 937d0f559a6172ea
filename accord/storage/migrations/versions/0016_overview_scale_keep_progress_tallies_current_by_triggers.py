"""keep the overview's totals current by triggers: commitments by area x party x progress level, money by party x currency x flow type

Revision ID: 0016_overview_scale
Revises: 0015_daily_pages_evidence
Create Date: 2026-12-05 08:40:00

Every write to commitment_actors, commitment_areas or a commitment's review state appends signed
changes to progress_tallies (the count of an (area, party, level) cell is the sum of its rows);
every write to amounts, funding_flows or a review state does the same to funding_tallies (what
accord.services.funding counts: reviewed amounts of the text as pledges, and flows entered by
hand). accord.storage.tallies reads and folds them. Triggers, not the services, keep it: every writer
(ingest, bulk Core inserts, reviews, progress, re-extraction, cascades) is covered, and appending
rather than updating one counter per cell never makes concurrent writers wait on each other.

Each change is computed against the state before the row it is for (BEFORE triggers where the
trigger reads the table it is on: a PostgreSQL AFTER row trigger would see every row of its
statement at once). A commitment's deletion takes its actors out first, while it still exists.
NB: SQLite's batch_alter_table copies a table and drops its triggers: a later migration that
batch-alters commitments, commitment_actors or commitment_areas must create them again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_overview_scale"
down_revision = "0015_daily_pages_evidence"
branch_labels = None
depends_on = None

NO_AREA = "'(none)'"  # accord.services.overview.NO_AREA
LIVE = "c.review_state <> 'rejected'"


def _actor(row: str, sign: int) -> str:
    """One actor row's cells: each area of its commitment, or (none)."""
    return f"""INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT coalesce(x.area, {NO_AREA}), {row}.party_code, {row}.progress, {sign}
  FROM commitments c LEFT JOIN commitment_areas x ON x.commitment_id = c.id
  WHERE c.id = {row}.commitment_id AND {LIVE}"""


def _area(row: str, area: str, sign: int, condition: str = "") -> str:
    """Every actor of the area row's commitment, in `area`."""
    return f"""INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT {area}, a.party_code, a.progress, {sign}
  FROM commitment_actors a JOIN commitments c ON c.id = a.commitment_id
  WHERE a.commitment_id = {row}.commitment_id AND {LIVE}{condition}"""


REVIEWED = "('accepted', 'edited')"  # accord.services.funding.REVIEWED: their amounts are pledges


def _amount(row: str, sign: str) -> str:
    return f"""INSERT INTO funding_tallies (party_code, currency, type, value)
  SELECT {row}.party_code, {row}.currency, 'pledge', {sign}{row}.value
  FROM commitments c WHERE c.id = {row}.commitment_id AND c.review_state IN {REVIEWED}
    AND {row}.party_code IS NOT NULL"""


def _flow(row: str, sign: str) -> str:
    return f"""INSERT INTO funding_tallies (party_code, currency, type, value)
  VALUES ({row}.party_code, {row}.currency, {row}.type, {sign}{row}.value)"""


# (name, timing, event, table, statements, returns): `returns` is the row a PostgreSQL BEFORE trigger
# gives back. An UPDATE trigger's event ends with its WHEN condition: rewriting a row unchanged
# (accord.storage.progress refreshes every actor of a commitment) appends nothing.
TRIGGERS: list[tuple[str, str, str, str, list[str], str]] = [
    ("tally_actor_insert", "AFTER", "INSERT", "commitment_actors", [_actor("NEW", 1)], "NULL"),
    ("tally_actor_delete", "AFTER", "DELETE", "commitment_actors", [_actor("OLD", -1)], "NULL"),
    (
        "tally_actor_update",
        "AFTER",
        "UPDATE OF commitment_id, party_code, progress WHEN "
        "(OLD.commitment_id <> NEW.commitment_id OR OLD.party_code <> NEW.party_code OR OLD.progress <> NEW.progress)",
        "commitment_actors",
        [_actor("OLD", -1), _actor("NEW", 1)],
        "NULL",
    ),
    (
        "tally_area_insert",
        "BEFORE",
        "INSERT",
        "commitment_areas",
        [
            _area("NEW", "NEW.area", 1),
            # The commitment's first area: its actors leave (none).
            _area(
                "NEW",
                NO_AREA,
                -1,
                " AND NOT EXISTS (SELECT 1 FROM commitment_areas y WHERE y.commitment_id = NEW.commitment_id)",
            ),
        ],
        "NEW",
    ),
    (
        "tally_area_delete",
        "BEFORE",
        "DELETE",
        "commitment_areas",
        [
            _area("OLD", "OLD.area", -1),
            # Its last area: its actors go back to (none).
            _area(
                "OLD",
                NO_AREA,
                1,
                " AND NOT EXISTS (SELECT 1 FROM commitment_areas y"
                " WHERE y.commitment_id = OLD.commitment_id AND y.area <> OLD.area)",
            ),
        ],
        "OLD",
    ),
    (
        "tally_area_update",
        "AFTER",
        "UPDATE OF area WHEN (OLD.area <> NEW.area)",
        "commitment_areas",
        [_area("OLD", "OLD.area", -1), _area("NEW", "NEW.area", 1)],
        "NULL",
    ),
    (
        "tally_commitment_review",
        "AFTER",
        "UPDATE OF review_state WHEN ((OLD.review_state = 'rejected') <> (NEW.review_state = 'rejected'))",
        "commitments",
        [
            f"""INSERT INTO progress_tallies (area, party_code, level, n)
  SELECT coalesce(x.area, {NO_AREA}), a.party_code, a.progress,
    CASE WHEN NEW.review_state = 'rejected' THEN -1 ELSE 1 END
  FROM commitment_actors a LEFT JOIN commitment_areas x ON x.commitment_id = a.commitment_id
  WHERE a.commitment_id = NEW.id"""
        ],
        "NULL",
    ),
    (
        "tally_commitment_delete",
        "BEFORE",
        "DELETE",
        "commitments",
        [
            "DELETE FROM commitment_actors WHERE commitment_id = OLD.id",
            "DELETE FROM amounts WHERE commitment_id = OLD.id",
        ],
        "OLD",
    ),
    ("tally_amount_insert", "AFTER", "INSERT", "amounts", [_amount("NEW", "")], "NULL"),
    ("tally_amount_delete", "AFTER", "DELETE", "amounts", [_amount("OLD", "-")], "NULL"),
    (
        "tally_amount_update",
        "AFTER",
        "UPDATE OF commitment_id, party_code, currency, value",
        "amounts",
        [_amount("OLD", "-"), _amount("NEW", "")],
        "NULL",
    ),
    (
        "tally_commitment_funding",
        "AFTER",
        f"UPDATE OF review_state WHEN ((OLD.review_state IN {REVIEWED}) <> (NEW.review_state IN {REVIEWED}))",
        "commitments",
        [
            f"""INSERT INTO funding_tallies (party_code, currency, type, value)
  SELECT a.party_code, a.currency, 'pledge',
    CASE WHEN NEW.review_state IN {REVIEWED} THEN a.value ELSE -a.value END
  FROM amounts a WHERE a.commitment_id = NEW.id AND a.party_code IS NOT NULL"""
        ],
        "NULL",
    ),
    ("tally_flow_insert", "AFTER", "INSERT", "funding_flows", [_flow("NEW", "")], "NULL"),
    ("tally_flow_delete", "AFTER", "DELETE", "funding_flows", [_flow("OLD", "-")], "NULL"),
    (
        "tally_flow_update",
        "AFTER",
        "UPDATE OF party_code, type, value, currency",
        "funding_flows",
        [_flow("OLD", "-"), _flow("NEW", "")],
        "NULL",
    ),
]

BACKFILL = f"""INSERT INTO progress_tallies (area, party_code, level, n)
SELECT coalesce(x.area, {NO_AREA}), a.party_code, a.progress, count(*)
FROM commitment_actors a JOIN commitments c ON c.id = a.commitment_id
LEFT JOIN commitment_areas x ON x.commitment_id = a.commitment_id
WHERE {LIVE}
GROUP BY coalesce(x.area, {NO_AREA}), a.party_code, a.progress"""

FUNDING_BACKFILL = [
    f"""INSERT INTO funding_tallies (party_code, currency, type, value)
SELECT a.party_code, a.currency, 'pledge', SUM(a.value)
FROM amounts a JOIN commitments c ON c.id = a.commitment_id
WHERE c.review_state IN {REVIEWED} AND a.party_code IS NOT NULL
GROUP BY a.party_code, a.currency""",
    """INSERT INTO funding_tallies (party_code, currency, type, value)
SELECT party_code, currency, type, SUM(value) FROM funding_flows GROUP BY party_code, currency, type""",
]


def create_triggers(dialect: str) -> list[str]:
    out = []
    for name, timing, event, table, statements, returns in TRIGGERS:
        action, _, when = event.partition(" WHEN ")
        condition = f" WHEN {when}" if when else ""
        body = ";\n".join(statements)
        if dialect == "sqlite":
            out.append(
                f"CREATE TRIGGER {name} {timing} {action} ON {table} FOR EACH ROW{condition} BEGIN\n{body};\nEND"
            )
        else:
            out.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body};\n"
                f"RETURN {returns};\nEND\n$$"
            )
            out.append(
                f"CREATE TRIGGER {name} {timing} {action} ON {table} FOR EACH ROW{condition} "
                f"EXECUTE FUNCTION {name}()"
            )
    return out


def drop_triggers(dialect: str) -> list[str]:
    out = []
    for name, _timing, _event, table, _statements, _returns in TRIGGERS:
        if dialect == "sqlite":
            out.append(f"DROP TRIGGER IF EXISTS {name}")
        else:
            out += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return out


def upgrade() -> None:
    op.create_table(
        "progress_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("party_code", sa.String(length=8), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "funding_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=8), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=2), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # Read without touching the commitments' rows (their quotes make them large): by the overview,
    # by the API list (a commitment's agreement) and by the triggers below (its review state).
    op.create_index("ix_commitments_agreement_review_state", "commitments", ["agreement_id", "review_state"])
    op.create_index("ix_commitments_review_state_due", "commitments", ["review_state", "due"])
    op.create_index(
        "ix_commitments_id_agreement_review_state", "commitments", ["id", "agreement_id", "review_state"]
    )
    dialect = op.get_bind().dialect.name
    for statement in create_triggers(dialect):
        op.execute(statement)
    op.execute(BACKFILL)
    for statement in FUNDING_BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_triggers(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("progress_tallies")
    op.drop_table("funding_tallies")
    for name in (
        "ix_commitments_id_agreement_review_state",
        "ix_commitments_review_state_due",
        "ix_commitments_agreement_review_state",
    ):
        op.drop_index(name, table_name="commitments")
