"""PostgreSQL's fast path for inserting a million rows: COPY into a temporary table, then
one `INSERT … SELECT … ON CONFLICT DO NOTHING` per batch.

A multi-row INSERT of 5,000 rows made psycopg split and rewrite a 60,000-placeholder
statement for every batch, and the server parse and plan it: 43 s for 1M check-ins.
COPY sends rows as a stream the server reads without parsing SQL, and the INSERT …
SELECT keeps every rule of the plain INSERT (constraints, foreign keys, rows already
stored skipped by the same unique keys), so the result is the same rows with the same
ids in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import BigInteger, Column, Identity, MetaData, String, Table, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session

from storage.db import without_nul

COPY_BATCH_ROWS = 100_000
"""Rows per COPY and INSERT … SELECT: the temporary table never holds more than this."""


def copy_insert(*, session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` into `table` in the session's transaction, skipping any a unique key
    already holds (as `ON CONFLICT DO NOTHING` does); the number of rows inserted.

    Every row has the keys of the first; a column none of them names gets its declared
    default, as a Core INSERT would give it.
    """
    dialect = session.get_bind().dialect
    given = [c for c in table.columns if c.name in rows[0]]
    staging = Table(
        f"{table.name}_import",
        MetaData(),
        *(Column(c.name, c.type) for c in given),
        Column("ord", BigInteger, Identity()),  # the file's order, so ids follow it
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    defaults = [
        literal(c.default.arg, c.type).label(c.name)
        for c in table.columns
        if c.name not in rows[0] and isinstance(c.default, ScalarElementColumnDefault)
    ]
    move = (
        insert(table)
        .from_select(
            [*(c.name for c in given), *(d.name for d in defaults)],
            select(*(staging.c[c.name] for c in given), *defaults).order_by(staging.c.ord),
        )
        .on_conflict_do_nothing()
        .execution_options(preserve_rowcount=True)  # an INSERT's count is dropped otherwise
    )
    connection = session.connection()
    staging.create(connection)
    converters = [(c.name, c.type.bind_processor(dialect)) for c in given]
    texts = [i for i, (c, (_, convert)) in enumerate(zip(given, converters, strict=True))
             if convert is None and isinstance(c.type, String)]  # fmt: skip
    copy_sql = f"COPY {staging.name} ({', '.join(c.name for c in given)}) FROM STDIN"
    stored = 0
    cursor = connection.connection.cursor()
    for start in range(0, len(rows), COPY_BATCH_ROWS):
        with cursor.copy(copy_sql) as copy:
            for row in rows[start : start + COPY_BATCH_ROWS]:
                copy.write_row(_values(row, converters, texts))
        stored += connection.execute(move).rowcount
        connection.exec_driver_sql(f"TRUNCATE {staging.name}")
    staging.drop(connection)
    return stored


def _values(
    row: dict[str, Any],
    converters: Sequence[tuple[str, Callable[[Any], Any] | None]],
    texts: list[int],
) -> list[Any]:
    """The row's values as the column types bind them (UTC times, enum values, exact
    decimals), text without NUL characters (see `without_nul`)."""
    values = [row[name] if convert is None else convert(row[name]) for name, convert in converters]
    for i in texts:
        if values[i] and "\x00" in values[i]:
            values[i] = without_nul(values[i])
    return values
