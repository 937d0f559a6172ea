"""widen party codes for organisations (EU, AFU, ASEAN, UN): two letters to eight

Every column that holds a party code (parties.code and each column with a foreign key to it) was
VARCHAR(2), sized for ISO 3166-1 alpha-2 country codes; organisations have codes such as ASEAN.
The columns are found by reflection, so a party column added by any earlier migration is widened too.

PostgreSQL widens each column in place (varchar(2) to varchar(8) rewrites nothing). SQLite never
enforces a VARCHAR length and has no ALTER COLUMN, so only the declared type in its schema text is
changed, by the procedure the SQLite documentation gives for schema changes that leave the stored
format alone (https://sqlite.org/lang_altertable.html#otheralter): no table is copied, and foreign
keys need not be switched off.

Revision ID: 0014_parties
Revises: 0013
Create Date: 2026-12-04 15:45:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0014_parties"
down_revision = "0013"
branch_labels = None
depends_on = None

_OLD, _NEW = 2, 8


def _party_columns(connection: sa.Connection) -> list[tuple[str, str]]:
    """(table, column) of parties.code and of every column whose foreign key points at it."""
    inspector = sa.inspect(connection)
    found = [("parties", "code")]
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] == "parties":
                found.extend((table, column) for column in key["constrained_columns"])
    return found


def _resize(old: int, new: int) -> None:
    connection = op.get_bind()
    columns = _party_columns(connection)
    if connection.dialect.name == "sqlite":
        _resize_sqlite(connection, columns, old, new)
        return
    if new < old:
        _refuse_long_codes(connection, columns, new)
    for table, column in columns:
        op.alter_column(table, column, type_=sa.String(length=new), existing_type=sa.String(length=old))


def _refuse_long_codes(connection: sa.Connection, columns: list[tuple[str, str]], length: int) -> None:
    """Refuse while any record names an organisation; then drop them from the reference table,
    which accord fills again from its registry on the next upgrade."""
    for table, column in columns:
        if table == "parties":
            continue
        longest = connection.scalar(
            sa.select(sa.func.max(sa.func.length(sa.column(column)))).select_from(sa.table(table))
        )
        if longest is not None and longest > length:
            raise RuntimeError(
                f"{table}.{column} holds codes longer than {length} letters (organisations such as ASEAN); "
                "delete their records before downgrading"
            )
    parties = sa.table("parties", sa.column("code"))
    connection.execute(sa.delete(parties).where(sa.func.length(parties.c.code) > length))


def _resize_sqlite(connection: sa.Connection, columns: list[tuple[str, str]], old: int, new: int) -> None:
    if new < old:
        _refuse_long_codes(connection, columns, new)
    by_table: dict[str, list[str]] = {}
    for table, column in columns:
        by_table.setdefault(table, []).append(column)
    rewritten: dict[str, str] = {}
    for table, names in by_table.items():
        sql = connection.scalar(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": table}
        )
        for name in names:
            # The column's definition as SQLAlchemy wrote it: `party_code VARCHAR(2) NOT NULL, ...`.
            column = rf'((?:^|[(,\s])"?{re.escape(name)}"?\s+VARCHAR\()'
            sql, count = re.subn(rf"{column}{old}\)", rf"\g<1>{new})", sql)
            # A column a later-written migration already declared at the new size needs nothing.
            if count != 1 and not re.search(rf"{column}{new}\)", sql):
                raise RuntimeError(f"cannot find the declaration of {table}.{name} in the SQLite schema")
        rewritten[table] = sql
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema=ON")
    for table, sql in rewritten.items():
        connection.execute(
            sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :name"),
            {"sql": sql, "name": table},
        )
    # A new schema version makes every open connection re-read the schema it has cached.
    connection.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema=OFF")


def upgrade() -> None:
    _resize(_OLD, _NEW)


def downgrade() -> None:
    _resize(_NEW, _OLD)
