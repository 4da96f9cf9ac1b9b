"""A column read raw and converted at once (`storage.types.column_values`) holds exactly what
the column's type hands back value by value: the same decimals (down to the exponent),
aware UTC times and enum members, None kept, on SQLite's text and PostgreSQL's values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from bot.core.values import Direction
from storage.types import ExactDecimal, StrEnumText, UTCDateTime, column_values

decimals = st.decimals(
    min_value=Decimal("-1E+12"), max_value=Decimal("1E+12"), places=8, allow_nan=False
)
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))
zones = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])


def one_by_one(type_: Any, raw: list[Any], dialect: Any) -> list[Any]:
    """The plain definition: the type's own result processing, a value at a time."""
    process = type_.result_processor(dialect, None)
    return [process(value) if process else value for value in raw]


def repeated(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    """Lists with repeats and None among them, as a column of goals holds."""
    return st.lists(st.one_of(st.none(), values), max_size=8).flatmap(
        lambda drawn: st.lists(st.sampled_from(drawn), max_size=12) if drawn else st.just([])
    )


@given(repeated(decimals))
def test_decimals_as_sqlite_stores_them(values: list[Decimal | None]) -> None:
    raw = [None if v is None else format(v.normalize(), "f") for v in values]
    dialect = sqlite.dialect()
    type_ = ExactDecimal().dialect_impl(dialect)
    expected = one_by_one(type_, raw, dialect)
    assert repr(column_values(ExactDecimal(), raw, sqlite=True)) == repr(expected)


@given(repeated(decimals))
def test_decimals_as_postgresql_gives_them(raw: list[Decimal | None]) -> None:
    dialect = postgresql.psycopg.dialect()
    expected = [ExactDecimal().process_result_value(v, dialect) for v in raw]
    assert repr(column_values(ExactDecimal(), raw, sqlite=False)) == repr(expected)


@given(repeated(times))
def test_times_as_sqlite_stores_them(values: list[datetime | None]) -> None:
    raw = [None if v is None else v.isoformat(sep=" ", timespec="microseconds") for v in values]
    dialect = sqlite.dialect()
    expected = one_by_one(UTCDateTime(), raw, dialect)
    assert repr(column_values(UTCDateTime(), raw, sqlite=True)) == repr(expected)


@given(repeated(st.tuples(times, zones)))
def test_times_as_postgresql_gives_them(values: list[tuple[datetime, Any] | None]) -> None:
    raw = [None if v is None else v[0].replace(tzinfo=v[1]) for v in values]
    dialect = postgresql.psycopg.dialect()
    expected = [UTCDateTime().process_result_value(v, dialect) for v in raw]
    assert repr(column_values(UTCDateTime(), raw, sqlite=False)) == repr(expected)


@given(repeated(st.sampled_from([d.value for d in Direction])))
def test_enum_members(raw: list[str | None]) -> None:
    type_ = StrEnumText(Direction, 16)
    expected = [type_.process_result_value(v, sqlite.dialect()) for v in raw]
    assert column_values(type_, raw, sqlite=True) == expected
