"""Inserting a million rows fast, with the rules of `INSERT … ON CONFLICT DO NOTHING`.

PostgreSQL: binary COPY straight into the table, a batch at a time, each in a
savepoint. A multi-row INSERT of 5,000 rows made psycopg split and rewrite a
45,000-placeholder statement for every batch, and the server parse and plan it: most
of the 43 s that 1M check-ins took. COPY streams rows the server reads without parsing
SQL (binary: no number or time parsed from text either), and keeps every constraint and
foreign key. COPY has no `ON CONFLICT`, so a batch holding a row a unique key already
holds is refused whole and goes again the slower way: COPY into a temporary table,
then `INSERT … SELECT … ON CONFLICT DO NOTHING`. A fresh import never conflicts, and
skipping the temporary table and the INSERT's second pass over every row took a third
of the server's CPU (12.2 -> 8.4 s for 1M check-ins).

SQLite: one prepared INSERT run by the driver's `executemany`, in C, with a larger
page cache (`SQLITE_CACHE_KIB`). SQLAlchemy's multi-row INSERT spent three times the
database's own time building each row's parameters.

Both store the same rows as the plain INSERT, with ids in the order given: values go
through the column types' conversions (`storage.types`), text loses NUL characters
(`without_nul`), and a column the rows do not name gets its declared default.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, cast

import psycopg
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Identity,
    MetaData,
    String,
    Table,
    TypeDecorator,
    select,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session

from storage.db import without_nul

COPY_BATCH_ROWS = 100_000
"""Rows per COPY (and per savepoint): a batch refused for a conflict is copied again."""

SQLITE_CACHE_KIB = -65_536
"""SQLite's page cache while inserting (negative: KiB, so 64 MiB): with the default 2 MiB
the transaction's pages of four indexes were spilled to the log and read back, 0.7 s of
9.8 s of CPU for 1M check-ins. The connection's own size is put back afterwards."""

Converter = Callable[[Any], Any] | None


def bulk_insert(*, session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` into `table` in the session's transaction, skipping any a unique key
    already holds (as `ON CONFLICT DO NOTHING` does); the number of rows inserted.

    Every row has the keys of the first; a column none of them names gets its declared
    default, as a Core INSERT would give it.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _copy_insert(connection, table, rows)
    return _executemany_insert(connection, table, rows)


def _executemany_insert(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> int:
    columns, values = _row_maker(
        table, rows[0], lambda column: _bind_processor(column, connection.dialect)
    )
    names = ", ".join(c.name for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    # The sqlite3 module's own cursor: its executemany takes rows as they are made.
    cursor = cast(sqlite3.Connection, connection.connection.driver_connection).cursor()
    cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
    try:
        cursor.executemany(sql, map(values, rows))
        return int(cursor.rowcount)  # the rows inserted: a skipped one changes none
    except sqlite3.Error as error:  # raised as SQLAlchemy raises it, e.g. an IntegrityError
        raise DBAPIError.instance(sql, None, error, sqlite3.Error) from error
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(cache)}")  # the pages above it are freed
        cursor.close()


def _bind_processor(column: Column[Any], dialect: Any) -> Converter:
    """The conversion SQLAlchemy applies to the column's values on this database: the
    type's own (`storage.types`), then the one for the SQL type it stores as there
    (text for SQLite's decimals: the plain type's would round them through a float)."""
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _copy_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    columns, values = _row_maker(
        table, rows[0], lambda column: _own_converter(column.type, connection.dialect)
    )
    copy = _Copy(connection, columns)
    staging: Table | None = None
    stored = 0

    def converted(batch: Sequence[dict[str, Any]]) -> Iterator[list[Any]]:
        # Made as COPY sends them: the server stores rows while later ones are converted.
        return map(values, batch)

    for start in range(0, len(rows), COPY_BATCH_ROWS):
        batch = rows[start : start + COPY_BATCH_ROWS]
        try:
            with connection.begin_nested():  # a savepoint: a refused batch leaves nothing
                stored += copy.into(table.name, converted(batch))
        except psycopg.errors.UniqueViolation:  # a row a unique key holds: skip such rows
            staging = _staging(connection, table, columns) if staging is None else staging
            copy.into(staging.name, converted(batch))
            stored += connection.execute(_move_statement(table, staging)).rowcount
            connection.exec_driver_sql(f"TRUNCATE {staging.name}")
        except psycopg.Error as error:  # raised as SQLAlchemy raises it, e.g. an IntegrityError
            raise DBAPIError.instance("COPY", None, error, psycopg.Error) from error
    if staging is not None:
        staging.drop(connection)
    return stored


class _Copy:
    """Binary COPY of converted rows into the table or its staging copy (same columns)."""

    def __init__(self, connection: Connection, columns: list[Column[Any]]) -> None:
        # psycopg's own connection: COPY is not part of the DB-API SQLAlchemy wraps.
        self.driver = cast(psycopg.Connection[Any], connection.connection.driver_connection)
        self.names = ", ".join(c.name for c in columns)
        query = "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass"
        with self.driver.cursor() as cursor:  # the types binary COPY must be told
            types = dict(cursor.execute(query, (columns[0].table.name,)).fetchall())
        self.types = [int(types[c.name]) for c in columns]

    def into(self, name: str, rows: Iterable[list[Any]]) -> int:
        """Copy `rows` into table `name`; the number of rows stored."""
        sql = f"COPY {name} ({self.names}) FROM STDIN (FORMAT BINARY)"
        with self.driver.cursor() as cursor:
            with cursor.copy(sql) as copy:
                copy.set_types(self.types)
                for row in rows:
                    copy.write_row(row)
            return int(cursor.rowcount)


def _staging(connection: Connection, table: Table, columns: list[Column[Any]]) -> Table:
    """A temporary table of `columns` for rows that must go through `ON CONFLICT`."""
    staging = Table(
        f"{table.name}_import",
        MetaData(),
        *(Column(c.name, c.type) for c in columns),
        Column("ord", BigInteger, Identity()),  # the order given, so ids follow it
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    staging.create(connection)
    return staging


def _defaults(table: Table, first: dict[str, Any]) -> list[tuple[Column[Any], Any]]:
    """The columns the rows do not name, with their declared default values."""
    return [
        (c, c.default.arg)
        for c in table.columns
        if c.name not in first and isinstance(c.default, ScalarElementColumnDefault)
    ]


def _row_maker(
    table: Table, first: dict[str, Any], converter: Callable[[Column[Any]], Converter]
) -> tuple[list[Column[Any]], Callable[[dict[str, Any]], list[Any]]]:
    """The columns an INSERT names (those `first` names, then the defaulted ones) and what
    makes a row's values for them, each converted by `converter(column)` as bound."""
    given = [c for c in table.columns if c.name in first]
    defaults = _defaults(table, first)
    converters = [(c.name, _remembering(converter(c))) for c in given]
    texts = _texts(given)
    fixed = [  # the same in every row
        value if convert is None else convert(value)
        for column, value in defaults
        for convert in [converter(column)]
    ]

    def values(row: dict[str, Any]) -> list[Any]:
        return [*_values(row, converters, texts), *fixed]

    return [*given, *(column for column, _ in defaults)], values


def _move_statement(table: Table, staging: Table) -> Any:
    copied = [c for c in staging.columns if c.name != "ord"]
    return (
        insert(table)
        .from_select([c.name for c in copied], select(*copied).order_by(staging.c.ord))
        .on_conflict_do_nothing()
        .execution_options(preserve_rowcount=True)  # an INSERT's count is dropped otherwise
    )


def _own_converter(column_type: Any, dialect: Any) -> Converter:
    """The column type's own conversion (`storage.types`: UTC times, enum values, exact
    decimals), without the driver's after it, which turns a Decimal into a float."""
    own = getattr(type(column_type), "process_bind_param", TypeDecorator.process_bind_param)
    if own is TypeDecorator.process_bind_param:
        return None
    return partial(column_type.process_bind_param, dialect=dialect)


def _remembering(convert: Converter) -> Converter:
    """`convert`, reusing its last answer for the very same object: every row of an
    import shares one `created_at`, and converting it a million times cost seconds."""
    if convert is None:
        return None
    last: list[Any] = [object(), None]

    def convert_last(value: Any) -> Any:
        if value is not last[0]:
            last[:] = [value, convert(value)]
        return last[1]

    return convert_last


def _texts(columns: list[Column[Any]]) -> list[int]:
    """Positions of the text columns (under sqlmodel's `AutoString` decoration too)."""
    return [
        i
        for i, c in enumerate(columns)
        if isinstance(getattr(c.type, "impl_instance", c.type), String)
    ]


def _values(row: dict[str, Any], converters: list[tuple[str, Converter]], texts: list[int]) -> Any:
    """The row's values as bound, text without NUL characters (see `without_nul`)."""
    values = [row[name] if convert is None else convert(row[name]) for name, convert in converters]
    for i in texts:
        if values[i] and "\x00" in values[i]:
            values[i] = without_nul(values[i])
    return values
