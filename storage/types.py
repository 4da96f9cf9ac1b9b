"""Column types that keep our promises on every database: exact decimals, aware UTC,
and closed sets of words (StrEnums) that hold only their members."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from functools import partial
from itertools import repeat
from operator import add, methodcaller
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, Dialect, Float, Numeric, String, func
from sqlalchemy.types import TypeDecorator, TypeEngine

_ZERO = Decimal(0)  # adding it turns -0 into 0


class ExactDecimal(TypeDecorator[Decimal]):
    """NUMERIC on PostgreSQL; text on SQLite, whose numbers are floats and would round."""

    impl = Numeric(28, 8)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(28, 8))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value)
        return format(value.normalize(), "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).normalize() + _ZERO


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC datetimes.

    SQLite has no time zones, so naive values read back are UTC by construction;
    a naive value handed in is a bug in our code, and is refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        # SQLite hands back the ISO text SQLAlchemy wrote: `fromisoformat` parses it in C,
        # in a fifth of the time of SQLAlchemy's processor wrapped in ours (a status
        # list reads 40,000 of these).
        def from_text(value: str | None) -> datetime | None:
            if value is None:
                return None
            return self.process_result_value(datetime.fromisoformat(value), dialect)

        return from_text


def exact_decimals(raw: Iterable[Any]) -> Iterator[Decimal]:
    """`ExactDecimal.process_result_value` over a whole column read raw from the driver
    (text on SQLite, Decimals on PostgreSQL), mapped in C: a bulk read's values."""
    return map(add, map(Decimal.normalize, map(Decimal, raw)), repeat(_ZERO))


def utc_times(raw: Iterable[Any], *, sqlite: bool) -> Iterator[datetime]:
    """`UTCDateTime`'s aware UTC datetimes over a whole column read raw from the driver:
    SQLite hands back naive UTC text, PostgreSQL aware datetimes in the session's zone."""
    if sqlite:
        return map(datetime.fromisoformat, map(add, raw, repeat("+00:00")))
    return map(methodcaller("astimezone", UTC), raw)


EnumT = TypeVar("EnumT", bound=StrEnum)


class StrEnumText(TypeDecorator[EnumT], Generic[EnumT]):
    """A StrEnum stored as its value in a VARCHAR, the same on SQLite and PostgreSQL.

    Writing a word outside the set raises ValueError before it reaches the database
    (a native enum type would need a migration for every new platform or metric);
    reading gives the member back, so callers never convert.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[EnumT], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: EnumT | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> EnumT | None:
        if value is None:
            return None
        # The member by a dict look-up (a status list reads 10,000 rows of three enums);
        # the call for anything else, to raise as a stored word outside the set should.
        member = self.enum._value2member_map_.get(value)
        return member if member is not None else self.enum(value)  # type: ignore[return-value]


def enum_members(enum: type[EnumT], raw: Iterable[str]) -> Iterator[EnumT]:
    """`StrEnumText.process_result_value` over a whole column read raw from the driver."""
    members = enum._value2member_map_
    return (members[v] if v in members else enum(v) for v in raw)  # type: ignore[misc]


def column_values(type_: TypeEngine[Any], raw: Sequence[Any], *, sqlite: bool) -> Sequence[Any]:
    """A whole column read raw from the driver as its column type would hand it back, None
    kept: exact decimals, UTC times and enum members made in bulk (`exact_decimals`,
    `utc_times`, `enum_members`), any other type's values as the driver gave them.

    Each distinct value is converted once (equal raw values convert to equal, immutable
    values): goals share their targets, baselines, start dates and deadlines."""
    convert: Callable[[Iterable[Any]], Iterator[Any]]
    if isinstance(type_, ExactDecimal):
        convert = exact_decimals
    elif isinstance(type_, UTCDateTime):
        convert = partial(utc_times, sqlite=sqlite)
    elif isinstance(type_, StrEnumText):
        convert = partial(enum_members, type_.enum)
    else:
        return raw
    distinct = list(set(raw).difference((None,)))
    made: dict[Any, Any] = dict(zip(distinct, convert(distinct), strict=True))
    made[None] = None
    return list(map(made.__getitem__, raw))


def seconds_between(later: Any, earlier: Any, dialect: str) -> Any:
    """SQL for the seconds from `earlier` to `later` (two `UTCDateTime` columns), as a
    float: SQLite's julianday keeps milliseconds; PostgreSQL's date_part gives a double
    precision (EXTRACT's NUMERIC is slow to compute with)."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.date_part("epoch", later - earlier, type_=Float)
