"""Inserting many rows of one table at once: on PostgreSQL a COPY, on SQLite the driver's executemany.

psycopg runs an executemany as one INSERT per row (pipelined, but each planned and run by the
server on its own): storing 5 MB of texts is about 250,000 rows, and on PostgreSQL the storing
process spent most of its time waiting for those. COPY sends the rows as one stream. On SQLite
the statement itself is quick, and SQLAlchemy's handling of each row's parameters (a dict per
row, looked through for every column) took two fifths of what an executemany cost: the rows go
to sqlite3's own executemany as tuples. Either way the rows go through the same type processing
as an INSERT would give them (the columns' bind processors, and the Python-side defaults of the
columns a row leaves out), and a row the database refuses raises SQLAlchemy's error for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

# Fewer rows than this go through SQLAlchemy's executemany: setting up a COPY costs more than a
# few INSERTs, and for a few rows SQLAlchemy's handling costs little.
DIRECT_FROM = 20


def insert_rows(session: Session, target: TableClause, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (all with the same keys, as an executemany needs) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    name = connection.dialect.name
    columns = _Columns.of(target, list(rows[0]), connection.dialect) if len(rows) >= DIRECT_FROM else None
    if columns is None or name not in ("postgresql", "sqlite"):
        session.execute(target.insert(), list(rows))
        return
    session.flush()  # as an INSERT through the session would: pending objects first
    (_copy if name == "postgresql" else _executemany)(connection, target, columns, rows)


class _Columns:
    """The columns a bulk insert fills: those the rows give, then those left out that take a
    Python-side default; and how each value is processed for the driver."""

    def __init__(
        self,
        given: list[str],
        defaults: list[Callable[[], Any]],
        names: list[str],
        processors: list[Callable[[Any], Any] | None],
    ) -> None:
        self.given = given
        self.defaults = defaults
        self.names = names
        self.processors = processors

    @classmethod
    def of(cls, target: TableClause, given: list[str], dialect: Dialect) -> _Columns | None:
        """None when a left-out column's default is a SQL expression or sequence (SQLAlchemy's to run)."""
        columns = [target.c[key] for key in given]
        # A column a row leaves out takes its Python-side default, as in an INSERT; server-side
        # defaults (identity, now(), generated columns) the database fills in itself.
        defaults: list[Callable[[], Any]] = []
        for column in target.c:
            default = getattr(column, "default", None)
            if column.key in given or default is None:
                continue
            if default.is_scalar:
                defaults.append(partial(_same, default.arg))
            elif default.is_callable:
                defaults.append(partial(default.arg, None))  # SQLAlchemy's wrapper takes a context
            else:
                return None
            columns.append(column)
        quote = dialect.identifier_preparer.quote
        return cls(
            given, defaults, [quote(c.name) for c in columns], [_processor(c, dialect) for c in columns]
        )

    def values(self, rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[Any]]:
        """Each row's values, processed, in the order of `names`."""
        given, defaults = self.given, self.defaults
        get = itemgetter(*given) if len(given) > 1 else _single(given[0])
        # Most columns (integers, text) have no processor: only those that have one are visited.
        processed = [(at, process) for at, process in enumerate(self.processors) if process is not None]
        if not processed and not defaults:
            yield from map(get, rows)
            return
        for row in rows:
            values = [*get(row), *(make() for make in defaults)]
            for at, process in processed:
                values[at] = process(values[at])
            yield values


def _copy(
    connection: Connection, target: TableClause, columns: _Columns, rows: Sequence[dict[str, Any]]
) -> None:
    preparer = connection.dialect.identifier_preparer
    statement = f"COPY {preparer.format_table(target)} ({', '.join(columns.names)}) FROM STDIN"
    driver = connection.connection.driver_connection
    assert driver is not None
    with (
        _as_sqlalchemy_raises(connection, statement),
        driver.cursor() as cursor,  # type: ignore[attr-defined]
        cursor.copy(statement) as copy,
    ):
        for values in columns.values(rows):
            copy.write_row(values)


def _executemany(
    connection: Connection, target: TableClause, columns: _Columns, rows: Sequence[dict[str, Any]]
) -> None:
    preparer = connection.dialect.identifier_preparer
    marks = ", ".join("?" * len(columns.names))
    statement = f"INSERT INTO {preparer.format_table(target)} ({', '.join(columns.names)}) VALUES ({marks})"
    driver = connection.connection.driver_connection
    assert driver is not None
    with _as_sqlalchemy_raises(connection, statement):
        cursor = driver.cursor()
        try:
            cursor.executemany(statement, columns.values(rows))
        finally:
            cursor.close()


@contextmanager
def _as_sqlalchemy_raises(connection: Connection, statement: str) -> Iterator[None]:
    """A driver error as SQLAlchemy raises it for an INSERT: a refused row is an IntegrityError to
    every caller (and `Database.transaction` makes that a Conflict)."""
    dbapi_error = connection.dialect.loaded_dbapi.Error
    try:
        yield
    except dbapi_error as error:
        raise DBAPIError.instance(statement, None, error, dbapi_error, dialect=connection.dialect) from error


def _same(value: Any) -> Any:
    return value


def _single(key: str) -> Callable[[dict[str, Any]], tuple[Any]]:
    def get(row: dict[str, Any]) -> tuple[Any]:
        return (row[key],)

    return get


def _processor(column: Column[Any] | Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    processor: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor
