"""PostgreSQL's fast path for inserting a million rows: binary COPY into a temporary
table, then one `INSERT … SELECT … ON CONFLICT DO NOTHING` per batch.

A multi-row INSERT of 5,000 rows made psycopg split and rewrite a 45,000-placeholder
statement for every batch, and the server parse and plan it: most of the 43 s that 1M
check-ins took. COPY streams rows the server reads without parsing SQL (binary: no
number or time parsed from text either), and the INSERT … SELECT keeps every rule of
the plain INSERT (constraints, foreign keys, rows already stored skipped by the same
unique keys), so the same rows are stored, with ids in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session

from storage.db import without_nul

COPY_BATCH_ROWS = 100_000
"""Rows per COPY and INSERT … SELECT: the temporary table never holds more than this."""

Converter = Callable[[Any], Any] | None


def copy_insert(*, session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` into `table` in the session's transaction, skipping any a unique key
    already holds (as `ON CONFLICT DO NOTHING` does); the number of rows inserted.

    Every row has the keys of the first; a column none of them names gets its declared
    default, as a Core INSERT would give it.
    """
    connection = session.connection()
    given = [c for c in table.columns if c.name in rows[0]]
    staging = Table(
        f"{table.name}_import",
        MetaData(),
        *(Column(c.name, c.type) for c in given),
        Column("ord", BigInteger, Identity()),  # the order given, so ids follow it
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    staging.create(connection)
    dialect = connection.dialect
    converters = [(c.name, _converter(c.type, dialect)) for c in given]
    texts = [i for i, c in enumerate(given) if isinstance(_base_type(c.type), String)]
    copy_sql = (
        f"COPY {staging.name} ({', '.join(c.name for c in given)}) FROM STDIN (FORMAT BINARY)"
    )
    types = _type_oids(connection, staging.name)
    move = _move_statement(table, staging, rows[0])
    # psycopg's own connection: COPY is not part of the DB-API SQLAlchemy wraps.
    psycopg_connection = cast(psycopg.Connection[Any], connection.connection.driver_connection)
    stored = 0
    for start in range(0, len(rows), COPY_BATCH_ROWS):
        with psycopg_connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            copy.set_types(types)
            for row in rows[start : start + COPY_BATCH_ROWS]:
                copy.write_row(_values(row, converters, texts))
        stored += connection.execute(move).rowcount
        connection.exec_driver_sql(f"TRUNCATE {staging.name}")
    staging.drop(connection)
    return stored


def _move_statement(table: Table, staging: Table, first: dict[str, Any]) -> Any:
    defaults = [
        literal(c.default.arg, c.type).label(c.name)
        for c in table.columns
        if c.name not in first and isinstance(c.default, ScalarElementColumnDefault)
    ]
    copied = [c for c in staging.columns if c.name != "ord"]
    return (
        insert(table)
        .from_select(
            [*(c.name for c in copied), *(d.name for d in defaults)],
            select(*copied, *defaults).order_by(staging.c.ord),
        )
        .on_conflict_do_nothing()
        .execution_options(preserve_rowcount=True)  # an INSERT's count is dropped otherwise
    )


def _type_oids(connection: Connection, name: str) -> list[int]:
    """The staged columns' PostgreSQL types, which binary COPY must be told."""
    query = (
        f"SELECT atttypid FROM pg_attribute WHERE attrelid = '{name}'::regclass"
        " AND attnum > 0 AND attname <> 'ord' ORDER BY attnum"
    )
    return [int(oid) for oid in connection.exec_driver_sql(query).scalars()]


def _converter(column_type: Any, dialect: Any) -> Converter:
    """The column type's own conversion (`storage.types`: UTC times, enum values, exact
    decimals), without the driver's after it, which turns a Decimal into a float."""
    own = getattr(type(column_type), "process_bind_param", TypeDecorator.process_bind_param)
    if own is TypeDecorator.process_bind_param:
        return None
    return partial(column_type.process_bind_param, dialect=dialect)


def _base_type(column_type: Any) -> Any:
    """The SQL type under a decorated one (sqlmodel stores every `str` as an `AutoString`)."""
    return getattr(column_type, "impl_instance", column_type)


def _values(row: dict[str, Any], converters: list[tuple[str, Converter]], texts: list[int]) -> Any:
    """The row's values as bound, text without NUL characters (see `without_nul`)."""
    values = [row[name] if convert is None else convert(row[name]) for name, convert in converters]
    for i in texts:
        if values[i] and "\x00" in values[i]:
            values[i] = without_nul(values[i])
    return values
