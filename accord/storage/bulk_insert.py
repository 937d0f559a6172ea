"""Inserting many rows of one table at once: an executemany, or on PostgreSQL a COPY.

psycopg runs an executemany as one INSERT per row (pipelined, but each planned and run by the
server on its own): storing 5 MB of texts is about 250,000 rows, and on PostgreSQL the storing
process spent most of its time waiting for those. COPY sends the rows as one stream. The rows go
through the same type processing as an INSERT would give them (the columns' bind processors, and
the Python-side defaults of the columns a row leaves out).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Column, Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

# Fewer rows than this go in as an executemany: setting up a COPY costs more than a few INSERTs.
COPY_FROM = 20


def insert_rows(session: Session, target: TableClause, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (all with the same keys, as an executemany needs) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        session.execute(target.insert(), list(rows))
        return
    session.flush()  # as an INSERT through the session would: pending objects first
    _copy(connection, target, rows)


def _copy(connection: Connection, target: TableClause, rows: Sequence[dict[str, Any]]) -> None:
    dialect = connection.dialect
    given = list(rows[0])
    columns = [target.c[key] for key in given]
    # A column a row leaves out takes its Python-side default, as in an INSERT; server-side
    # defaults (identity, now(), generated columns) the server fills in itself.
    defaults: list[tuple[Any, Callable[[], Any]]] = []
    for column in target.c:
        default = getattr(column, "default", None)
        if column.key in given or default is None:
            continue
        if default.is_scalar:
            defaults.append((column, partial(_same, default.arg)))
        elif default.is_callable:
            defaults.append((column, partial(default.arg, None)))  # SQLAlchemy's wrapper takes a context
        else:  # a SQL expression or sequence: leave the statement to SQLAlchemy
            connection.execute(target.insert(), list(rows))
            return
    processors = [_processor(column, dialect) for column in columns]
    extra = [_processor(column, dialect) for column, _ in defaults]
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(column.name) for column in [*columns, *(column for column, _ in defaults)])
    statement = f"COPY {dialect.identifier_preparer.format_table(target)} ({names}) FROM STDIN"
    driver = connection.connection.driver_connection
    assert driver is not None
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for row in rows:
                values = [
                    row[key] if process is None else process(row[key])
                    for key, process in zip(given, processors, strict=True)
                ]
                for (_, make), process in zip(defaults, extra, strict=True):
                    value = make()
                    values.append(value if process is None else process(value))
                copy.write_row(values)
    except connection.dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy raises it for an INSERT: a refused row is an IntegrityError to every caller.
        raise DBAPIError.instance(
            statement, None, error, connection.dialect.loaded_dbapi.Error, dialect=connection.dialect
        ) from error


def _same(value: Any) -> Any:
    return value


def _processor(column: Column[Any] | Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    processor: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor
